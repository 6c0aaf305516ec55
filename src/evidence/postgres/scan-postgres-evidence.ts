import type { KeyObject } from 'node:crypto'
import pg from 'pg'
import Cursor from 'pg-cursor'
import { EvidenceReadError } from '../../core/errors/evidence-read-error.js'
import { VouchError } from '../../core/errors/vouch-error.js'
import { ChainChecker, type ChainStep, type ErasedCounts, type EvidenceBreak } from '../chain-checker.js'
import { CheckpointMatcher, requestsSeen, type SignatureCheck } from '../checkpoint-matcher.js'
import { GENESIS_HASH, type EvidenceRecord } from '../evidence-record.js'
import { checkpointLabel, tableNames } from './postgres-schema.js'
import { parsePostgresUrl, type PostgresLocation } from './postgres-url.js'

export interface PostgresChainResult {
  chainId: string
  mode: 'instance' | 'global'
  host?: string
  pid?: number
  createdAt: string
  /** Records verified intact from the start of the chain. */
  count: number
  lastHash: string
  ok: boolean
  /** Where the chain breaks: `line` is the 1-based position in the chain (seq + 1). */
  firstBad?: EvidenceBreak
  /** The chain's signed checkpoints (checked when a public key was given). */
  signature: SignatureCheck
}

export interface PostgresVerifyResult {
  ok: boolean
  location: string
  /** Records verified intact, all chains together. */
  count: number
  chains: PostgresChainResult[]
  /** Chain ids found among the records but missing from the chain registry. */
  unregistered: string[]
  /** Payloads replaced by tombstones (`vouch retain` / `vouch erase`), all chains together. */
  erased: ErasedCounts
  /** Requests each guardrail instance had seen, from the checkpoints (only signature-checked ones with a key). */
  requests: Record<string, number>
  /** A public key was given: every chain's checkpoints were checked against it. */
  signed: boolean
}

export interface ScanPostgresOptions {
  /** Verify each chain's signed checkpoints with this Ed25519 public key. */
  publicKey?: KeyObject
  /** An open client to read through (default: a connection of its own). */
  client?: pg.ClientBase
  /** Every intact step (records and tombstones) with its stored line, in chain order: for retention and erasure. */
  onStep?: (step: Exclude<ChainStep, { bad: EvidenceBreak }>, chainId: string, line: string) => void | Promise<void>
}


const BATCH = 1000

/**
 * Streams every chain of a PostgreSQL evidence store through the same chain check as the JSONL
 * log (canonical form, hash, seq, prevHash), with bounded memory: rows come through a server-side
 * cursor, `BATCH` at a time, inside one REPEATABLE READ transaction, so all chains are read from
 * one consistent snapshot while writers go on appending. Then each chain's tail is compared with
 * its registry row (committed with the records): a cut tail, or a registry edited without the
 * records, is a break. `onRecord` is awaited (back-pressure) for each intact record.
 */
