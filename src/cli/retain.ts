import { UsageError } from '../core/errors/usage-error.js'
import { erasePayloads, type ErasePayloadsOptions } from '../evidence/erase-payloads.js'
import type { EvidenceBreak } from '../evidence/chain-checker.js'
import { erasePostgresPayloads } from '../evidence/postgres/erase-postgres-payloads.js'
import { isPostgresUrl, parsePostgresUrl } from '../evidence/postgres/postgres-url.js'
import { subjectMatcher } from '../evidence/subject-matcher.js'
import type { CliIO, Command } from './cli-io.js'
import { EXIT } from './exit-codes.js'
import { subjectSalt } from './export.js'
import { resolveLogTarget } from './log-target.js'
import { parseFlagTable, type FlagTable } from './flag-table.js'

const common = `Replaces the payloads of matching records with tombstones (payload hash, reason, time): the chain,
the record count and any signed checkpoint stay valid, so vouch verify [--key] still proves order and
completeness and reports the erased payloads. This is the one sanctioned rewrite of a log: it holds
the log's lock, writes a new file beside it, fsyncs and renames it atomically, and records the pass
in <log>.erasures.jsonl. A log whose chain is broken is refused.
A postgres://user@host:port/db?table=NAME store: every chain is verified through a cursor and the
tombstones are written in one transaction (the only one that lifts the append-only trigger, with
SET LOCAL vouch.erasure), recorded in <table>_erasures; writers keep appending meanwhile. Format 1 records (written before
vouch stored payload hashes) cannot be erased without breaking the chain and are counted instead.
  --dry-run   count what would be erased, change nothing
Exit 0 done, 1 the chain is broken (nothing changed), 2 bad usage or unreadable log.`

const retainFlags = {
  'older-than': { type: 'string', value: 'DURATION', help: 'erase payloads of records older than this (e.g. 400d, 36h, 90m)' },
  'dry-run': { type: 'boolean', help: 'count what would be erased, change nothing' },
} as const satisfies FlagTable

const eraseFlags = {
  subject: { type: 'string', value: 'VALUE', help: "the data subject's value (e-mail, phone, card…)" },
  'salt-env': { type: 'string', value: 'NAME', help: "environment variable holding the log's salt" },
  'dry-run': { type: 'boolean', help: 'count what would be erased, change nothing' },
} as const satisfies FlagTable

export const retainCommand: Command = {
  name: 'retain',
  summary: 'erase payloads older than a retention period (tombstones keep the chain verifiable)',
  usage: `Usage: vouch retain LOG|RUN_DIR|postgres://…?table=NAME --older-than DURATION [--dry-run]\n\nDURATION: e.g. 400d, 36h, 90m.\n${common}`,
  flags: retainFlags,
  async run(argv, io) {
    const { values, positionals } = parseFlagTable(retainFlags, argv, { positionals: true })
    if (positionals.length !== 1) throw new UsageError({ message: 'retain takes exactly one LOG or RUN_DIR' })
    const ms = parseDuration(values['older-than'])
    const cutoff = Date.now() - ms
    const dryRun = values['dry-run'] ?? false
    const { where, result } = await erase(io.cwd, positionals[0]!, {
      reason: 'retention',
      select: (r) => Date.parse(r.ts) < cutoff,
      criterion: `older than ${values['older-than']} (before ${new Date(cutoff).toISOString()})`,
      dryRun,
    })
    return report(io, where, result, 'retention', dryRun)
  },
}

export const eraseCommand: Command = {
  name: 'erase',
  summary: "erase one data subject's payloads (data-subject request; tombstones keep the chain verifiable)",
  usage: `Usage: vouch erase LOG|RUN_DIR|postgres://…?table=NAME --subject VALUE [--salt-env NAME] [--dry-run]

Finds the subject's records as vouch export --subject does (VALUE's salted pseudonym in the stored
text, with the salt the log was written with: --salt-env NAME, else VOUCH_EVIDENCE_SALT, else the
project salt file); the value itself is never stored or printed.
${common}`,
  flags: eraseFlags,
  async run(argv, io) {
    const { values, positionals } = parseFlagTable(eraseFlags, argv, { positionals: true })
    if (positionals.length !== 1) throw new UsageError({ message: 'erase takes exactly one LOG or RUN_DIR' })
    if (values.subject === undefined || values.subject.trim() === '') throw new UsageError({ message: '--subject takes the value to erase' })
    const matcher = subjectMatcher(values.subject, await subjectSalt(values['salt-env'], io))
    const dryRun = values['dry-run'] ?? false
    const { where, result } = await erase(io.cwd, positionals[0]!, {
      reason: 'subject-request',
      select: (r) => matcher.matches(r),
      criterion: 'data-subject request (salted pseudonym match)',
      dryRun,
    })
    if (matcher.otherSalt > 0) io.stderr.write(`warning: ${matcher.otherSalt} records were pseudonymised with another salt and could not be searched (--salt-env)\n`)
    return report(io, where, result, 'subject request', dryRun)
  },
}

interface EraseOutcome {
  erased: number
  formatOne: number
  records: number
  firstBad?: EvidenceBreak & { chain?: string }
  journal: string
}

/** One erasure pass on a log file (or run directory) or a postgres:// store. */
async function erase(cwd: string, arg: string, options: Omit<ErasePayloadsOptions, 'lockTimeoutMs'>): Promise<{ where: string; result: EraseOutcome }> {
  if (isPostgresUrl(arg)) {
    const loc = parsePostgresUrl(arg)
    return { where: loc.display, result: await erasePostgresPayloads(loc, options) }
  }
  const { log } = await resolveLogTarget(cwd, arg, { noReport: true })
  return { where: log, result: await erasePayloads(log, options) }
}

function report(io: CliIO, log: string, result: EraseOutcome, why: string, dryRun: boolean): number {
  if (result.firstBad) {
    const at = result.firstBad.chain !== undefined ? `chain ${result.firstBad.chain} seq ${result.firstBad.seq}` : `line ${result.firstBad.line} (seq ${result.firstBad.seq})`
    io.stderr.write(`TAMPERED: ${log}: ${at}: ${result.firstBad.reason}; nothing was erased\n`)
    return EXIT.failed
  }
  const n = `${result.erased} payload${result.erased === 1 ? '' : 's'}`
  io.stdout.write(dryRun ? `would erase ${n} (${why}) of ${result.records} records in ${log}\n` : `erased ${n} (${why}) of ${result.records} records in ${log}${result.erased ? `; recorded in ${result.journal}` : ''}\n`)
  if (result.formatOne) io.stderr.write(`warning: ${result.formatOne} matching format 1 records cannot be erased without breaking the chain; they were left as they are\n`)
  return EXIT.ok
}

/** "400d", "36h", "90m" → milliseconds. */
function parseDuration(value: string | undefined): number {
  const m = value === undefined ? null : /^(\d{1,6})([dhm])$/.exec(value.trim())
  if (!m) throw new UsageError({ message: '--older-than takes a duration such as 400d, 36h or 90m' })
  return Number(m[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as 'd' | 'h' | 'm']
}
