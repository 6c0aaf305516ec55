import { UsageError } from '../core/errors/usage-error.js'
import { verifyEvidenceLog } from '../evidence/verify-log.js'
import type { Command } from './cli-io.js'
import { describeSignature, loadKey, resolveLogTarget } from './log-target.js'
import { resolve } from 'node:path'
import { eraseSummary } from './erase-summary.js'
import { parseFlagTable, usageText, type FlagTable } from './flag-table.js'
import { EXIT } from './exit-codes.js'

const flags = {
  key: {
    type: 'string',
    value: 'FILE',
    help: "the Ed25519 public key (vouch keygen) the checkpoints beside the log\n(<log>.checkpoints.jsonl) must be signed with: rejects a log whose chain or\ncheckpoints do not match or that another key signed, names the last good\ncheckpoint, detects a tail cut after it and a report edited after signing",
  },
  'expect-last-hash': { type: 'string', value: 'H', help: "the sha256 the last record must have (overrides the report's)" },
  'expect-count': { type: 'int', value: 'N', min: 0, help: "the number of records the log must hold (overrides the report's)" },
  report: { type: 'string', value: 'FILE', help: "the run's report.json (default: the one next to the log, if it names it)" },
  'no-report': { type: 'boolean', help: 'ignore any report.json next to the log' },
  json: { type: 'boolean', help: 'print the result as one JSON line' },
} as const satisfies FlagTable
import { isPostgresUrl } from '../evidence/postgres/postgres-url.js'
import { verifyPostgresLocation } from './verify-postgres.js'

const usage = usageText({
  synopsis: 'vouch verify LOG|RUN_DIR|postgres://user@host:port/db?table=NAME [options]',
  description: `Checks an evidence log's hash chain: every line an intact record, in order, chained to the one
before. Detects an edited, deleted, inserted or reordered record, a torn line and a byte order mark.
Truncation at the end is detected against the last hash and record count the run's report names
(report.json beside the log, or --report); --expect-last-hash / --expect-count override them.
A RUN_DIR means its evidence.jsonl and report.json. A postgres:// store: every chain (one per
guardrail instance) checked through a cursor, each chain's end against the tail its writer committed.
Payloads erased by vouch retain / vouch erase are reported ("N payloads erased"); the chain still
proves order and completeness. Without --key a complete rewrite of the log and its report cannot be
detected.`,
  flags,
  notes: 'Exit 0 intact, 1 tampered (prints the first bad record: line, seq, reason), 2 unreadable or bad usage, 3 internal error.',
})

export const verifyCommand: Command = {
  name: 'verify',
  summary: "check an evidence log's hash chain and signed checkpoints (exit 1 and the first bad record if tampered)",
  usage,
  flags,
  async run(argv, io) {
    const { values, positionals } = parseFlagTable(flags, argv, { positionals: true })
    if (positionals.length !== 1) throw new UsageError({ message: 'verify takes exactly one LOG or RUN_DIR' })
    if (isPostgresUrl(positionals[0]!)) {
      for (const f of ['report', 'no-report', 'expect-last-hash', 'expect-count'] as const) {
        if (values[f] !== undefined) throw new UsageError({ message: `--${f} applies to a log file, not a postgres:// store (each chain's end is checked against its registry row and signed checkpoints)` })
      }
      const publicKey = values.key === undefined ? undefined : await loadKey(resolve(io.cwd, values.key))
      return verifyPostgresLocation(positionals[0]!, { json: values.json === true, publicKey }, io)
    }
    const target = await resolveLogTarget(io.cwd, positionals[0]!, { report: values.report, noReport: values['no-report'], key: values.key })
    const file = target.log
    let source = target.source
    if (values['expect-last-hash'] !== undefined) {
      const hash = values['expect-last-hash'].trim().toLowerCase()
      if (!/^[0-9a-f]{64}$/.test(hash)) throw new UsageError({ message: '--expect-last-hash takes a 64-character hex sha256' })
      target.options.expectedLastHash = hash
      source = 'the command line'
    }
    if (values['expect-count'] !== undefined) {
      target.options.expectedCount = values['expect-count']
      source = 'the command line'
    }

    const full = await verifyEvidenceLog(file, target.options)
    const result = full.chain
    const { publicKey: _k, reportFile: _r, ...expected } = target.options
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ file, ...result, ok: full.ok, signature: full.signature, ...(source ? { expected: { ...expected, source } } : {}) })}\n`)
      return full.ok ? EXIT.ok : EXIT.failed
    }
    const erased = result.erased ? [`  ${eraseSummary(result.erased)}`] : []
    if (result.ok) {
      io.stdout.write(`${full.ok ? 'intact' : 'TAMPERED'}: ${file}\n  ${result.count} records, last hash ${result.lastHash}\n`)
      io.stdout.write(source ? `  end of log checked against ${source}\n` : '  no expected last hash or count given: truncation at the end cannot be detected without a key\n')
    } else {
      const bad = result.firstBad!
      io.stdout.write(`TAMPERED: ${file}\n  line ${bad.line} (seq ${bad.seq}): ${bad.reason}\n  ${result.count} records intact before it, last intact hash ${result.lastHash}\n`)
      if (source) io.stdout.write(`  end of log checked against ${source}\n`)
    }
    for (const line of [...erased, ...describeSignature(full)]) io.stdout.write(`${line}\n`)
    return full.ok ? EXIT.ok : EXIT.failed
  },
}

export { eraseSummary } from './erase-summary.js'
