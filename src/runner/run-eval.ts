import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { basename, isAbsolute, join, relative, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { wrapLanguageModel } from 'ai'
import type { LanguageModelV4 } from '@ai-sdk/provider'
import pLimit from 'p-limit'
import type { DatasetSpecInput, SuiteConfig, TaskContext, TaskOutput, VouchConfig } from '../config/config-schema.js'
import type { CassetteMissError } from '../core/errors/cassette-miss-error.js'
import { DatasetError } from '../core/errors/dataset-error.js'
import { UsageError } from '../core/errors/usage-error.js'
import { sha256 } from '../core/hash.js'
import { errorResult, runEvaluator } from '../core/run-evaluator.js'
import type { EvalResult, Evaluator, ModelRef, Sample } from '../core/types.js'
import { hashDataset, readDataset } from '../dataset/index.js'
import type { EvidenceEntry, EvidenceSink } from '../evidence/evidence-record.js'
import { jsonlEvidence } from '../evidence/jsonl-evidence.js'
import { resolveSaltInfo } from '../evidence/resolve-salt.js'
import { storedSample } from '../evidence/stored-sample.js'
import { gitInfo } from '../versioning/git-info.js'
import { modelRef } from '../versioning/model-ref.js'
import { cassetteMiddleware, type CassetteMode } from './cassette-middleware.js'
import { applyGate, evaluatorSummary, Tally } from './gate.js'
import { OrderedFlusher } from './ordered-flusher.js'
import type { RunEventListener } from './run-events.js'
import { caseKey, RunJournal } from './run-journal.js'
import {
  baselineByEvaluator,
  REPORT_SCHEMA_VERSION,
  type CaseRecord,
  type DatasetInfo,
  type EvaluatorInfo,
  type Regression,
  type RunReport,
  type SuiteReport,
} from './run-report.js'
import { shardOf } from './shard.js'

export interface RunEvalOptions {
  config: VouchConfig
  /** Absolute path of the config file (its directory anchors relative paths). */
  configFile: string
  /** Where relative output paths and report paths are anchored (the user's working directory). */
  cwd: string
  /** Run only these suites (all when empty). */
  suites?: string[]
  outDir?: string
  runId?: string
  /** Continue the run in `runId` (or the latest unfinished one) without redoing finished cases. */
  resume?: boolean
  concurrency?: number
  cassettes?: CassetteMode
  baseline?: RunReport & { path: string }
  shard?: { index: number; count: number }
  env?: Record<string, string | undefined>
  onEvent?: RunEventListener
  /** Most cases kept in report.json; beyond it passing cases are left out (they stay in evidence). */
  maxReportCases?: number
  toolVersion?: string
  /** Abort to stop dispatching new cases: finished ones are kept and the run is reported incomplete. */
  signal?: AbortSignal
  _internal?: { now?: () => Date; generateId?: () => string }
}

export interface RunEvalResult {
  report: RunReport
  runDir: string
}

interface RunState {
  runId: string
  startedAt: string
  status: 'running' | 'complete' | 'aborted'
  configSha256: string
  suites: string[]
  evaluators: Record<string, string[]>
  shard?: { index: number; count: number }
}

/**
 * Run suites: rows → task → evaluators (p-limit) → results → gate. Every finished case is
 * journaled at once; evidence and report list cases in dataset order. Bad data stops the run
 * (or skips the row, per suite) and the run keeps what it finished.
 */
export async function runEval({
  config,
  configFile,
  cwd,
  suites: only = [],
  outDir = config.outDir,
  runId: requestedRunId,
  resume = false,
  concurrency = config.concurrency,
  cassettes = 'off',
  baseline,
  shard,
  env = process.env,
  onEvent = () => {},
  maxReportCases = 20_000,
  toolVersion = 'unknown',
  signal,
  _internal: { now = () => new Date(), generateId = () => Math.random().toString(16).slice(2, 8) } = {},
}: RunEvalOptions): Promise<RunEvalResult> {
  const configDir = resolve(configFile, '..')
  const selected = only.length ? config.suites.filter((s) => only.includes(s.name)) : config.suites.filter((s) => !s.manual)
  const unknown = only.filter((name) => !config.suites.some((s) => s.name === name))
  if (unknown.length) {
    throw new UsageError({ message: `unknown suite ${unknown.map((n) => `"${n}"`).join(', ')}; the config defines ${config.suites.map((s) => s.name).join(', ')}` })
  }
  const reportsRoot = resolve(cwd, outDir)
  const configSha256 = sha256(readFileSync(configFile))
  const evaluatorHashes = Object.fromEntries(selected.map((s) => [s.name, s.evaluators.map((e) => `${e.name}@${e.version}#${e.configHash}`)]))

  // Run directory: new, or the one being resumed.
  let runId: string
  let state: RunState
  if (resume) {
    runId = requestedRunId ?? latestUnfinishedRun(reportsRoot)
    const statePath = join(reportsRoot, runId, 'run.json')
    if (!existsSync(statePath)) throw new UsageError({ message: `--resume: no run "${runId}" in ${reportsRoot}` })
    state = JSON.parse(readFileSync(statePath, 'utf8')) as RunState
    if (state.status === 'complete') throw new UsageError({ message: `--resume: run ${runId} already completed` })
    if (state.configSha256 !== configSha256 || JSON.stringify(state.evaluators) !== JSON.stringify(evaluatorHashes)) {
      throw new UsageError({
        message: `--resume: the config or an evaluator changed since run ${runId} started; resuming would mix versions in one run. Start a new run.`,
      })
    }
  } else {
    runId = requestedRunId ?? defaultRunId(now(), generateId())
    if (existsSync(join(reportsRoot, runId, 'run.json'))) throw new UsageError({ message: `run ${runId} already exists in ${reportsRoot}; use --resume to continue it` })
    state = {
      runId,
      startedAt: now().toISOString(),
      status: 'running',
      configSha256,
      suites: selected.map((s) => s.name),
      evaluators: evaluatorHashes,
      ...(shard ? { shard } : {}),
    }
  }
  const runDir = join(reportsRoot, runId)
  mkdirSync(runDir, { recursive: true })
  const writeState = () => writeFileSync(join(runDir, 'run.json'), `${JSON.stringify(state, null, 2)}\n`)
  writeState()

  const journal = new RunJournal(join(runDir, 'results.jsonl'))
  const done = resume ? await journal.load() : new Map<string, CaseRecord>()
  const evidencePath = join(runDir, 'evidence.jsonl')
  const { keys: flushedToEvidence, records: recordsInEvidence } = resume ? await evidenceKeys(evidencePath) : { keys: new Set<string>(), records: 0 }
  const evidence: EvidenceSink = jsonlEvidence(evidencePath)
  let evidenceCount = recordsInEvidence
  const { salt, source: saltSource, file: saltFile } = await resolveSaltInfo({ env: { ...env }, configured: config.evidence.salt, cwd })
  const git = await gitInfo(cwd)
  const baselineIndex = baseline ? indexBaseline(baseline) : undefined

  onEvent({ type: 'run-start', runId, runDir, suites: selected.map((s) => s.name), resumed: resume, salt: { source: saltSource, ...(saltFile ? { file: saltFile } : {}) } })

  const suiteReports: SuiteReport[] = []
  let fatal: unknown
  try {
    for (const suite of selected) {
      const report = await runSuite(suite)
      suiteReports.push(report)
      onEvent({ type: 'suite-done', suite: suite.name, report })
    }
  } catch (error) {
    fatal = error
  }

  await journal.close()
  const lastHash = await evidence.lastHash()
  await evidence.close()
  const complete = fatal === undefined
  const gatePassed = suiteReports.every((s) => s.gate.passed)
  const exitCode: RunReport['exitCode'] = !complete ? 2 : gatePassed ? 0 : 1
  const regressions = suiteReports.reduce((n, s) => n + s.regressions.length, 0)
  const report: RunReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'vouch', version: toolVersion },
    runId,
    startedAt: state.startedAt,
    finishedAt: now().toISOString(),
    complete,
    ...(fatal !== undefined ? { error: (fatal as Error).message ?? String(fatal) } : {}),
    verdict: !complete ? 'error' : gatePassed ? 'pass' : 'fail',
    exitCode,
    ...(git ? { git } : {}),
    config: { file: rel(configFile), sha256: configSha256 },
    cassettes,
    ...(shard ? { shard } : {}),
    suites: suiteReports,
    evidence: { path: 'evidence.jsonl', lastHash, count: evidenceCount },
    ...(baseline
      ? {
          baseline: {
            path: rel(baseline.path),
            runId: baseline.runId,
            regressions,
            fixed: suiteReports.reduce((n, s) => n + s.fixed.length, 0),
            scoreDeltas: suiteReports.reduce((n, s) => n + (s.scoreDeltas?.length ?? 0), 0),
            byEvaluator: baselineByEvaluator(baseline),
          },
        }
      : {}),
  }
  state.status = complete ? 'complete' : 'aborted'
  writeState()
  if (fatal !== undefined) {
    ;(fatal as { report?: RunReport; runDir?: string }).report = report
    ;(fatal as { report?: RunReport; runDir?: string }).runDir = runDir
    throw fatal
  }
  onEvent({ type: 'run-done', report })
  return { report, runDir }

  function rel(path: string): string {
    const r = relative(cwd, path)
    return r.startsWith('..') || isAbsolute(r) ? path : r
  }

  async function runSuite(suite: SuiteConfig): Promise<SuiteReport> {
    const specs = (Array.isArray(suite.dataset) ? suite.dataset : [suite.dataset]).map((d) => (typeof d === 'string' ? { path: d } : d))
    const resolvedSpecs = specs.map((spec: DatasetSpecInput) => ({ ...spec, path: resolve(configDir, spec.path) }))
    const cassetteDir = suite.cassettes ? resolve(configDir, suite.cassettes) : join(resolve(resolvedSpecs[0]!.path, '..'), 'cassettes')
    const wrapModel = <M>(model: M): M => {
      if (cassettes === 'off' || !isLanguageModel(model)) return model
      return wrapLanguageModel({ model, middleware: cassetteMiddleware({ dir: cassetteDir, mode: cassettes, onMiss: (e) => (cassetteMiss ??= e) }) }) as M
    }
    // A replay miss means the cassettes are stale: stop the run (exit 2) instead of scoring errors.
    let cassetteMiss: CassetteMissError | undefined
    const suiteModel = modelRef(suite.model)
    const promptRef = suite.prompt ? { id: suite.prompt.id, version: suite.prompt.version, sha256: suite.prompt.sha256 } : undefined
    const evaluatorInfos: EvaluatorInfo[] = suite.evaluators.map(describeEvaluator)
    const suiteTally = new Tally()
    const tallies = new Map<string, Tally>(suite.evaluators.map((e) => [e.name, new Tally()]))
    const datasets: DatasetInfo[] = []
    const skippedRows: SuiteReport['skippedRows'] = []
    const cases: CaseRecord[] = []
    const regressionsList: Regression[] = []
    const fixedList: Regression[] = []
    const scoreDeltas: Regression[] = []
    const judgeUsage = { calls: 0, inputTokens: 0, outputTokens: 0 }
    let casesOmitted = 0
    let caseCount = 0
    let failedCases = 0
    // A case passes when every result passes, or is a skip / error the suite's gate allows.
    const allowSkipped = suite.gate.allowSkipped ?? false
    const allowErrors = suite.gate.allowErrors ?? false
    const limit = pLimit(suite.concurrency ?? concurrency)
    const window = Math.max(16, 4 * (suite.concurrency ?? concurrency))

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
          appends.push(evidence.append(evidenceEntry(record, result, suite.evaluators[i]!, evaluatorInfos[i]!, dataset)))
          evidenceCount++
        }
        if (appends.length >= 512) await settleAppends()
      }
      account(record)
    }, window)

    function account(record: CaseRecord): void {
      caseCount++
      if (!record.passed) failedCases++
      for (const result of record.results) {
        const judge = result.details?.judge as { calls?: unknown; inputTokens?: unknown; outputTokens?: unknown } | undefined
        if (judge && typeof judge === 'object') {
          judgeUsage.calls += typeof judge.calls === 'number' ? judge.calls : 0
          judgeUsage.inputTokens += typeof judge.inputTokens === 'number' ? judge.inputTokens : 0
          judgeUsage.outputTokens += typeof judge.outputTokens === 'number' ? judge.outputTokens : 0
        }
        suiteTally.add(result)
        tallies.get(result.evaluator)?.add(result)
        if (baselineIndex) {
          const before = baselineIndex.get(`${suite.name}\u0000${record.caseId}\u0000${result.evaluator}`)
          if (before) {
            const change = { suite: suite.name, caseId: record.caseId, evaluator: result.evaluator, before: before.status, after: result.status, scoreBefore: before.score, scoreAfter: result.score, reason: result.reason }
            if (before.status === 'pass' && result.status !== 'pass') regressionsList.push(change)
            else if (before.status !== 'pass' && result.status === 'pass') fixedList.push(change)
            if (before.score !== result.score) scoreDeltas.push(change)
          }
        }
      }
      // The report keeps the first `maxReportCases` cases, then only failures (up to as many again);
      // the evidence log always has every case.
      if (cases.length < maxReportCases || (!record.passed && cases.length < 2 * maxReportCases)) cases.push(record)
      else casesOmitted++
    }

    function evidenceEntry(record: CaseRecord, result: EvalResult, evaluator: Evaluator, info: EvaluatorInfo, dataset: DatasetInfo): EvidenceEntry {
      const { durationMs: _duration, ...stored } = result
      const entry: EvidenceEntry = {
        ts: now().toISOString(),
        runId,
        suite: suite.name,
        caseId: record.caseId,
        ...(promptRef ? { prompt: promptRef } : {}),
        ...(result.rubric ? { rubric: result.rubric } : {}),
        ...(info.owner ? { owner: info.owner } : {}),
        ...(info.controls ? { controls: info.controls } : {}),
        dataset: { path: dataset.path, sha256: dataset.sha256, row: record.row },
        ...(record.model ? { model: record.model } : {}),
        evaluator: { name: evaluator.name, version: evaluator.version, configHash: evaluator.configHash },
        result: stored,
        ...(record.sample ? { sample: record.sample } : {}),
        ...(git ? { git } : {}),
      }
      return entry
    }

    async function runCase(sample: Sample, datasetIndex: number, row: number, line: number, caseId: string): Promise<CaseRecord> {
      const model = sample.model ?? suiteModel
      let judged: Sample = model ? { ...sample, model } : sample
      let taskError: unknown
      if (suite.task !== 'recorded') {
        const controller = new AbortController()
        const timer = setTimeout(() => controller.abort(new Error(`task timed out after ${suite.taskTimeoutMs} ms`)), suite.taskTimeoutMs)
        try {
          const ctx: TaskContext = { wrapModel, signal: controller.signal, ...(suite.prompt ? { prompt: suite.prompt } : {}) }
          const produced = await Promise.race([
            Promise.resolve(suite.task(judged, ctx)),
            new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true })),
          ])
          judged = mergeTaskOutput(judged, produced)
        } catch (error) {
          taskError = error
        } finally {
          clearTimeout(timer)
        }
      }
      const results: EvalResult[] = taskError
        ? suite.evaluators.map((e) => errorResult(e, new Error(`task failed: ${(taskError as Error)?.message ?? String(taskError)}`), 0))
        : await Promise.all(suite.evaluators.map((e) => runEvaluator(e, judged, { timeoutMs: suite.timeoutMs, wrapModel })))
      if (cassetteMiss) throw cassetteMiss
      const stored = storedSample(judged, { storage: config.evidence.storage, salt })
      return {
        suite: suite.name,
        caseId,
        dataset: datasetIndex,
        row,
        line,
        ...(judged.model ? { model: judged.model } : {}),
        ...(stored ? { sample: stored } : {}),
        results,
        passed: results.every((r) => r.status === 'pass' || (r.status === 'skipped' && allowSkipped) || (r.status === 'error' && allowErrors)),
      }
    }

    let position = 0
    let estimatedRows = 0
    for (const spec of resolvedSpecs) estimatedRows += await estimateRows(spec.path)
    onEvent({ type: 'suite-start', suite: suite.name, ...(estimatedRows ? { estimatedRows: shard ? Math.ceil(estimatedRows / shard.count) : estimatedRows } : {}) })
    let finished = 0
    const inFlight = new Set<Promise<void>>()
    let failure: unknown

    for (const [datasetIndex, spec] of resolvedSpecs.entries()) {
      const datasetInfo: DatasetInfo = { path: rel(spec.path), sha256: await hashDataset(spec.path), rows: 0, skippedRows: 0 }
      datasets.push(datasetInfo)
      const onBadRow = spec.onBadRow ?? suite.onBadRow ?? 'stop'
      const rows = readDataset(
        { ...spec, onBadRow, required: spec.required ?? (suite.task === 'recorded' ? ['output'] : ['input']) },
        {
          onSkip: (error: DatasetError) => {
            datasetInfo.skippedRows++
            skippedRows.push({ file: rel(error.file), ...(error.line !== undefined ? { line: error.line } : {}), ...(error.field ? { field: error.field } : {}), detail: error.detail })
            onEvent({ type: 'row-skipped', suite: suite.name, error })
          },
        },
      )
      for await (const { sample, index, line } of rows) {
        if (signal?.aborted) failure ??= new UsageError({ message: `interrupted; ${finished} cases finished and kept — continue with --resume` })
        if (failure) break
        if (shard && shardOf(sample.id ?? `${datasetIndex}:${index}`, shard.count) !== shard.index) continue
        datasetInfo.rows++
        const caseId = sample.id ?? `${basename(spec.path)}#${index + 1}`
        const key = caseKey(suite.name, datasetIndex, index)
        const pos = position++
        await flusher.slot(pos)
        const previous = done.get(key)
        if (previous) {
          const inEvidence = flushedToEvidence.has(evidenceKey(suite.name, datasetInfo.path, index))
          finished++
          onEvent({ type: 'case-done', suite: suite.name, record: previous, done: finished, failed: failedCases, reused: true })
          void flusher.add(pos, { record: previous, dataset: datasetInfo, writeEvidence: !inEvidence }).catch((e) => (failure ??= e))
          continue
        }
        const task: Promise<void> = limit(() => runCase(sample, datasetIndex, index, line, caseId))
          .then(async (record) => {
            await journal.append(record)
            finished++
            onEvent({ type: 'case-done', suite: suite.name, record, done: finished, failed: failedCases + (record.passed ? 0 : 1), reused: false })
            await flusher.add(pos, { record, dataset: datasetInfo, writeEvidence: true })
          })
          .catch((error) => {
            failure ??= error
          })
          .finally(() => inFlight.delete(task))
        inFlight.add(task)
      }
      if (failure) break
    }
    await Promise.all(inFlight)
    await flusher.idle().catch((e) => (failure ??= e))
    await settleAppends().catch((e) => (failure ??= e))
    if (failure) throw failure
    if (caseCount === 0 && !shard) {
      throw new DatasetError({
        file: datasets.map((d) => d.path).join(', '),
        code: 'empty_dataset',
        detail: `suite "${suite.name}" has no rows to evaluate${skippedRows.length ? ` (${skippedRows.length} skipped as bad)` : ''}: nothing to gate`,
      })
    }

    const gateChecks = applyGate({ gate: suite.gate, suite: suiteTally, evaluators: tallies })
    if (caseCount === 0) gateChecks.push({ scope: 'suite', metric: 'nonEmpty', threshold: 1, actual: 0, passed: true })
    if (baselineIndex) gateChecks.push({ scope: 'suite', metric: 'noRegressions', threshold: 0, actual: regressionsList.length, passed: regressionsList.length === 0 })
    const { evaluators: _per, ...suitePolicy } = suite.gate
    return {
      name: suite.name,
      ...(suite.description ? { description: suite.description } : {}),
      ...(promptRef ? { prompt: promptRef } : {}),
      ...(suiteModel ? { model: suiteModel } : {}),
      datasets,
      evaluators: evaluatorInfos,
      counts: { ...suiteTally.counts(), cases: caseCount, failedCases, scoreSum: suiteTally.scoreSum },
      byEvaluator: suite.evaluators.map((e) => ({
        ...evaluatorSummary(e.name, e.version, tallies.get(e.name)!, { ...suitePolicy, ...(suite.gate.evaluators?.[e.name] ?? {}) }),
        scoreSum: tallies.get(e.name)!.scoreSum,
      })),
      gate: { passed: gateChecks.every((c) => c.passed), checks: gateChecks },
      gatePolicy: suite.gate,
      skippedRows,
      cases,
      casesOmitted,
      regressions: regressionsList,
      fixed: fixedList,
      ...(judgeUsage.calls ? { judge: judgeUsage } : {}),
      ...(baselineIndex ? { scoreDeltas } : {}),
    }
  }
}

