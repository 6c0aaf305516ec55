import { readFileSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import { defaultStoredTextDetectors } from '../../evaluators/stored-text-detectors.js'
import type { VouchConfig } from '../config/config-schema.js'
import { UsageError } from '../core/errors/usage-error.js'
import { sha256 } from '../core/hash.js'
import { jsonlEvidence } from '../evidence/jsonl-evidence.js'
import { resolveSaltInfo } from '../evidence/resolve-salt.js'
import { createStoredSampler } from '../evidence/stored-sample.js'
import { storedTextPool } from './stored-text-pool.js'
import { gitInfo } from '../versioning/git-info.js'
import type { CassetteMode } from './cassette-middleware.js'
import { openRunDirectory } from './run-directory.js'
import { runFingerprint, sealRun } from './run-dir-state.js'
import type { EvidenceSigner } from '../evidence/signer.js'
import type { RunEventListener } from './run-events.js'
import { RunIncompleteError } from './run-incomplete-error.js'
import { baselineByEvaluator, REPORT_SCHEMA_VERSION, type RunReport, type SuiteReport } from './run-report.js'
import { runSuite, type RunContext } from './run-suite.js'
import { CaseSelector, type CaseSelection } from './case-selector.js'
import { indexBaseline } from './suite-results.js'

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
  /** `--filter`, `--limit`, `--max-failures`: which cases run, and when the run stops early. */
  selection?: CaseSelection
  env?: Record<string, string | undefined>
  onEvent?: RunEventListener
  /** Most cases listed in report.json (default 1,000); beyond it only failing cases, up to as many again. Every case stays in evidence. */
  maxReportCases?: number
  toolVersion?: string
  /** Abort to stop dispatching new cases: finished ones are kept and the run is reported incomplete. */
  signal?: AbortSignal
  /**
   * Writes the report files; called before run.json says complete, so a kill here leaves a resumable
   * run. A stopped run's partial report is passed too (`complete: false`) before `RunIncompleteError`.
   */
  onReport?: (report: RunReport, runDir: string) => void | Promise<void>
  /** Signs the run's checkpoint (evidence count, last hash, report.json sha256) after the reports; final unless the run stopped. */
  signer?: EvidenceSigner
  /** A judge criterion that did not run (no judge configured) fails the gate (default: the config's `requireJudge`). */
  requireJudge?: boolean
  /** `storedTextThread`: redact stored text on a worker thread (default: when storage is `redacted` and the compiled worker exists). */
  _internal?: { now?: () => Date; generateId?: () => string; storedTextThread?: boolean }
}

export interface RunEvalResult {
  report: RunReport
  runDir: string
}

