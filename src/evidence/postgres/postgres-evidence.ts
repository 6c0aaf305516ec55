import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { z } from 'zod'
import { EvidenceWriteError } from '../../core/errors/evidence-write-error.js'
import { InvalidArgumentError } from '../../core/errors/invalid-argument-error.js'
import { VouchError } from '../../core/errors/vouch-error.js'
import { parseOptions } from '../../core/parse-options.js'
import { canonicalJson } from '../../core/canonical-json.js'
import { chainRecord, type ChainState } from '../chain-record.js'
import { checkRecordLine } from '../check-record.js'
import { signCheckpointFor } from '../checkpoint.js'
import { RequestCounter } from '../request-counter.js'
import type { EvidenceSigner } from '../signer.js'
import { GENESIS_HASH, type EvidenceEntry, type EvidenceRecord, type EvidenceSink } from '../evidence-record.js'
import { checkpointLabel, checkTableName, migrate, tableNames } from './postgres-schema.js'

/**
 * How records from many writers are chained:
 * - `instance` (default): each writer instance keeps its own chain (`chain_id` = its instance id).
 *   No cross-instance lock: writers never wait for each other. Verification checks every chain
 *   and lists the set of instances. A session advisory lock keeps two live writers from sharing
 *   one instance id.
 * - `global`: one chain for the whole store, serialised by a transaction-scoped advisory lock.
 *   A single total order, at the price of every append waiting for every other writer's commit.
 * Both were measured under contention (`npm run bench -- postgres`); see docs/evidence-postgres.md.
 */
export type PostgresChainMode = 'instance' | 'global'

export interface PostgresEvidenceOptions {
  /** `postgres://user@host:port/db`; or pass `pool`. */
  connectionString?: string
  /** An existing `pg.Pool` (the sink takes one client from it and holds it while open). */
  pool?: pg.Pool
  /** Table name (lowercase identifier). Default `vouch_evidence`. */
  table?: string
  /** This writer's id; unique among live writers. Default `<host>-<pid>-<random>`. */
  instanceId?: string
  chain?: PostgresChainMode
  /** Entries chained and committed in one transaction, at most. Default 256. */
  maxBatch?: number
  /** Server-side limit per statement, so a stuck server fails the append instead of hanging it. Default 10 s. */
  statementTimeoutMs?: number
  /**
   * Signs a checkpoint of this writer's chain (count, last hash, time, requests seen) every
   * `checkpointEvery.records` records (in the same transaction as the records that complete
   * them), `checkpointEvery.ms` after an unsigned record or counted request, and on close, into
   * `<table>_checkpoints`: `vouch verify postgres://… --key` then detects a rewrite of records,
   * registry and all, or a tail cut after a checkpoint. Same format and signer as the file log.
   */
  signer?: EvidenceSigner
  /** Default: every 1000 records or 60 s. */
  checkpointEvery?: { records?: number; ms?: number }
}

export interface PostgresEvidenceSink extends EvidenceSink {
  readonly table: string
  readonly instanceId: string
  readonly chainId: string
  readonly mode: PostgresChainMode
}

const optionsSchema = z
  .object({
    connectionString: z.string().min(1).optional(),
    pool: z.custom<pg.Pool>((v) => typeof v === 'object' && v !== null && typeof (v as pg.Pool).connect === 'function', 'must be a pg.Pool').optional(),
    table: z.string(),
    instanceId: z.string().min(1).max(200),
    chain: z.enum(['instance', 'global']),
    maxBatch: z.number().int().min(1).max(10_000),
    statementTimeoutMs: z.number().int().positive(),
    signer: z.custom<EvidenceSigner>((v) => typeof v === 'object' && v !== null && typeof (v as EvidenceSigner).sign === 'function', 'must be an EvidenceSigner').optional(),
    checkpointEvery: z.object({ records: z.number().int().positive().optional(), ms: z.number().int().positive().optional() }).strict().optional(),
  })
  .strict()

