import { appendFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { VouchConfig } from '../config/config-schema.js'
import { findConfig, loadConfig } from '../config/load-config.js'
import { DatasetError } from '../core/errors/dataset-error.js'
import { UsageError } from '../core/errors/usage-error.js'
import { isReporterName, reporterNames, reporters, writeReports, type ReporterName } from '../report/index.js'
import type { CassetteMode } from '../runner/cassette-middleware.js'
import { parseCaseFilter } from '../runner/case-selector.js'
import { runEval } from '../runner/run-eval.js'
import { resolveSigner } from '../evidence/resolve-signer.js'
import { RunIncompleteError } from '../runner/run-incomplete-error.js'
import { readRunReport } from '../runner/read-run-report.js'
import type { RunReport } from '../runner/run-report.js'
import { RunReportError } from '../runner/run-report-error.js'
import type { CliIO, Command } from './cli-io.js'
import { EXIT } from './exit-codes.js'
import { parseFlagTable, usageText, type FlagTable } from './flag-table.js'
import { limitHeapGrowth } from './heap-growth.js'
import { createProgress } from './progress.js'
import { summaryTable } from './summary-table.js'
import { toolVersion } from './tool-version.js'

export const evalFlags = {
  config: { type: 'string', value: 'FILE', help: 'config file (default: vouch.config.ts in the working directory)' },
  suite: { type: 'string', value: 'NAME[,NAME]', multiple: true, help: 'run only these suites (repeatable)' },
  filter: {
    type: 'string',
    value: 'PATTERN',
    multiple: true,
    help: 'run only matching cases: a regex on the case id, or KEY=VALUE on the\ncase\'s metadata (repeatable; every filter must match)',
  },
  limit: { type: 'int', value: 'N', min: 1, help: 'run at most the first N selected cases of each suite' },
  'max-failures': { type: 'int', value: 'N', min: 1, help: 'stop dispatching cases once N cases failed (the run then fails)' },
  out: { type: 'string', value: 'DIR', help: 'reports root (default: the config\'s outDir, "reports")' },
  reporter: {
    type: 'string',
    value: 'R[,R]',
    multiple: true,
    help: `report files to write: ${reporterNames.join(', ')} (default: all;\nreport.json and evidence.jsonl are always written). With\n"--reporter json" alone, stdout carries only the report JSON.`,
  },
  baseline: { type: 'string', value: 'FILE', help: 'a previous report.json: also fail on regressions (passed before,\nfails now)' },
  concurrency: { type: 'int', value: 'N', min: 1, help: 'cases evaluated at once (default: the config\'s, 8)' },
  record: { type: 'boolean', help: 'call models and record their responses as cassettes' },
  replay: { type: 'boolean', help: 'serve model calls from cassettes (LLM-judge calls too, with no provider\nvariables set); a missing cassette is an error' },
  'require-judge': { type: 'boolean', help: 'a judge criterion that did not run (no judge configured) fails the gate' },
  resume: { type: 'boolean', help: 'continue the latest unfinished run (or --run-id) without redoing\nfinished cases' },
  'report-cases': {
    type: 'int',
    value: 'N',
    min: 1,
    help: 'cases listed in report.json/html and junit.xml (default 1000; then\nfailing cases up to as many again). Every case is in evidence.jsonl.',
  },
  'run-id': { type: 'string', value: 'ID', help: 'name of the run directory (default: timestamp + random id)' },
  shard: { type: 'string', value: 'I/N', help: 'run only slice I of N (1-based, deterministic by case id)' },
} as const satisfies FlagTable

const usage = usageText({
  synopsis: 'vouch eval [options]',
  description: `Runs the suites of vouch.config.ts, writes reports to <out>/<run-id>/ and applies the gates.
Exit 0: every gate passed. 1: a gate failed (or --max-failures stopped the run). 2: bad usage,
config or data. 3: internal error.`,
  flags: evalFlags,
  notes: 'Environment: see docs/environment.md (VOUCH_EVIDENCE_SALT, VOUCH_SIGNING_KEY, SOURCE_DATE_EPOCH, GITHUB_STEP_SUMMARY, the LLM judge: OPENAI_API_KEY, OPENAI_BASE_URL, VOUCH_JUDGE_MODEL, VOUCH_JUDGE_API).',
})

export const evalCommand: Command = {
  name: 'eval',
  summary: 'run suites, write reports and evidence, apply gates',
  usage,
  flags: evalFlags,
  async run(argv, io) {
    limitHeapGrowth()
    const { values } = parseFlagTable(evalFlags, argv)
    // Flag values first: a usage error is reported before the config is loaded.
    if (values.record && values.replay) throw new UsageError({ message: '--record and --replay exclude each other' })
    for (const f of values.filter ?? []) parseCaseFilter(f)
    const shard = values.shard === undefined ? undefined : parseShard(values.shard)
    const { config, file } = await loadConfig(findConfig(io.cwd, values.config))
    const reporterList = values.reporter ? list(values.reporter) : (config.reporters ?? [])
    const bad = reporterList.filter((r) => !isReporterName(r))
    if (bad.length) throw new UsageError({ message: `unknown reporter ${bad.map((b) => `"${b}"`).join(', ')}; choose from ${reporterNames.join(', ')}` })
    const chosen = (reporterList.length ? reporterList : reporterNames) as ReporterName[]
    const jsonOnly = values.reporter !== undefined && reporterList.length === 1 && reporterList[0] === 'json'
    const cassettes: CassetteMode = values.record ? 'record' : values.replay ? 'replay' : 'off'
    const concurrency = values.concurrency
    const selection = { ...(values.filter ? { filter: values.filter } : {}), ...(values.limit ? { limit: values.limit } : {}), ...(values['max-failures'] ? { maxFailures: values['max-failures'] } : {}) }
    const baseline = values.baseline === undefined ? undefined : readBaseline(resolve(io.cwd, values.baseline))
    if (baseline) warnBaselineGaps(baseline, config, list(values.suite), io)

    const epoch = io.env.SOURCE_DATE_EPOCH
    const fixed = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined
    const version = await toolVersion()
    const progress = createProgress(io)
    const signer = await resolveSigner({ env: io.env, configured: config.signing?.key, cwd: io.cwd, configDir: resolve(file, '..') })
    // Ctrl-C: stop dispatching, keep what finished, write the reports; a second Ctrl-C exits at once.
    const interrupt = new AbortController()
    const onSigint = () => {
      if (interrupt.signal.aborted) process.exit(130)
      io.stderr.write('\nvouch eval: interrupted — finishing the cases in flight (Ctrl-C again to quit now)\n')
      interrupt.abort()
    }
    process.on('SIGINT', onSigint)
    let result: Awaited<ReturnType<typeof runEval>>
    try {
      result = await runEval({
        config,
        configFile: file,
        cwd: io.cwd,
        suites: list(values.suite),
        ...(values.out !== undefined ? { outDir: values.out } : {}),
        ...(values['run-id'] !== undefined ? { runId: values['run-id'] } : {}),
        resume: values.resume ?? false,
        ...(concurrency !== undefined ? { concurrency } : {}),
        cassettes,
        ...(baseline ? { baseline } : {}),
        ...(shard ? { shard } : {}),
        selection,
        ...(values['report-cases'] !== undefined ? { maxReportCases: values['report-cases'] } : {}),
        env: io.env,
        onEvent: progress,
        toolVersion: version,
        signal: interrupt.signal,
        onReport: (report, runDir) => void writeReports(report, runDir, chosen),
        ...(signer ? { signer } : {}),
        ...(values['require-judge'] ? { requireJudge: true } : {}),
        ...(fixed ? { _internal: { now: () => fixed } } : {}),
      })
    } catch (error) {
      // Bad data stopped the run: the runner wrote (and signed) what finished; let main() report why (exit 2).
      if (!RunIncompleteError.isInstance(error)) throw error
      const { report, runDir, reportError } = error
      if (reportError !== undefined) {
        // the same full disk may refuse the reports too: say so, and report the first failure
        io.stderr.write(`vouch eval: could not write the reports of the stopped run: ${(reportError as Error).message ?? String(reportError)}\n`)
      }
      const cause = error.cause
      const why = DatasetError.isInstance(cause) && cause.line !== undefined ? ' at a bad row (the suite\'s onBadRow is "stop"; set onBadRow: "skip" to skip bad rows and list them in the report)' : ''
      io.stderr.write(`vouch eval: run stopped${why}; ${report.evidence.count} evidence records kept in ${runDir}\n`)
      throw cause
    } finally {
      process.off('SIGINT', onSigint)
    }
    const { report, runDir } = result
    if (report.selection) {
      const cases = report.suites.reduce((n, s) => n + s.counts.cases, 0)
      const stop = report.selection.stoppedEarly
      if (stop) io.stderr.write(`vouch eval: stopped early in suite "${stop.suite}" after ${stop.failedCases} failed cases (--max-failures); the run fails\n`)
      if (cases === 0) {
        io.stderr.write(`vouch eval: no case matched the selection (${report.selection.filter?.map((f) => `--filter ${f}`).join(' ') ?? ''}); nothing was evaluated\n`)
        return EXIT.usage
      }
    }
    const summaryPath = io.env.GITHUB_STEP_SUMMARY
    if (summaryPath && chosen.includes('markdown')) appendFileSync(summaryPath, reporters.markdown.render(report))
    if (jsonOnly) io.stdout.write(reporters.json.render(report))
    else io.stdout.write(summaryTable(report, runDir, io, io.stdout))
    return report.exitCode === 0 ? EXIT.ok : report.exitCode === 1 ? EXIT.failed : EXIT.usage
  },
}

function list(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)
}

