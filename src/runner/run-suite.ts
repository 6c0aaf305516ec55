import { createReadStream, existsSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { wrapLanguageModel } from 'ai'
import type { LanguageModelV4 } from '@ai-sdk/provider'
import pLimit from 'p-limit'
import type { DatasetSpecInput, SuiteConfig } from '../config/config-schema.js'
import type { CassetteMissError } from '../core/errors/cassette-miss-error.js'
import { DatasetError } from '../core/errors/dataset-error.js'
import { UsageError } from '../core/errors/usage-error.js'
import type { Sample } from '../core/types.js'
import { hashDataset, readDataset } from '../dataset/index.js'
import { buildEvidenceEntry, describeEvaluator } from '../evidence/build-evidence-entry.js'
import type { EvidenceSink, StoredSample } from '../evidence/evidence-record.js'
import { modelRef } from '../versioning/model-ref.js'
import { cassetteMiddleware, type CassetteMode } from './cassette-middleware.js'
import { OrderedFlusher } from './ordered-flusher.js'
import { evidenceKey } from './run-dir-state.js'
import type { ResumeState } from './run-directory.js'
import type { RunEventListener } from './run-events.js'
import { runCase } from './run-case.js'
import { caseKey, expandCaseRecord, type RunJournal } from './run-journal.js'
import type { CaseRecord, DatasetInfo, SuiteReport } from './run-report.js'
import { shardOf } from './shard.js'
import type { CaseSelector } from './case-selector.js'
import { SuiteResults, type BaselineIndex } from './suite-results.js'

/** What every suite of a run shares. */
export interface RunContext {
  runId: string
  /** Directory of the config file: dataset and cassette paths are relative to it. */
  configDir: string
  cassettes: CassetteMode
  shard?: { index: number; count: number }
  concurrency: number
  maxReportCases: number
  /** `--filter` / `--limit` / `--max-failures` (see case-selector.ts). */
  selector: CaseSelector
  evidence: EvidenceSink
  journal: RunJournal
  resumed: ResumeState
  git?: { commit: string; dirty: boolean }
  baseline?: BaselineIndex
  signal?: AbortSignal
  onEvent: RunEventListener
  now: () => Date
  /** The judged sample as stored with its case and evidence (redacted by default; possibly on another thread). */
  store: (judged: Sample) => StoredSample | Promise<StoredSample>
  /** Redacts a case id as stored text is; undefined when evidence is stored raw. */
  redactId?: (id: string) => string | Promise<string>
  /** Redacts one text as stored text is, at once (cassettes); undefined when evidence is stored raw. */
  redactText?: (text: string) => string
  /** A path as reports show it (relative to the working directory when inside it). */
  rel: (path: string) => string
  /** Counts evidence records appended. */
  onEvidence: (records: number) => void
  /** A judge criterion that did not run (no judge configured) fails the gate. */
  requireJudge?: boolean
}

/**
 * Run one suite: read its datasets row by row, run cases concurrently (p-limit), journal each
 * finished case at once, and append evidence and account results in dataset order. Throws what
 * stopped the suite (bad row with `onBadRow: 'stop'`, interrupt, cassette miss, sink failure)
 * after the cases in flight have finished and been recorded.
 */
export async function runSuite(ctx: RunContext, suite: SuiteConfig): Promise<SuiteReport> {
  const { evidence, journal, resumed, shard, onEvent, selector } = ctx
  const specs = (Array.isArray(suite.dataset) ? suite.dataset : [suite.dataset]).map((d) => (typeof d === 'string' ? { path: d } : d))
  const resolvedSpecs = specs.map((spec: DatasetSpecInput) => ({ ...spec, path: resolve(ctx.configDir, spec.path) }))
  const cassetteDir = suite.cassettes ? resolve(ctx.configDir, suite.cassettes) : join(resolve(resolvedSpecs[0]!.path, '..'), 'cassettes')
  // A replay miss means the cassettes are stale: stop the run (exit 2) instead of scoring errors.
  let cassetteMiss: CassetteMissError | undefined
  const wrapModel = <M>(model: M): M => {
    if (ctx.cassettes === 'off' || !isLanguageModel(model)) return model
    return wrapLanguageModel({ model, middleware: cassetteMiddleware({ dir: cassetteDir, mode: ctx.cassettes, onMiss: (e) => (cassetteMiss ??= e), ...(ctx.redactText ? { redact: ctx.redactText } : {}) }) }) as M
  }
  const suiteModel = modelRef(suite.model)
  const prompt = suite.prompt ? { id: suite.prompt.id, version: suite.prompt.version, sha256: suite.prompt.sha256 } : undefined
  const evaluators = suite.evaluators.map(describeEvaluator)
  const results = new SuiteResults(suite, ctx.maxReportCases, ctx.baseline, ctx.requireJudge)
  const datasets: DatasetInfo[] = []
  const skippedRows: SuiteReport['skippedRows'] = []
  const concurrency = suite.concurrency ?? ctx.concurrency
  const limit = pLimit(concurrency)

  // Appends are handed to the sink in order without waiting for each one, so the sink can write
  // them in batches under one lock; they are awaited every few hundred and at the end.
  let appends: Promise<unknown>[] = []
  const settleAppends = async () => {
    const batch = appends
    appends = []
    await Promise.all(batch)
  }
  const flusher = new OrderedFlusher<{ record: CaseRecord; dataset: DatasetInfo; writeEvidence: boolean }>(async ({ record, dataset, writeEvidence }) => {
    if (writeEvidence) {
      for (const [i, result] of record.results.entries()) {
        const entry = buildEvidenceEntry({
          ts: ctx.now().toISOString(),
          subject: { runId: ctx.runId, suite: suite.name, caseId: record.caseId, dataset: { path: dataset.path, sha256: dataset.sha256, row: record.row }, ...(ctx.git ? { git: ctx.git } : {}) },
          evaluator: evaluators[i]!,
          result,
          ...(prompt ? { prompt } : {}),
          ...(record.model ? { model: record.model } : {}),
          ...(record.sample ? { sample: record.sample } : {}),
        })
        const appended = evidence.append(entry)
        appended.catch((e) => (failure ??= e)) // a failed write (disk full, EFBIG) stops the run at once: exit 2, never an unhandled rejection
        appends.push(appended)
      }
      ctx.onEvidence(record.results.length)
      if (appends.length >= 512) await settleAppends()
    }
    results.account(record)
  }, Math.max(16, 4 * concurrency))

  let position = 0
  let estimatedRows = 0
  for (const spec of resolvedSpecs) estimatedRows += await estimateRows(spec.path)
  onEvent({ type: 'suite-start', suite: suite.name, ...(estimatedRows ? { estimatedRows: shard ? Math.ceil(estimatedRows / shard.count) : estimatedRows } : {}) })
  let finished = 0
  const inFlight = new Set<Promise<void>>()
  let failure: unknown

  // A bad row (onBadRow "stop") or an unreadable file stops dispatching; the cases in flight still
  // finish and are recorded before the suite throws it.
  try {
    for (const [datasetIndex, spec] of resolvedSpecs.entries()) {
      const datasetInfo: DatasetInfo = { path: ctx.rel(spec.path), sha256: await hashDataset(spec.path), rows: 0, skippedRows: 0 }
      datasets.push(datasetInfo)
      const onBadRow = spec.onBadRow ?? suite.onBadRow ?? 'stop'
      const rows = readDataset(
        { ...spec, onBadRow, required: spec.required ?? (suite.task === 'recorded' ? ['output'] : ['input']) },
        {
          onSkip: (error: DatasetError) => {
            datasetInfo.skippedRows++
            skippedRows.push({ file: ctx.rel(error.file), ...(error.line !== undefined ? { line: error.line } : {}), ...(error.field ? { field: error.field } : {}), detail: error.detail })
            onEvent({ type: 'row-skipped', suite: suite.name, error })
          },
        },
      )
      for await (const { sample, index, line } of rows) {
        if (ctx.signal?.aborted) failure ??= new UsageError({ message: `interrupted; ${finished} cases finished and kept — continue with --resume` })
        if (failure || selector.stopped || selector.suiteFull) break
        if (shard && shardOf(sample.id ?? `${datasetIndex}:${index}`, shard.count) !== shard.index) continue
        const rawId = sample.id ?? `${basename(spec.path)}#${index + 1}`
        if (!selector.accepts(rawId, sample)) continue
        datasetInfo.rows++
        const pos = position++
        await flusher.slot(pos)
        const journalled = resumed.done.get(caseKey(suite.name, datasetIndex, index))
        const previous = journalled && expandCaseRecord(journalled, suite.evaluators)
        if (previous) {
          const inEvidence = resumed.inEvidence.has(evidenceKey(suite.name, datasetInfo.path, index))
          finished++
          selector.noteCase(previous)
          onEvent({ type: 'case-done', suite: suite.name, record: previous, done: finished, failed: results.failedCases, reused: true })
          void flusher.add(pos, { record: previous, dataset: datasetInfo, writeEvidence: !inEvidence }).catch((e) => (failure ??= e))
          continue
        }
        const checkAbort = () => {
          if (cassetteMiss) throw cassetteMiss
        }
        // Stored id and (for recorded outputs, known now) stored text are asked for at dispatch, while
        // the case waits for its slot: the redaction thread gets them in batches of many cases.
        const caseId = sample.id !== undefined ? (ctx.redactId?.(sample.id) ?? sample.id) : rawId
        const stored = suite.task === 'recorded' ? settleLater(ctx.store(sample)) : undefined
        if (typeof caseId !== 'string') caseId.catch(() => {}) // a case never run (the run stopped) leaves it unawaited
        const run = () => runCase({ suite, sample, dataset: datasetIndex, row: index, line, caseId, ...(stored ? { stored } : {}), ...(suiteModel ? { suiteModel } : {}), wrapModel, store: ctx.store, checkAbort })
        // A case counts towards --max-failures before its slot is released; once the run stopped, queued cases are not run.
        const task: Promise<void> = limit(() => (selector.stopped ? undefined : run().then(selector.noteCase)))
          .then(async (record) => {
            if (!record) return void (datasetInfo.rows--, await flusher.add(pos, undefined))
            await journal.append(record, suite.evaluators)
            finished++
            onEvent({ type: 'case-done', suite: suite.name, record, done: finished, failed: results.failedCases + (record.passed ? 0 : 1), reused: false })
            await flusher.add(pos, { record, dataset: datasetInfo, writeEvidence: true })
          })
          .catch((error) => {
            failure ??= error
            flusher.stop() // this case's position is never filled: wake the dispatcher so the run ends (exit 2), never hangs
          })
          .finally(() => inFlight.delete(task))
        inFlight.add(task)
      }
      if (failure || selector.stopped || selector.suiteFull) break
    }
  } catch (error) {
    failure ??= error
  }
  await Promise.all(inFlight)
  await flusher.idle().catch((e) => (failure ??= e))
  await settleAppends().catch((e) => (failure ??= e))
  if (failure) throw failure
  if (results.caseCount === 0 && !shard && !selector.active) {
    throw new DatasetError({
      file: datasets.map((d) => d.path).join(', '),
      code: 'empty_dataset',
      detail: `suite "${suite.name}" has no rows to evaluate${skippedRows.length ? ` (${skippedRows.length} skipped as bad)` : ''}: nothing to gate`,
    })
  }
  const report = results.report({ datasets, evaluators, skippedRows, ...(prompt ? { prompt } : {}), ...(suiteModel ? { model: suiteModel } : {}) })
  if (selector.stoppedIn(suite.name)) {
    report.gate.checks.push({ scope: 'suite', metric: 'complete', threshold: 1, actual: 0, passed: false })
    report.gate.passed = false
  }
  return report
}

/** A value or promise that may be awaited later or never: a rejection is not reported as unhandled (whoever awaits it still sees it). */
function settleLater<T>(value: T | Promise<T>): T | Promise<T> {
  if (value instanceof Promise) value.catch(() => {})
  return value
}

function isLanguageModel(model: unknown): model is LanguageModelV4 {
  return model !== null && typeof model === 'object' && typeof (model as { doGenerate?: unknown }).doGenerate === 'function'
}

async function countLines(path: string): Promise<number> {
  let count = 0
  for await (const chunk of createReadStream(path)) {
    const buf = chunk as Buffer
    for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) count++
  }
  return count
}

/** A quick row estimate for the progress bar: newlines minus a CSV header. Multi-line cells make it approximate. */
async function estimateRows(path: string): Promise<number> {
  if (!existsSync(path)) return 0
  const lines = await countLines(path)
  return path.endsWith('.csv') ? Math.max(0, lines - 1) : lines
}