export async function scanPostgresEvidence(
  location: string | PostgresLocation,
  onRecord: (record: EvidenceRecord, chainId: string) => void | Promise<void> = () => undefined,
  { client: given, publicKey, onStep }: ScanPostgresOptions = {},
): Promise<PostgresVerifyResult> {
  const loc = typeof location === 'string' ? parsePostgresUrl(location) : location
  const t = tableNames(loc.table)
  const readError = (detail: string, cause?: unknown) => new EvidenceReadError({ file: loc.display, detail, cause })
  let own: pg.Client | undefined
  let client: pg.ClientBase
  if (given) client = given
  else {
    own = new pg.Client({ connectionString: loc.connectionString })
    try {
      await own.connect()
    } catch (error) {
      throw readError('cannot connect to the evidence store', error)
    }
    client = own
  }
  let consumerError: unknown
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const exists = await client.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AS ok', [t.records, t.chains])
    if (!exists.rows[0]?.ok) throw readError(`no vouch evidence store (table ${loc.table}) in this database`)
    const registry = await client.query<{ chain_id: string; mode: 'instance' | 'global'; host: string | null; pid: number | null; created_at: Date; last_seq: string; last_hash: string }>(
      `SELECT chain_id, mode, host, pid, created_at, last_seq, last_hash FROM ${t.chains} ORDER BY created_at, chain_id`,
    )
    const found = await client.query<{ chain_id: string }>(`SELECT DISTINCT chain_id FROM ${t.records}`)
    const hasCheckpoints = (await client.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [t.checkpoints])).rows[0]?.ok === true
    const erased: ErasedCounts = { retention: 0, 'subject-request': 0 }
    const requests: Record<string, number> = {}
    const registered = new Set(registry.rows.map((r) => r.chain_id))
    const unregistered = found.rows.map((r) => r.chain_id).filter((id) => !registered.has(id)).sort()
    const chains: PostgresChainResult[] = []
    let count = 0
    for (const row of registry.rows) {
      const checker = new ChainChecker()
      const cpLines = hasCheckpoints
        ? (await client.query<{ line: string }>(`SELECT line FROM ${t.checkpoints} WHERE chain_id = $1 ORDER BY id`, [row.chain_id])).rows.map((r) => r.line)
        : []
      const matcher = new CheckpointMatcher(cpLines, publicKey, {
        // The table part may differ (a store restored under another name); the chain id may not.
        belongs: (log) => log === checkpointLabel(loc.table, row.chain_id) || log.endsWith(`/${row.chain_id}`),
        what: 'checkpoint',
        where: 'for this chain',
      })
      for (const [instance, n] of Object.entries(requestsSeen(cpLines, publicKey))) if (n > (requests[instance] ?? 0)) requests[instance] = n
      let firstBad: EvidenceBreak | undefined
      const cursor = client.query(new Cursor<{ seq: string; line: string }>(`SELECT seq, line FROM ${t.records} WHERE chain_id = $1 ORDER BY seq`, [row.chain_id]))
      try {
        let position = 0
        outer: for (;;) {
          const rows = await cursor.read(BATCH)
          if (rows.length === 0) break
          for (const r of rows) {
            position++
            // A gap in seq shows up as a seq/position mismatch in the checker.
            const step = checker.push({ line: position, text: r.line, terminated: true })
            if ('bad' in step) {
              firstBad = step.bad
              break outer
            }
            matcher.step(step.line.hash, 'checkpoint')
            try {
              // An erased payload (tombstone) is in the chain with nothing to hand on.
              if (step.record) await onRecord(step.record, row.chain_id)
              if (onStep) await onStep(step, row.chain_id, r.line)
            } catch (error) {
              consumerError = error
              throw error
            }
          }
        }
      } finally {
        await cursor.close()
      }
      const expectedCount = Number(row.last_seq) + 1
      if (!firstBad && (checker.count !== expectedCount || checker.lastHash !== (expectedCount === 0 ? GENESIS_HASH : row.last_hash))) {
        const line = Math.min(checker.count, expectedCount) + 1
        firstBad = {
          line,
          seq: line - 1,
          reason:
            checker.count < expectedCount
              ? `chain ends after ${checker.count} records but its registry committed ${expectedCount}: records were deleted (tail cut)`
              : checker.count > expectedCount
                ? `chain holds ${checker.count} records but its registry committed ${expectedCount}: records were added outside vouch, or the registry was edited`
                : "the chain's last hash differs from the one its registry committed: records were rewritten",
        }
      }
      count += checker.count
      erased.retention += checker.erased.retention
      erased['subject-request'] += checker.erased['subject-request']
      chains.push({
        signature: matcher.finish(!firstBad, checker.count, 'checkpoint'),
        chainId: row.chain_id,
        mode: row.mode,
        ...(row.host ? { host: row.host } : {}),
        ...(row.pid !== null ? { pid: row.pid } : {}),
        createdAt: row.created_at.toISOString(),
        count: checker.count,
        lastHash: checker.lastHash,
        ok: firstBad === undefined,
        ...(firstBad ? { firstBad } : {}),
      })
    }
    await client.query('COMMIT')
    const signed = publicKey !== undefined
    return { ok: unregistered.length === 0 && chains.every((c) => c.ok && !c.signature.problem), location: loc.display, count, chains, unregistered, erased, requests, signed }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    if (error === consumerError || VouchError.isInstance(error)) throw error
    throw readError('read failed', error)
  } finally {
    await own?.end().catch(() => undefined)
  }
}

/** Verifies every chain of a PostgreSQL evidence store (see `scanPostgresEvidence`). */
export function verifyPostgresEvidence(location: string | PostgresLocation, { publicKey }: { publicKey?: KeyObject } = {}): Promise<PostgresVerifyResult> {
  return scanPostgresEvidence(location, undefined, publicKey ? { publicKey } : {})
}
