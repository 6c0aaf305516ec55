import { appendFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { findConfig, loadConfig } from '../config/load-config.js'
import { DatasetError } from '../core/errors/dataset-error.js'
import { UsageError } from '../core/errors/usage-error.js'
import { isReporterName, reporterNames, reporters, writeReports, type ReporterName } from '../report/index.js'
import type { CassetteMode } from '../runner/cassette-middleware.js'
import { runEval } from '../runner/run-eval.js'
import { RunIncompleteError } from '../runner/run-incomplete-error.js'
import { readRunReport } from '../runner/read-run-report.js'
import type { RunReport } from '../runner/run-report.js'
import { RunReportError } from '../runner/run-report-error.js'
import type { CliIO, Command } from './cli-io.js'
import { EXIT } from './exit-codes.js'
import { parseFlags } from './parse-flags.js'
import { createProgress } from './progress.js'
import { summaryTable } from './summary-table.js'
import { toolVersion } from './tool-version.js'

const usage = `Usage: vouch eval [options]

Runs the suites of vouch.config.ts, writes reports to <out>/<run-id>/ and applies the gates.
Exit 0: every gate passed. 1: a gate failed. 2: bad usage, config or data.

Options:
  --config FILE         config file (default: vouch.config.ts in the working directory)
  --suite NAME[,NAME]   run only these suites (repeatable)
  --out DIR             reports root (default: the config's outDir, "reports")
  --reporter R[,R]      report files to write: ${reporterNames.join(', ')} (default: all; report.json
                        and evidence.jsonl are always written). With "--reporter json" alone,
                        stdout carries only the report JSON.
  --baseline FILE       a previous report.json: also fail on regressions (passed before, fails now)
  --concurrency N       cases evaluated at once (default: the config's, 8)
  --record              call models and record their responses as cassettes
  --replay              serve model calls from cassettes; a missing cassette is an error
  --resume              continue the latest unfinished run (or --run-id) without redoing finished cases
  --run-id ID           name of the run directory (default: timestamp + random id)
  --shard I/N           run only slice I of N (1-based, deterministic by case id)

Environment: SOURCE_DATE_EPOCH fixes timestamps (reproducible evidence); VOUCH_EVIDENCE_SALT keys
the pseudonyms of redacted values in evidence; GITHUB_STEP_SUMMARY receives summary.md.`

export const evalCommand: Command = {
  name: 'eval',
  summary: 'run suites, write reports and evidence, apply gates',
  usage,
  async run(argv, io) {
    const { values } = parseEvalFlags(argv)
    const { config, file } = await loadConfig(findConfig(io.cwd, values.config))
    const reporterList = values.reporter ? list(values.reporter) : (config.reporters ?? [])
    const bad = reporterList.filter((r) => !isReporterName(r))
    if (bad.length) throw new UsageError({ message: `unknown reporter ${bad.map((b) => `"${b}"`).join(', ')}; choose from ${reporterNames.join(', ')}` })
    const chosen = (reporterList.length ? reporterList : reporterNames) as ReporterName[]
    const jsonOnly = values.reporter !== undefined && reporterList.length === 1 && reporterList[0] === 'json'
    if (values.record && values.replay) throw new UsageError({ message: '--record and --replay exclude each other' })
    const cassettes: CassetteMode = values.record ? 'record' : values.replay ? 'replay' : 'off'
    const concurrency = values.concurrency === undefined ? undefined : positiveInt('--concurrency', values.concurrency)
    const shard = values.shard === undefined ? undefined : parseShard(values.shard)
    const baseline = values.baseline === undefined ? undefined : readBaseline(resolve(io.cwd, values.baseline))

    const epoch = io.env.SOURCE_DATE_EPOCH
    const fixed = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined
    const version = await toolVersion()
    const progress = createProgress(io)
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
        env: io.env,
        onEvent: progress,
        toolVersion: version,
        signal: interrupt.signal,
        ...(fixed ? { _internal: { now: () => fixed } } : {}),
      })
    } catch (error) {
      // Bad data stopped the run: still write what finished, then let main() report why (exit 2).
      if (!RunIncompleteError.isInstance(error)) throw error
      const { report, runDir } = error
      writeReports(report, runDir, chosen)
      const cause = error.cause
      const why = DatasetError.isInstance(cause) && cause.line !== undefined ? ' at a bad row (the suite\'s onBadRow is "stop"; set onBadRow: "skip" to skip bad rows and list them in the report)' : ''
      io.stderr.write(`vouch eval: run stopped${why}; ${report.evidence.count} evidence records kept in ${runDir}\n`)
      throw cause
    } finally {
      process.off('SIGINT', onSigint)
    }
    const { report, runDir } = result
    writeReports(report, runDir, chosen)
    const summaryPath = io.env.GITHUB_STEP_SUMMARY
    if (summaryPath && chosen.includes('markdown')) appendFileSync(summaryPath, reporters.markdown.render(report))
    if (jsonOnly) io.stdout.write(reporters.json.render(report))
    else io.stdout.write(summaryTable(report, runDir, io, io.stdout))
    return report.exitCode === 0 ? EXIT.ok : report.exitCode === 1 ? EXIT.failed : EXIT.usage
  },
}

function parseEvalFlags(argv: string[]) {
  return parseFlags({
      args: argv,
      allowPositionals: false,
      options: {
        config: { type: 'string' },
        suite: { type: 'string', multiple: true },
        out: { type: 'string' },
        reporter: { type: 'string', multiple: true },
        baseline: { type: 'string' },
        concurrency: { type: 'string' },
        record: { type: 'boolean' },
        replay: { type: 'boolean' },
        resume: { type: 'boolean' },
        'run-id': { type: 'string' },
        shard: { type: 'string' },
      },
    })
}

function list(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)
}

function positiveInt(flag: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError({ message: `${flag} takes a whole number ≥ 1 (got "${value}")` })
  return Number(value)
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
