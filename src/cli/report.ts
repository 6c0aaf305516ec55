import { writeFileSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve } from 'node:path'
import { UsageError } from '../core/errors/usage-error.js'
import { soc2Report } from '../report/soc2/index.js'
import type { CliIO, Command } from './cli-io.js'
import { verifyEvidenceLog } from '../evidence/verify-log.js'
import { loadKey, resolveLogTarget } from './log-target.js'
import { isPostgresUrl } from '../evidence/postgres/postgres-url.js'
import { parseFlagTable, usageText, type FlagTable } from './flag-table.js'
import { EXIT } from './exit-codes.js'
import { runTrend, trendUsage } from './report-trend.js'
import { toolVersion } from './tool-version.js'
import { coverageUsage, runCoverage } from './report-coverage.js'

const flags = {
  format: { type: 'string', value: 'md|html', help: 'output format (default: md)' },
  out: { type: 'string', value: 'FILE', help: 'write to FILE (default: stdout)' },
  sample: { type: 'int', value: 'N', min: 0, help: 'failing records sampled per criterion (default: 10)' },
  key: { type: 'string', value: 'FILE', help: "Ed25519 public key: also check every log's signed checkpoints (as vouch verify --key does); without it a complete rewrite of a log and its report is undetectable" },
} as const satisfies FlagTable

const usage = usageText({
  synopsis: 'vouch report soc2 [RUN_DIR | REPORT_JSON | EVIDENCE_FILE | postgres://user@host:port/db?table=NAME]... [options]',
  description: `Writes a SOC 2 control report from evidence: by Trust Services Criteria category (Security CC*,
Availability A*, Processing Integrity PI*, Confidentiality C*, Privacy P*) and criterion, the
evaluators and rubrics that evidence it (versions, owners), records, coverage (cases or requests
with a record), pass/fail/error rates, each log's hash-chain verification, and a reproducible sample
of failing records with their file, line, seq and hash; then production coverage from the same
records (audit-log coverage, fail rate by route and cohort, privacy failures per 1,000 requests,
model and provider drift, judge agreement: the figures of vouch report coverage).

Inputs: a run directory (its report.json names the log, last hash and count), a merged run
directory (vouch merge: every shard's chain), a report.json, evidence JSONL files (guardrail
logs), or a PostgreSQL store (every chain, read through a cursor). Logs are read as streams.`,
  flags,
  notes: `Exit 0: report written, every log intact. 1: report written, but a log failed verification (the
report says where). 2: bad usage or unreadable input. 3: internal error.

${trendUsage}

${coverageUsage}`,
})

export const reportCommand: Command = {
  name: 'report',
  summary: 'write a SOC 2 control report (soc2), the trend across runs (trend) or production coverage (coverage)',
  usage,
  flags,
  async run(argv, io) {
    const [kind, ...rest] = argv
    if (kind === 'trend') return runTrend(rest, io)
    if (kind === 'coverage') return runCoverage(rest, io)
    if (kind !== 'soc2') throw new UsageError({ message: kind === undefined ? 'report needs a kind: soc2, trend or coverage' : `unknown report "${kind}"; the kinds are soc2, trend and coverage` })
    const { values, positionals } = parseFlagTable(flags, rest, { positionals: true })
    if (positionals.length === 0) throw new UsageError({ message: 'report soc2 needs at least one input: a run directory, a report.json or an evidence .jsonl file' })
    const format = values.format ?? 'md'
    if (format !== 'md' && format !== 'html') throw new UsageError({ message: `--format takes md or html (got "${format}")` })
    const out = values.out === undefined ? undefined : resolve(io.cwd, values.out)
    // Files are named relative to where the report is read from, so its links open the records.
    const base = out ? dirname(out) : io.cwd
    const display = (path: string) => {
      const r = relative(base, path)
      return r === '' || r.startsWith('..') || isAbsolute(r) ? path : r
    }
    const publicKey = values.key === undefined ? undefined : await loadKey(resolve(io.cwd, values.key))
    const { text, evidence } = await soc2Report({
      ...(publicKey ? { publicKey } : {}),
      inputs: positionals,
      cwd: io.cwd,
      format,
      display,
      toolVersion: await toolVersion(),
      ...(values.sample !== undefined ? { sampleSize: values.sample } : {}),
    })
    if (out) {
      writeFileSync(out, text)
      io.stderr.write(`vouch report: ${evidence.records} records from ${evidence.sources.length} logs → ${out}\n`)
    } else {
      io.stdout.write(text)
    }
    const signatureOk = await checkSignatures(positionals, values.key, io)
    if (!evidence.intact) {
      for (const s of evidence.sources.filter((x) => !x.ok)) io.stderr.write(`vouch report: TAMPERED ${s.file}: line ${s.firstBad!.line} (seq ${s.firstBad!.seq}): ${s.firstBad!.reason}\n`)
      for (const s of evidence.sources.filter((x) => x.ok && x.signatureProblem)) io.stderr.write(`vouch report: SIGNATURE CHECK FAILED ${s.file}: ${s.signatureProblem}\n`)
      for (const p of evidence.problems) io.stderr.write(`vouch report: ${p.file}: ${p.reason}\n`)
      return EXIT.failed
    }
    return signatureOk ? EXIT.ok : EXIT.failed
  },
}

/** With --key, each input's signed checkpoints, as `vouch verify --key` checks them; without, says what that leaves open. */
async function checkSignatures(inputs: string[], key: string | undefined, io: CliIO): Promise<boolean> {
  if (key === undefined) {
    io.stderr.write('vouch report: not checked against a signing key (--key): a complete rewrite of a log and its report cannot be detected\n')
    return true
  }
  let ok = true
  for (const input of inputs) {
    if (isPostgresUrl(input)) continue // a store's checkpoints were checked while the report read it
    const abs = resolve(io.cwd, input)
    const target = await resolveLogTarget(io.cwd, abs.endsWith('.json') ? dirname(abs) : abs, { key })
    const result = await verifyEvidenceLog(target.log, target.options)
    if (result.signature.problem) {
      ok = false
      io.stderr.write(`vouch report: SIGNATURE CHECK FAILED ${target.log}: ${result.signature.problem}\n`)
    }
  }
  return ok
}
