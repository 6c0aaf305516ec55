import { basename, dirname, join, resolve } from 'node:path'
import { EvidenceReadError } from '../core/errors/evidence-read-error.js'
import { UsageError } from '../core/errors/usage-error.js'
import { verifyEvidence, type VerifyEvidenceOptions } from '../evidence/verify-evidence.js'
import { readRunReportEvidence } from '../runner/read-run-report.js'
import type { RunReport } from '../runner/run-report.js'
import { RunReportError } from '../runner/run-report-error.js'
import type { CliIO, Command } from './cli-io.js'
import { parseFlagTable, usageText, type FlagTable } from './flag-table.js'
import { EXIT } from './exit-codes.js'

const flags = {
  'expect-last-hash': { type: 'string', value: 'H', help: 'the sha256 the last record must have (overrides the report\'s)' },
  'expect-count': { type: 'int', value: 'N', min: 0, help: 'the number of records the log must hold (overrides the report\'s)' },
  report: { type: 'string', value: 'FILE', help: 'the run\'s report.json (default: the one next to FILE, if it names FILE)' },
  'no-report': { type: 'boolean', help: 'ignore any report.json next to FILE' },
  json: { type: 'boolean', help: 'print the result as one JSON line' },
} as const satisfies FlagTable

const usage = usageText({
  synopsis: 'vouch verify FILE [options]',
  description: `Checks an evidence log's hash chain: every line an intact record, in order, chained to the one
before. Detects an edited, deleted, inserted or reordered record and a torn line. Truncation at
the end is detected against the last hash and record count the run's report names: when a
report.json sits next to FILE (or --report names one), its evidence.lastHash and evidence.count
are used; --expect-last-hash / --expect-count override them.`,
  flags,
  notes: 'Exit 0 intact, 1 tampered (prints the first bad record: line, seq, reason), 2 unreadable or bad usage, 3 internal error.',
})

export const verifyCommand: Command = {
  name: 'verify',
  summary: "check an evidence log's hash chain (exit 1 and the first bad record if tampered)",
  usage,
  flags,
  async run(argv, io) {
    const { values, positionals } = parseFlagTable(flags, argv, { positionals: true })
    if (positionals.length !== 1) throw new UsageError({ message: 'verify takes exactly one FILE' })
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
      expected.expectedCount = values['expect-count']
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
