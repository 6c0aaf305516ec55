import pg from 'pg'
import { EvidenceWriteError } from '../../core/errors/evidence-write-error.js'
import { VouchError } from '../../core/errors/vouch-error.js'
import type { EvidenceBreak } from '../chain-checker.js'
import { tombstoneLine, type ErasePayloadsOptions } from '../erase-payloads.js'
import { migrate, tableNames } from './postgres-schema.js'
import { parsePostgresUrl, type PostgresLocation } from './postgres-url.js'
import { scanPostgresEvidence } from './scan-postgres-evidence.js'

export interface ErasePostgresResult {
  /** Payloads replaced by tombstones in this pass. */
  erased: number
  /** Selected format 1 records: their hash covers the payload itself, so they cannot be erased. */
  formatOne: number
  /** Records read, all chains together. */
  records: number
  /** A chain was broken (or a chain is missing from the registry): nothing was changed. */
  firstBad?: EvidenceBreak & { chain: string }
  /** Where the pass was recorded: the store's `<table>_erasures` table. */
  journal: string
}

const FLUSH = 500

/**
 * Retention and erasure on a PostgreSQL evidence store, with the file log's semantics: the
 * payloads of selected format 2 records are replaced by tombstones `{ reason, time }` that keep
 * every header member, so every chain and every signed checkpoint still verify.
 *
 * Every chain is read through a cursor in one REPEATABLE READ snapshot and verified on the way
 * (the same scan as `vouch verify`); the tombstones are written on a second connection in ONE
 * transaction that alone sets `vouch.erasure` (`SET LOCAL`: the append-only trigger stays armed for
 * every other session and for this one after it), each update conditional on the row still
 * holding the line that was verified. The pass is recorded in `<table>_erasures` in the same
 * transaction. A broken chain rolls everything back: nothing changes. Writers keep appending
 * meanwhile (only older rows are touched).
 */
export async function erasePostgresPayloads(
  location: string | PostgresLocation,
  { reason, select, criterion, dryRun = false, _internal: { now = () => new Date() } = {} }: Omit<ErasePayloadsOptions, 'lockTimeoutMs'>,
): Promise<ErasePostgresResult> {
  const loc = typeof location === 'string' ? parsePostgresUrl(location) : location
  const t = tableNames(loc.table)
  const time = now().toISOString()
  const journal = `${loc.display} (table ${loc.table}_erasures)`
  const writer = new pg.Client({ connectionString: loc.connectionString })
  const fail = (detail: string, cause?: unknown) => new EvidenceWriteError({ file: loc.display, detail, cause })
  try {
    await writer.connect()
  } catch (error) {
    throw fail('cannot connect to the evidence store', error)
  }
  let erased = 0
  let formatOne = 0
  let pending: { chain: string; seq: number; old: string; line: string }[] = []
  const flush = async () => {
    if (pending.length === 0) return
    const values: unknown[] = []
    const rows = pending.map((p, i) => {
      values.push(p.chain, p.seq, p.old, p.line)
      return `($${i * 4 + 1}::text, $${i * 4 + 2}::bigint, $${i * 4 + 3}::text, $${i * 4 + 4}::text)`
    })
    pending = []
    const done = await writer.query(
      `UPDATE ${t.records} AS r SET line = v.line FROM (VALUES ${rows.join(', ')}) AS v(chain_id, seq, old, line) WHERE r.chain_id = v.chain_id AND r.seq = v.seq AND r.line = v.old`,
      values,
    )
    erased += done.rowCount ?? 0
  }
  try {
    // Bring an older store up to the current schema (the erasure journal) before the pass.
    if (!dryRun) await migrate(writer, loc.table)
    await writer.query('BEGIN')
    await writer.query("SET LOCAL vouch.erasure = 'on'")
    const scan = await scanPostgresEvidence(loc, undefined, {
      onStep: async (step, chainId, text) => {
        if (!step.record || !select(step.record)) return
        if (step.line.format === 1) {
          formatOne++
          return
        }
        if (dryRun) {
          erased++
          return
        }
        pending.push({ chain: chainId, seq: step.line.seq, old: text, line: tombstoneLine(text, reason, time) })
        if (pending.length >= FLUSH) await flush()
      },
    })
    const broken = scan.chains.find((c) => c.firstBad)
    if (broken || scan.unregistered.length > 0) {
      await writer.query('ROLLBACK')
      const firstBad = broken
        ? { ...broken.firstBad!, chain: broken.chainId }
        : { line: 0, seq: 0, chain: scan.unregistered[0]!, reason: 'records of this chain exist but the chain is missing from the registry' }
      return { erased: 0, formatOne: 0, records: scan.count, firstBad, journal }
    }
    if (dryRun) {
      await writer.query('ROLLBACK')
      return { erased, formatOne, records: scan.count, journal }
    }
    await flush()
    if (erased > 0) {
      await writer.query(`INSERT INTO ${t.erasures} (time, reason, criterion, erased, records) VALUES ($1, $2, $3, $4, $5)`, [time, reason, criterion, erased, scan.count])
    }
    await writer.query('COMMIT')
    return { erased, formatOne, records: scan.count, journal }
  } catch (error) {
    await writer.query('ROLLBACK').catch(() => undefined)
    if (VouchError.isInstance(error) && !EvidenceWriteError.isInstance(error)) throw error
    throw fail('erasing payloads failed; the store is unchanged', error)
  } finally {
    await writer.end().catch(() => undefined)
  }
}
