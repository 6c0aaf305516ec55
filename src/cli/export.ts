import { UsageError } from '../core/errors/usage-error.js'
import { canonicalJson } from '../core/canonical-json.js'
import { evidenceCsvHeader, evidenceCsvRow } from '../evidence/evidence-csv.js'
import type { EvidenceRecord } from '../evidence/evidence-record.js'
import { exportEvidence, type ExportEvidenceOptions } from '../evidence/export-evidence.js'
import { resolveSaltInfo, SALT_ENV, SALT_FILE } from '../evidence/resolve-salt.js'
import type { CliIO, Command } from './cli-io.js'
import { parseFlagTable, usageText, type FlagTable } from './flag-table.js'
import { describeSignature, loadKey, resolveLogTarget, type LogTarget } from './log-target.js'
import { describeChain } from './verify-postgres.js'
import { isPostgresUrl, parsePostgresUrl } from '../evidence/postgres/postgres-url.js'
import { resolve } from 'node:path'
import { eraseSummary } from './verify.js'
import { EXIT } from './exit-codes.js'

const flags = {
  format: { type: 'string', value: 'csv|json|jsonl', help: 'csv: one row per record (ts, seq, run/request id, suite/route, case,\nevaluator, version, status, score, reason, action, prompt and rubric\nversions, model, hashes); json: an array of the full records; jsonl:\none record per line (required)' },
  from: { type: 'string', value: 'ISO', help: 'records with ts ≥ this date or date-time' },
  to: { type: 'string', value: 'ISO', help: 'records with ts < this date or date-time' },
  route: { type: 'string', value: 'R', help: 'one guardrail route' },
  'request-id': { type: 'string', value: 'ID', help: 'one guardrail request' },
  'run-id': { type: 'string', value: 'ID', help: 'one eval run' },
  suite: { type: 'string', value: 'S', help: 'one suite' },
  evaluator: { type: 'string', value: 'NAME', help: 'one evaluator' },
  subject: {
    type: 'string',
    value: 'VALUE',
    help: "one data subject's records (data-subject request): VALUE's salted\npseudonym is computed and searched in the stored text; the value itself\nis never stored or printed",
  },
  key: { type: 'string', value: 'FILE', help: 'Ed25519 public key: also check the signed checkpoints (as vouch verify --key)' },
  report: { type: 'string', value: 'FILE', help: "the run's report.json (default: the one next to the log, if it names it)" },
  'no-report': { type: 'boolean', help: 'ignore any report.json next to the log' },
  'salt-env': { type: 'string', value: 'NAME', help: `environment variable holding the log's salt (default ${SALT_ENV},\nthen ${SALT_FILE} in the current directory)` },
} as const satisfies FlagTable

const usage = usageText({
  synopsis: 'vouch export LOG|RUN_DIR|postgres://user@host:port/db?table=NAME --format csv|json|jsonl [--key PUBLIC_KEY_FILE] [filters]',
  description: "Streams an evidence log's records to stdout for an auditor, checking on the way what vouch verify\nchecks: the hash chain, the end of the log against the report beside it, and with --key the signed\ncheckpoints. A postgres:// store is read chain by chain through a cursor, each chain checked as\nvouch verify checks it (records, its registry row, with --key its signed checkpoints). Erased payloads\n(vouch retain / erase) are not exported.\nFilters (all must hold): --from/--to, --route, --request-id, --run-id, --suite, --evaluator, --subject.",
  flags,
  notes: `Exit 0 exported, 1 the log is not intact — chain broken, truncated or extended, or a signature check
failed (records up to a break were exported; the problem is named on stderr), 2 unreadable file or
bad usage, 3 internal error.`,
})