function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value)
  const index = m ? Number(m[1]) : 0
  const count = m ? Number(m[2]) : 0
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError({ message: `--shard takes I/N with 1 ≤ I ≤ N (got "${value}")` })
  return { index: index - 1, count }
}

function readBaseline(path: string): RunReport & { path: string } {
  try {
    return { ...readRunReport(path), path }
  } catch (error) {
    if (RunReportError.isInstance(error)) throw new UsageError({ message: `--baseline ${path}: ${error.detail}` })
    throw error
  }
}

/** A baseline that lacks a suite (or left cases out) cannot show that suite's regressions: say so instead of "0 new failures". */
function warnBaselineGaps(baseline: RunReport & { path: string }, config: VouchConfig, only: string[], io: CliIO): void {
  const running = only.length ? only : config.suites.filter((s) => !s.manual).map((s) => s.name)
  for (const name of running) {
    const before = baseline.suites.find((s) => s.name === name)
    if (!before) {
      io.stderr.write(`vouch eval: warning: the baseline ${baseline.path} has no suite "${name}": its regressions cannot be detected\n`)
    } else if (before.casesOmitted > 0) {
      io.stderr.write(
        `vouch eval: warning: the baseline's suite "${name}" left ${before.casesOmitted} passing cases out of report.json: regressions in them cannot be detected\n`,
      )
    }
  }
}