function describeEvaluator(e: Evaluator): EvaluatorInfo {
  const owner = (e as { owner?: unknown }).owner
  return {
    name: e.name,
    version: e.version,
    configHash: e.configHash,
    ...(e.controls?.length ? { controls: e.controls } : {}),
    ...(e.rubric ? { rubric: e.rubric } : {}),
    ...(typeof owner === 'string' ? { owner } : {}),
  }
}

function mergeTaskOutput(sample: Sample, produced: TaskOutput): Sample {
  if (typeof produced === 'string') return { ...sample, output: produced }
  if (!produced || typeof produced.output !== 'string') throw new TypeError('task must return a string or { output: string }')
  return {
    ...sample,
    output: produced.output,
    ...(produced.toolCalls ? { toolCalls: produced.toolCalls } : {}),
    ...(produced.model ? { model: produced.model as ModelRef } : {}),
  }
}

function isLanguageModel(model: unknown): model is LanguageModelV4 {
  return model !== null && typeof model === 'object' && typeof (model as { doGenerate?: unknown }).doGenerate === 'function'
}

export function defaultRunId(date: Date, id: string): string {
  const stamp = date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `${stamp}-${id}`
}

function latestUnfinishedRun(root: string): string {
  const candidates = existsSync(root)
    ? readdirSync(root, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'run.json')))
        .map((d) => ({ name: d.name, state: JSON.parse(readFileSync(join(root, d.name, 'run.json'), 'utf8')) as RunState }))
        .filter((r) => r.state.status !== 'complete')
        .sort((a, b) => a.state.startedAt.localeCompare(b.state.startedAt))
    : []
  const last = candidates.at(-1)
  if (!last) throw new UsageError({ message: `--resume: no unfinished run in ${root}` })
  return last.name
}

function evidenceKey(suite: string, datasetPath: string, row: number): string {
  return `${suite}\u0000${datasetPath}\u0000${row}`
}

/** Cases already in the evidence log (by suite, dataset path and row) and its record count, in one streamed read. */
async function evidenceKeys(path: string): Promise<{ keys: Set<string>; records: number }> {
  const keys = new Set<string>()
  let records = 0
  if (!existsSync(path)) return { keys, records }
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })
  for await (const line of lines) {
    if (!line.trim()) continue
    records++
    const record = JSON.parse(line) as { suite?: string; dataset?: { path: string; row: number } }
    if (record.suite && record.dataset) keys.add(evidenceKey(record.suite, record.dataset.path, record.dataset.row))
  }
  return { keys, records }
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

function indexBaseline(baseline: RunReport): Map<string, { status: EvalResult['status']; score: number }> {
  const index = new Map<string, { status: EvalResult['status']; score: number }>()
  for (const suite of baseline.suites) {
    for (const c of suite.cases) {
      for (const r of c.results) index.set(`${suite.name}\u0000${c.caseId}\u0000${r.evaluator}`, { status: r.status, score: r.score })
    }
  }
  return index
}