/**
 * Run suites: rows → task → evaluators (p-limit) → results → gate. Every finished case is
 * journaled at once; evidence and report list cases in dataset order. Bad data stops the run
 * (or skips the row, per suite) and the run keeps what it finished: a run that stops early rejects
 * with `RunIncompleteError`, which carries the report of what finished and the run directory.
 *
 * The parts: run directory and resume state (`run-directory.ts`), one suite (`run-suite.ts`), one
 * case (`run-case.ts`), a suite's totals and gate (`suite-results.ts`).
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
  selection,
  env = process.env,
  onEvent = () => {},
  maxReportCases = 1_000,
  toolVersion = 'unknown',
  signal,
  onReport,
  signer,
  requireJudge = config.requireJudge ?? false,
  _internal: { now = () => new Date(), generateId = () => Math.random().toString(16).slice(2, 8), storedTextThread } = {},
}: RunEvalOptions): Promise<RunEvalResult> {
  const selected = only.length ? config.suites.filter((s) => only.includes(s.name)) : config.suites.filter((s) => !s.manual)
  const unknown = only.filter((name) => !config.suites.some((s) => s.name === name))
  if (unknown.length) {
    throw new UsageError({ message: `unknown suite ${unknown.map((n) => `"${n}"`).join(', ')}; the config defines ${config.suites.map((s) => s.name).join(', ')}` })
  }
  const reportsRoot = resolve(cwd, outDir)
  const configSha256 = sha256(readFileSync(configFile))
  const dir = await openRunDirectory({
    reportsRoot,
    ...(requestedRunId !== undefined ? { runId: requestedRunId } : {}),
    resume,
    configSha256,
    suites: selected.map((s) => s.name),
    evaluators: Object.fromEntries(selected.map((s) => [s.name, s.evaluators.map((e) => `${e.name}@${e.version}#${e.configHash}`)])),
    ...(shard ? { shard } : {}),
    fingerprint: await runFingerprint(selected, resolve(configFile, '..')),
    now,
    generateId,
  })
  const { runId, runDir } = dir
  const rel = (path: string): string => {
    const r = relative(cwd, path)
    return r.startsWith('..') || isAbsolute(r) ? path : r
  }
  const evidence = jsonlEvidence(dir.evidencePath)
  let evidenceCount = dir.resumed.evidenceRecords
  const { salt, source: saltSource, file: saltFile } = await resolveSaltInfo({ env: { ...env }, configured: config.evidence.salt, cwd })
  const git = await gitInfo(cwd)
  // One sampler per run: options checked once, and a text that recurs (case id, shared context) scanned once.
  const sampler = createStoredSampler({ storage: config.evidence.storage, salt, detectors: defaultStoredTextDetectors() })
  // Stored text is redacted on a worker thread while this one evaluates and writes (see stored-text-pool.ts).
  const stored = storedTextPool({ sampler, storage: config.evidence.storage, ...(salt !== undefined ? { salt } : {}), ...(storedTextThread !== undefined ? { thread: storedTextThread } : {}) })
  // Case ids and cassettes are redacted even when the sample text is not stored (storage `none`).
  const redactText = config.evidence.storage === 'redacted' ? sampler.text : createStoredSampler({ storage: 'redacted', salt, detectors: defaultStoredTextDetectors(), cacheSize: 0 }).text
  const selector = new CaseSelector(selection)
  const ctx: RunContext = {
    runId,
    configDir: resolve(configFile, '..'),
    cassettes,
    ...(shard ? { shard } : {}),
    concurrency,
    maxReportCases,
    selector,
    evidence,
    journal: dir.journal,
    resumed: dir.resumed,
    ...(git ? { git } : {}),
    ...(baseline ? { baseline: indexBaseline(baseline) } : {}),
    ...(signal ? { signal } : {}),
    onEvent,
    now,
    store: stored.store,
    ...(config.evidence.storage === 'raw' ? {} : { redactId: config.evidence.storage === 'redacted' ? stored.text : redactText, redactText }),
    rel,
    onEvidence: (n) => {
      evidenceCount += n
    },
    requireJudge,
  }

  onEvent({ type: 'run-start', runId, runDir, suites: selected.map((s) => s.name), resumed: resume, ...(dir.resumed.repaired.length ? { repaired: dir.resumed.repaired } : {}), salt: { source: saltSource, ...(saltFile ? { file: saltFile } : {}) } })

  const suiteReports: SuiteReport[] = []
  let fatal: unknown
  try {
    for (const suite of selected) {
      if (selector.stopped) break
      selector.startSuite(suite.name)
      const report = await runSuite(ctx, suite)
      suiteReports.push(report)
      onEvent({ type: 'suite-done', suite: suite.name, report })
    }
  } catch (error) {
    fatal = error
  } finally {
    await stored.close()
  }

  await dir.journal.close()
  const lastHash = await evidence.lastHash()
  await evidence.close()
  const complete = fatal === undefined
  let reportError: unknown
  const gatePassed = suiteReports.every((s) => s.gate.passed)
  const report: RunReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'vouch', version: toolVersion },
    runId,
    startedAt: dir.state.startedAt,
    finishedAt: now().toISOString(),
    complete,
    ...(fatal !== undefined ? { error: (fatal as Error).message ?? String(fatal) } : {}),
    verdict: !complete ? 'error' : gatePassed ? 'pass' : 'fail',
    exitCode: !complete ? 2 : gatePassed ? 0 : 1,
    ...(git ? { git } : {}),
    config: { file: rel(configFile), sha256: configSha256 },
    cassettes,
    ...(shard ? { shard } : {}),
    ...(selector.active ? { selection: selector.info()! } : {}),
    suites: suiteReports,
    evidence: { path: 'evidence.jsonl', lastHash, count: evidenceCount },
    ...(baseline
      ? {
          baseline: {
            path: rel(baseline.path),
            runId: baseline.runId,
            regressions: suiteReports.reduce((n, s) => n + s.regressions.length, 0),
            fixed: suiteReports.reduce((n, s) => n + s.fixed.length, 0),
            scoreDeltas: suiteReports.reduce((n, s) => n + (s.scoreDeltas?.length ?? 0), 0),
            byEvaluator: baselineByEvaluator(baseline),
          },
        }
      : {}),
  }
  if (complete) {
    if (onReport) await onReport(report, runDir)
    if (signer) await sealRun({ runDir, runId, count: evidenceCount, lastHash, signer, now })
  } else {
    // A stopped run still gets its reports and a signed (not final) checkpoint over what it kept;
    // the disk that stopped it may refuse these too, which must not hide why it stopped.
    try {
      if (onReport) await onReport(report, runDir)
    } catch (error) {
      reportError = error
    }
    try {
      if (signer) await sealRun({ runDir, runId, count: evidenceCount, lastHash, signer, now, final: false })
    } catch (error) {
      reportError ??= error
    }
  }
  dir.finish(complete ? 'complete' : 'aborted')
  if (fatal !== undefined) throw new RunIncompleteError({ report, runDir, cause: fatal, ...(reportError !== undefined ? { reportError } : {}) })
  onEvent({ type: 'run-done', report })
  return { report, runDir }
}
