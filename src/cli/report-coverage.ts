import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { UsageError } from '../core/errors/usage-error.js'
import { coverageReport } from '../report/coverage/coverage-report.js'
import type { CliIO } from './cli-io.js'
import { EXIT } from './exit-codes.js'
import { parseFlagTable, type FlagTable } from './flag-table.js'
import { loadKey } from './log-target.js'

export const coverageUsage = `Usage: vouch report coverage (EVIDENCE_FILE | postgres://user@host:port/db?table=NAME)... [--format md|json] [--bucket week|day] [--key PUBLIC_KEY_FILE] [--out FILE]

Production coverage from guardrail evidence, verified while it is read: audit-log coverage
(requests with a record ÷ requests each guardrail instance saw, with the first missing request
ordinals; requests seen are also taken from the counts the sinks signed in their checkpoints, so
requests after an instance's last record count too), fail rate by route and by cohort, privacy failures per 1,000 requests over time, model
and provider drift, and LLM-judge agreement.

With --key every chain's signed checkpoints are checked (as vouch verify --key) and only verified
checkpoints supply request counts; without it a complete rewrite cannot be detected.

Exit 0: report written, evidence intact. 1: report written, but a chain or signature failed verification.
2: bad usage or unreadable input.`

const coverageFlags = {
  format: { type: 'string', value: 'md|json', help: 'output format (default: md)' },
  bucket: { type: 'string', value: 'week|day', help: 'period of the over-time views (default: week)' },
  out: { type: 'string', value: 'FILE', help: 'write to FILE (default: stdout)' },
  key: { type: 'string', value: 'FILE', help: 'Ed25519 public key: check the signed checkpoints' },
} as const satisfies FlagTable

/** `vouch report coverage …` */
export async function runCoverage(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlagTable(coverageFlags, argv, { positionals: true })
  if (positionals.length === 0) throw new UsageError({ message: 'report coverage takes evidence files or postgres:// stores (at least one)' })
  const format = values.format ?? 'md'
  if (format !== 'md' && format !== 'json') throw new UsageError({ message: `--format takes md or json (got "${format}")` })
  const bucket = values.bucket ?? 'week'
  if (bucket !== 'week' && bucket !== 'day') throw new UsageError({ message: `--bucket takes week or day (got "${bucket}")` })
  const publicKey = values.key === undefined ? undefined : await loadKey(resolve(io.cwd, values.key))
  const { text, intact, metrics, sources } = await coverageReport({ inputs: positionals, cwd: io.cwd, format, bucket, ...(publicKey ? { publicKey } : {}) })
  if (values.out !== undefined) {
    const out = resolve(io.cwd, values.out)
    writeFileSync(out, text)
    io.stderr.write(`vouch report coverage: ${metrics.records} records, ${metrics.requests} requests → ${out}\n`)
  } else io.stdout.write(text)
  if (!intact) {
    for (const s of sources) {
      for (const c of s.chains.filter((x) => !x.ok)) io.stderr.write(`vouch report coverage: TAMPERED ${s.location} ${c.name}: seq ${c.firstBad!.seq}: ${c.firstBad!.reason}\n`)
      for (const c of s.chains.filter((x) => x.signature.problem)) io.stderr.write(`vouch report coverage: SIGNATURE CHECK FAILED ${s.location} ${c.name}: ${c.signature.problem}\n`)
      for (const p of s.problems) io.stderr.write(`vouch report coverage: ${s.location}: ${p}\n`)
    }
    return EXIT.failed
  }
  return EXIT.ok
}
