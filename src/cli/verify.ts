import { basename, dirname, join, resolve } from 'node:path'
import { EvidenceReadError } from '../core/errors/evidence-read-error.js'
import { UsageError } from '../core/errors/usage-error.js'
import { verifyEvidence, type VerifyEvidenceOptions } from '../evidence/verify-evidence.js'
import { readRunReportEvidence } from '../runner/read-run-report.js'
import type { RunReport } from '../runner/run-report.js'
import { RunReportError } from '../runner/run-report-error.js'
import type { CliIO, Command } from './cli-io.js'
import { parseFlags } from './parse-flags.js'
import { isPostgresUrl } from '../evidence/postgres/postgres-url.js'
import { verifyPostgresLocation } from './verify-postgres.js'
import { EXIT } from './exit-codes.js'

const usage = `Usage: vouch verify FILE|postgres://user@host:port/db?table=NAME [--expect-last-hash H] [--expect-count N] [--report report.json] [--json]

Checks an evidence log's hash chain: every line an intact record, in order, chained to the one
before. Detects an edited, deleted, inserted or reordered record and a torn line. Truncation at
the end is detected against the last hash and record count the run's report names: when a
report.json sits next to FILE (or --report names one), its evidence.lastHash and evidence.count
are used; --expect-last-hash / --expect-count override them.
Exit 0 intact, 1 tampered (prints the first bad record: line, seq, reason), 2 unreadable or bad usage.`

export const verifyCommand: Command = {
  name: 'verify',
  summary: "check an evidence log's hash chain (exit 1 and the first bad record if tampered)",
  usage,
  async run(argv, io) {
    const parsed = parseFlags({
        args: argv,
        allowPositionals: true,
        options: {
          'expect-last-hash': { type: 'string' },
          'expect-count': { type: 'string' },
          report: { type: 'string' },
          'no-report': { type: 'boolean' },
          json: { type: 'boolean' },
        },
      })
    const { values, positionals } = parsed
    if (positionals.length !== 1) throw new UsageError({ message: 'verify takes exactly one FILE' })
    if (isPostgresUrl(positionals[0]!)) return verifyPostgresLocation(positionals[0]!, { json: values.json === true }, io)
    const file = resolve(io.cwd, positionals[0]!)

    const expected: VerifyEvidenceOptions = {}
    let source: string | undefined
    if (!values['no-report']) {
      const reportPath = values.report !== undefined ? resolve(io.cwd, values.report) : join(dirname(file), 'report.json')
      const fromReport = await readReportExpectation(reportPath, file, values.report !== undefined)
      if (fromReport) {
        Object.assign(expected, fromReport)
        source = reportPath
      }
    }
    if (values['expect-last-hash'] !== undefined) {
      const hash = values['expect-last-hash'].trim().toLowerCase()
      if (!/^[0-9a-f]{64}$/.test(hash)) throw new UsageError({ message: '--expect-last-hash takes a 64-character hex sha256' })
      expected.expectedLastHash = hash
      source = 'the command line'
    }
    if (values['expect-count'] !== undefined) {
      const count = Number(values['expect-count'])
      if (!Number.isSafeInteger(count) || count < 0) throw new UsageError({ message: '--expect-count takes a non-negative integer' })
      expected.expectedCount = count
      source = 'the command line'
    }

    const result = await verifyEvidence(file, expected)
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ file, ...result, ...(source ? { expected: { ...expected, source } } : {}) })}\n`)
    } else if (result.ok) {
      io.stdout.write(`intact: ${file}\n  ${result.count} records, last hash ${result.lastHash}\n`)
      io.stdout.write(source ? `  end of log checked against ${source}\n` : '  no expected last hash or count given: truncation at the end cannot be detected\n')
    } else {
      const bad = result.firstBad!
      io.stdout.write(`TAMPERED: ${file}\n  line ${bad.line} (seq ${bad.seq}): ${bad.reason}\n  ${result.count} records intact before it, last intact hash ${result.lastHash}\n`)
      if (source) io.stdout.write(`  end of log checked against ${source}\n`)
    }
    return result.ok ? EXIT.ok : EXIT.failed
  },
}

/** `{ evidence: { path, lastHash, count } }` from a run report, when it describes this log. */
async function readReportExpectation(reportPath: string, file: string, explicit: boolean): Promise<VerifyEvidenceOptions | undefined> {
  let evidence: RunReport['evidence'] | undefined
  try {
    evidence = readRunReportEvidence(reportPath)
  } catch (error) {
    if (!RunReportError.isInstance(error)) throw error
    if (error.problem === 'missing' && !explicit) return undefined
    if (error.problem === 'missing') throw new EvidenceReadError({ file: reportPath, detail: 'cannot read the report', cause: error })
    throw new EvidenceReadError({ file: reportPath, detail: `${error.detail} (pass --no-report to ignore it)` })
  }
  if (!evidence) {
    if (explicit) throw new EvidenceReadError({ file: reportPath, detail: 'the report has no "evidence" section' })
    return undefined
  }
  if (!explicit && basename(evidence.path) !== basename(file)) return undefined
  return { expectedLastHash: evidence.lastHash, expectedCount: evidence.count }
}