export const exportCommand: Command = {
  name: 'export',
  summary: 'stream evidence records as CSV or JSON for an auditor (filters, data-subject search)',
  usage,
  flags,
  async run(argv, io) {
    const { values, positionals } = parseFlagTable(flags, argv, { positionals: true })
    if (positionals.length !== 1) throw new UsageError({ message: 'export takes exactly one FILE' })
    const format = values.format
    if (format !== 'csv' && format !== 'json' && format !== 'jsonl') throw new UsageError({ message: '--format takes csv, json or jsonl' })
    for (const flag of ['from', 'to'] as const) {
      const v = values[flag]
      if (v !== undefined && (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(Date.parse(v)))) {
        throw new UsageError({ message: `--${flag} takes an ISO 8601 date or date-time (e.g. 2025-01-31 or 2025-01-31T12:00:00Z)` })
      }
    }
    const target = isPostgresUrl(positionals[0]!) ? await storeTarget(positionals[0]!, values, io.cwd) : await resolveLogTarget(io.cwd, positionals[0]!, { report: values.report, noReport: values['no-report'], key: values.key })
    const file = target.log

    const options: ExportEvidenceOptions = {
      ...(values.from !== undefined ? { from: values.from } : {}),
      ...(values.to !== undefined ? { to: values.to } : {}),
      ...(values.route !== undefined ? { route: values.route } : {}),
      ...(values['request-id'] !== undefined ? { requestId: values['request-id'] } : {}),
      ...(values['run-id'] !== undefined ? { runId: values['run-id'] } : {}),
      ...(values.suite !== undefined ? { suite: values.suite } : {}),
      ...(values.evaluator !== undefined ? { evaluator: values.evaluator } : {}),
    }
    if (values.subject !== undefined) {
      if (values.subject.trim() === '') throw new UsageError({ message: '--subject takes the value to search for' })
      options.subject = { value: values.subject, salt: await subjectSalt(values['salt-env'], io) }
    } else if (values['salt-env'] !== undefined) {
      throw new UsageError({ message: '--salt-env is only used with --subject' })
    }

    const write = async (text: string) => {
      if (!io.stdout.write(text)) await new Promise((r) => io.stdout.once('drain', r))
    }
    let first = true
    if (format === 'csv') await write(evidenceCsvHeader())
    if (format === 'json') await write('[')
    const summary = await exportEvidence(target.location ?? file, options, async (record: EvidenceRecord) => {
      if (format === 'csv') await write(evidenceCsvRow(record))
      else if (format === 'jsonl') await write(`${canonicalJson(record)}\n`)
      else {
        await write(`${first ? '\n' : ',\n'}${canonicalJson(record)}`)
        first = false
      }
    }, target.options)
    if (format === 'json') await write(first ? ']\n' : '\n]\n')

    io.stderr.write(`exported ${summary.exported} of ${summary.scanned} records\n`)
    if (summary.otherSalt > 0) {
      io.stderr.write(
        `warning: ${summary.otherSalt} records were pseudonymised with a different salt and could not be searched; pass the salt they were written with (--salt-env)\n`,
      )
    }
    const bad = summary.verification.firstBad
    if (bad) {
      io.stderr.write(`TAMPERED: ${file}: line ${bad.line} (seq ${bad.seq}): ${bad.reason}; export stopped there (run "vouch verify" for details)\n`)
      return EXIT.failed
    }
    if (summary.verification.erased) io.stderr.write(`${eraseSummary(summary.verification.erased)}: those records are not exported\n`)
    if (summary.store) {
      for (const c of summary.store.chains) for (const line of describeChain({ ...c, name: `chain ${c.chainId}` }, values.key !== undefined)) io.stderr.write(`${line.trim()}\n`)
      if (values.key === undefined) io.stderr.write('not checked against a signing key (--key): a complete rewrite of the store cannot be detected\n')
    } else for (const line of describeSignature({ ok: summary.ok, chain: summary.verification, signature: summary.signature })) io.stderr.write(`${line.trim()}\n`)
    return summary.ok ? EXIT.ok : EXIT.failed
  },
}

/** A postgres:// store: no report beside it; `--key` checks every chain's checkpoints. */
async function storeTarget(url: string, values: { report?: string | undefined; 'no-report'?: boolean | undefined; key?: string | undefined }, cwd: string): Promise<LogTarget> {
  if (values.report !== undefined || values['no-report'] !== undefined) throw new UsageError({ message: '--report and --no-report apply to a log file, not a postgres:// store' })
  return { log: parsePostgresUrl(url).display, location: url, options: values.key === undefined ? {} : { publicKey: await loadKey(resolve(cwd, values.key)) } }
}

export async function subjectSalt(saltEnv: string | undefined, io: CliIO): Promise<string> {
  if (saltEnv !== undefined) {
    const salt = io.env[saltEnv]
    if (!salt) throw new UsageError({ message: `--salt-env ${saltEnv}: that environment variable is not set` })
    return salt
  }
  try {
    return (await resolveSaltInfo({ env: { ...io.env }, cwd: io.cwd, create: false })).salt
  } catch (error) {
    throw new UsageError({ message: `--subject needs the salt the log was written with: ${(error as Error).message}` })
  }
}