interface Pending {
  entry: EvidenceEntry
  resolve: (record: EvidenceRecord) => void
  reject: (error: unknown) => void
}

/** The chain id of the single chain in `global` mode. */
export const GLOBAL_CHAIN_ID = 'global'

/**
 * An evidence sink on PostgreSQL (node-postgres): many processes on many hosts append to one
 * store, with the same record format and hash chain as the JSONL log. Each batch of records is
 * one transaction (the records and the chain's tail row together), so a writer killed mid-way
 * leaves nothing half-written and loses nothing it reported as committed. Any failure (dropped
 * connection, timeout, constraint) rejects the appends of that batch: the guardrail fails the
 * request closed. The next append reconnects and re-reads the chain's tail.
 */
export function postgresEvidence({
  connectionString,
  pool,
  table = 'vouch_evidence',
  instanceId = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`,
  chain = 'instance',
  maxBatch = 256,
  statementTimeoutMs = 10_000,
  signer,
  checkpointEvery,
}: PostgresEvidenceOptions): PostgresEvidenceSink {
  const options = parseOptions(optionsSchema, { connectionString, pool, table, instanceId, chain, maxBatch, statementTimeoutMs, signer, checkpointEvery }, 'postgresEvidence options')
  if (!options.connectionString === !options.pool) {
    throw new InvalidArgumentError({ argument: 'postgresEvidence', issues: [{ path: 'connectionString', message: 'pass exactly one of connectionString and pool' }] })
  }
  checkTableName(table)
  const t = tableNames(table)
  const chainId = chain === 'global' ? GLOBAL_CHAIN_ID : instanceId
  const where = `postgres:${table}/${chainId}`
  const everyRecords = checkpointEvery?.records ?? 1000
  const everyMs = checkpointEvery?.ms ?? 60_000
  /** Records committed since the last checkpoint, the timer that signs them if no more come, requests seen. */
  let unsigned = 0
  let checkpointTimer: NodeJS.Timeout | undefined
  const requests = new RequestCounter()

  let client: pg.ClientBase | undefined
  let release: (() => void) | undefined
  let connecting: Promise<pg.ClientBase> | undefined
  let lastSeq = -1
  let lastHash = GENESIS_HASH
  /** The last sample this chain stored inline: a case's later records reference it by hash (record format 2). */
  const chainState: ChainState = {}
  let closed = false
  const queue: Pending[] = []
  let draining: Promise<void> | undefined
  /** One transaction at a time on the connection: an append batch or a timer/close checkpoint. */
  let txTail: Promise<unknown> = Promise.resolve()
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = txTail.then(fn, fn)
    txTail = run.catch(() => undefined)
    return run
  }

  const writeError = (detail: string, cause?: unknown) => new EvidenceWriteError({ file: where, detail, cause })

  function drop(broken: boolean) {
    const c = client
    client = undefined
    connecting = undefined
    if (!c) return
    if (release) {
      // A pool client: destroy it when broken (never hand a dead or locked session back).
      ;(c as pg.PoolClient).release(broken ? new Error('vouch: evidence connection broken') : undefined)
      release = undefined
    } else void (c as pg.Client).end().catch(() => undefined)
  }

  async function connect(): Promise<pg.ClientBase> {
    if (client) return client
    connecting ??= (async () => {
      let c: pg.ClientBase
      if (options.pool) {
        const pc = await options.pool.connect()
        c = pc
        release = () => pc.release()
      } else {
        const own = new pg.Client({ connectionString: options.connectionString, application_name: `vouch:${instanceId}`.slice(0, 63) })
        await own.connect()
        c = own
      }
      // An error on an idle connection (server restart, terminated backend) must not crash the process.
      c.on('error', () => drop(true))
      try {
        await c.query(`SET statement_timeout = ${options.statementTimeoutMs}`)
        await migrate(c, table)
        if (chain === 'instance') {
          const got = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS ok', [`vouch:${table}`, chainId])
          if (!got.rows[0]?.ok) throw writeError(`instance id "${instanceId}" is in use by another live writer; give each writer its own instanceId`)
        }
        await c.query(
          `INSERT INTO ${t.chains} (chain_id, mode, host, pid, last_hash) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (chain_id) DO NOTHING`,
          [chainId, chain, hostname(), process.pid, GENESIS_HASH],
        )
        if (chain === 'instance') await readTail(c)
        client = c
        return c
      } catch (error) {
        client = c
        drop(true)
        throw error
      }
    })()
    try {
      return await connecting
    } catch (error) {
      connecting = undefined
      throw VouchError.isInstance(error) ? error : writeError('cannot connect to the evidence store', error)
    }
  }

  /** Reads the chain's tail from its registry row and checks the last record row agrees. */
  async function readTail(c: pg.ClientBase, lock = false): Promise<void> {
    const row = await c.query<{ last_seq: string; last_hash: string; mode: string }>(
      `SELECT last_seq, last_hash, mode FROM ${t.chains} WHERE chain_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [chainId],
    )
    const r = row.rows[0]
    if (!r) throw writeError('the chain registry row is missing')
    if (r.mode !== chain) throw writeError(`chain "${chainId}" was created in ${r.mode} mode, not ${chain}`)
    const last = await c.query<{ seq: string; hash: string; line: string }>(`SELECT seq, hash, line FROM ${t.records} WHERE chain_id = $1 ORDER BY seq DESC LIMIT 1`, [chainId])
    const seq = Number(r.last_seq)
    const tail = last.rows[0]
    if ((tail ? Number(tail.seq) : -1) !== seq || (tail ? tail.hash : GENESIS_HASH) !== r.last_hash) {
      throw writeError(`chain "${chainId}" does not end where its registry says (records or registry edited); run vouch verify`)
    }
    lastSeq = seq
    lastHash = r.last_hash
    // Another writer (global mode) or an earlier run may have written the tail: reference only the sample it names.
    const checked = tail ? checkRecordLine(tail.line) : undefined
    chainState.lastSampleHash = checked?.ok ? checked.sampleHash : undefined
  }

  async function writeBatch(batch: Pending[]): Promise<EvidenceRecord[]> {
    const c = await connect()
    let sampleBefore = chainState.lastSampleHash
    await c.query('BEGIN')
    try {
      if (chain === 'global') {
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [`vouch:${table}`, chainId])
        await readTail(c, true)
      }
      let seq = lastSeq
      let prev = lastHash
      sampleBefore = chainState.lastSampleHash
      const records: EvidenceRecord[] = []
      const values: unknown[] = []
      const rows: string[] = []
      for (const { entry } of batch) {
        const { record, line } = chainRecord(entry, ++seq, prev, chainState)
        prev = record.hash
        records.push(record)
        const i = values.length
        rows.push(`($${i + 1}, $${i + 2}, $${i + 3}, $${i + 4}, $${i + 5}, $${i + 6}, $${i + 7})`)
        values.push(chainId, seq, instanceId, record.ts, record.hash, record.prevHash, line.slice(0, -1))
      }
      await c.query(`INSERT INTO ${t.records} (chain_id, seq, instance_id, ts, hash, prev_hash, line) VALUES ${rows.join(', ')}`, values)
      await c.query(`UPDATE ${t.chains} SET last_seq = $2, last_hash = $3, updated_at = now() WHERE chain_id = $1`, [chainId, seq, prev])
      // A checkpoint that falls due is signed and stored with the records it covers: both or neither.
      const due = signer !== undefined && unsigned + batch.length >= everyRecords
      if (due) await insertCheckpoint(c, seq + 1, prev)
      await c.query('COMMIT')
      lastSeq = seq
      lastHash = prev
      unsigned = due ? 0 : unsigned + batch.length
      if (signer && !due) armCheckpointTimer()
      return records
    } catch (error) {
      chainState.lastSampleHash = sampleBefore
      if (signer) requests.dirty = true // the counts a failed checkpoint took go into the next one
      await c.query('ROLLBACK').catch(() => drop(true))
      // After an unknown outcome the tail is re-read on the next connection, never guessed.
      drop(true)
      throw error
    }
  }

  async function insertCheckpoint(c: pg.ClientBase, count: number, hash: string): Promise<void> {
    const cp = await signCheckpointFor(signer!, checkpointLabel(table, chainId), { count, lastHash: hash, time: new Date().toISOString(), ...requests.take() })
    await c.query(`INSERT INTO ${t.checkpoints} (chain_id, count, last_hash, line) VALUES ($1, $2, $3, $4)`, [chainId, count, hash, canonicalJson(cp)])
    if (checkpointTimer) clearTimeout(checkpointTimer)
    checkpointTimer = undefined
  }

  function armCheckpointTimer(): void {
    checkpointTimer ??= setTimeout(() => {
      checkpointTimer = undefined
      void checkpointNow().catch(() => undefined) // retried on close, which reports a failure
    }, everyMs).unref()
  }

  /** Signs the chain's current tail in its own transaction (timer, close), after the queued appends. */
  function checkpointNow(): Promise<void> {
    return serial(checkpointTx)
  }

  async function checkpointTx(): Promise<void> {
    if (!signer || (unsigned === 0 && !requests.dirty)) return
    const c = await connect()
    await c.query('BEGIN')
    try {
      if (chain === 'global') {
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [`vouch:${table}`, chainId])
        await readTail(c, true)
      }
      await insertCheckpoint(c, lastSeq + 1, lastHash)
      await c.query('COMMIT')
      unsigned = 0
    } catch (error) {
      requests.dirty = true
      await c.query('ROLLBACK').catch(() => undefined)
      drop(true)
      throw VouchError.isInstance(error) ? error : writeError('cannot write the signed checkpoint', error)
    }
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, options.maxBatch)
      // Check every entry first: a malformed entry is rejected alone, not with its batch.
      const ok: Pending[] = []
      for (const p of batch) {
        try {
          chainRecord(p.entry, 0, GENESIS_HASH)
          ok.push(p)
        } catch (error) {
          p.reject(error)
        }
      }
      if (ok.length === 0) continue
      try {
        const records = await serial(() => writeBatch(ok))
        ok.forEach((p, i) => p.resolve(records[i]!))
      } catch (error) {
        const wrapped = VouchError.isInstance(error) ? error : writeError('the append transaction failed (nothing of it was committed)', error)
        for (const p of ok) p.reject(wrapped)
      }
    }
  }

  function kick(): void {
    if (draining) return
    draining = drain().finally(() => {
      draining = undefined
      if (queue.length > 0) kick()
    })
  }

  return {
    table,
    instanceId,
    chainId,
    mode: chain,
    append(entry: EvidenceEntry): Promise<EvidenceRecord> {
      if (closed) return Promise.reject(writeError('the sink is closed'))
      return new Promise<EvidenceRecord>((resolve, reject) => {
        queue.push({ entry, resolve, reject })
        kick()
      })
    },
    async lastHash(): Promise<string> {
      const c = await connect()
      if (chain === 'global') {
        const row = await c.query<{ last_hash: string }>(`SELECT last_hash FROM ${t.chains} WHERE chain_id = $1`, [chainId])
        return row.rows[0]?.last_hash ?? GENESIS_HASH
      }
      return lastHash
    },
    countRequest(instance: string, seq: number): void {
      requests.count(instance, seq)
      if (signer && !closed && requests.dirty) armCheckpointTimer()
    },
    async close(): Promise<void> {
      closed = true
      while (draining) await draining
      if (checkpointTimer) clearTimeout(checkpointTimer)
      checkpointTimer = undefined
      let failure: unknown
      if (signer && (unsigned > 0 || requests.dirty)) await checkpointNow().catch((error) => (failure = error))
      if (client && chain === 'instance') await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [`vouch:${table}`, chainId]).catch(() => undefined)
      drop(false)
      if (failure) throw failure
    },
  }
}
