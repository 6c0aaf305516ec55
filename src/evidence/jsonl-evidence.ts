import { mkdir, open, stat, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { EvidenceCorruptError } from '../core/errors/evidence-corrupt-error.js'
import { EvidenceWriteError } from '../core/errors/evidence-write-error.js'
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js'
import { VouchError } from '../core/errors/vouch-error.js'
import { parseOptions } from '../core/parse-options.js'
import { chainRecord, type ChainState } from './chain-record.js'
import { checkRecordLine } from './check-record.js'
import { GENESIS_HASH, type EvidenceEntry, type EvidenceRecord, type EvidenceSink } from './evidence-record.js'
import { appendCheckpoint, signCheckpoint } from './checkpoint.js'
import { acquireLock, waitedOnSince } from './file-lock.js'
import { RequestCounter } from './request-counter.js'
import { jsonlEvidenceOptionsSchema as optionsSchema, type JsonlEvidenceOptions } from './jsonl-evidence-options.js'
import { countNewlines, decodeStrict, readFully } from './log-file-io.js'

export type { FsyncPolicy, JsonlEvidenceOptions } from './jsonl-evidence-options.js'

export interface JsonlEvidenceSink extends EvidenceSink {
  readonly path: string
}

/** Entries chained and written under one lock hold, at most. */
const MAX_BATCH = 1024
/** Longest a sink keeps the lock across back-to-back appends before offering it to other processes. */
const LEASE_MS = 20
/** How long a sink steps aside after its lease when another process is waiting for the lock. */
const YIELD_MS = 10
const TAIL_CHUNK = 64 * 1024

interface Pending {
  entry: EvidenceEntry
  resolve: (record: EvidenceRecord) => void
  reject: (error: unknown) => void
}

/**
 * The append-only, hash-chained JSONL evidence log of DESIGN.md.
 *
 * - Append-only: the file is opened `O_APPEND` and never rewritten. (One exception: if a write
 *   fails half-way, the partial line just written is cut off again while the lock is still held,
 *   so a full disk does not leave a torn record behind.)
 * - Continues an existing log: the last record is read from the tail of the file (never the
 *   whole file) and checked; a tail that is not a valid record is refused with
 *   `EvidenceCorruptError` naming the file and line.
 * - Concurrency: appends from one process are queued and written in order; appends from several
 *   processes are serialised by an `O_EXCL` lock file (`<path>.lock`, see file-lock.ts). Under the
 *   lock the sink re-reads the tail when the file grew since its own last write, so each record
 *   chains onto whatever another process appended. Queued entries go out in one `write` (whole
 *   lines only), so no line is ever torn or interleaved.
 * - Fails loudly: any failure rejects the append with a typed error (`EvidenceWriteError`,
 *   `EvidenceLockError`, `EvidenceCorruptError`, or `InvalidArgumentError` for an entry that does
 *   not match the record schema). There is no silent gap.
 *
 * The file is opened on first use, so the factory is synchronous.
 */
export function jsonlEvidence(
  path: string,
  { fsync = 'batch', fsyncIntervalMs = 1000, lockStaleMs = 30_000, lockTimeoutMs = 10_000, signer, checkpointEvery }: JsonlEvidenceOptions = {},
): JsonlEvidenceSink {
  if (typeof path !== 'string' || path === '') {
    throw new InvalidArgumentError({ argument: 'jsonlEvidence', issues: [{ path: 'path', message: 'must be a non-empty file path' }] })
  }
  const options = parseOptions(optionsSchema, { fsync, fsyncIntervalMs, lockStaleMs, lockTimeoutMs, signer, checkpointEvery }, 'jsonlEvidence options')
  const everyRecords = checkpointEvery?.records ?? 1000
  const everyMs = checkpointEvery?.ms ?? 60_000
  /** Records since the last checkpoint, the timer that signs them if no more come, requests seen (`countRequest`). */
  let unsigned = 0
  let checkpointTimer: NodeJS.Timeout | undefined
  const requests = new RequestCounter()

  let handle: FileHandle | undefined
  let opening: Promise<FileHandle> | undefined
  let ino = 0
  /** File size right after our last write or tail read; -1 when unknown. */
  let knownSize = -1
  let lastSeq = -1
  let lastHash = GENESIS_HASH
  const chain: ChainState = {}
  let closed = false
  const queue: Pending[] = []
  let draining: Promise<void> | undefined
  let syncTimer: NodeJS.Timeout | undefined
  let syncError: unknown
  let lease: { release: () => Promise<void>; since: number } | undefined
  let leaseTimer: NodeJS.Immediate | undefined
  let inBatch = false

  function writeError(detail: string, cause?: unknown): EvidenceWriteError {
    return new EvidenceWriteError({ file: path, detail, cause })
  }

  async function ensureOpen(): Promise<FileHandle> {
    if (handle) return handle
    opening ??= (async () => {
      try {
        await mkdir(dirname(path), { recursive: true })
        const h = await open(path, 'a+', 0o644)
        const info = await h.stat()
        if (!info.isFile()) {
          await h.close()
          throw writeError('not a regular file')
        }
        ino = info.ino
        handle = h
        return h
      } catch (error) {
        opening = undefined
        if (VouchError.isInstance(error)) throw error
        throw writeError('cannot open the log', error)
      }
    })()
    return opening
  }

  /** Reads the last record from the tail of the file (under the lock). */
  async function readTail(h: FileHandle, size: number): Promise<void> {
    if (size === 0) {
      lastSeq = -1
      lastHash = GENESIS_HASH
      chain.lastSampleHash = undefined
      knownSize = 0
      return
    }
    const last = Buffer.alloc(1)
    await h.read(last, 0, 1, size - 1)
    if (last[0] !== 10) {
      throw new EvidenceCorruptError({ file: path, line: (await countNewlines(h, size)) + 1, reason: 'the last line has no trailing newline (torn or interrupted write)' })
    }
    // Walk back from the final newline to the one before it; keep only the last line's bytes.
    const chunks: Buffer[] = []
    let end = size - 1
    let start = -1
    while (end > 0 && start === -1) {
      const from = Math.max(0, end - TAIL_CHUNK)
      const buf = Buffer.alloc(end - from)
      await readFully(h, buf, from)
      const nl = buf.lastIndexOf(10)
      if (nl === -1) {
        chunks.unshift(buf)
        end = from
      } else {
        chunks.unshift(buf.subarray(nl + 1))
        start = from + nl + 1
      }
    }
    const text = decodeStrict(Buffer.concat(chunks))
    const check = text === undefined ? { ok: false as const, reason: 'not valid UTF-8' } : text === '' ? { ok: false as const, reason: 'empty line' } : checkRecordLine(text)
    if (!check.ok) throw new EvidenceCorruptError({ file: path, line: await countNewlines(h, size), reason: check.reason })
    lastSeq = check.seq
    lastHash = check.hash
    // Another process may have written the tail: reference only the sample that record names.
    chain.lastSampleHash = check.sampleHash
    knownSize = size
  }

  /**
   * The inter-process lock, kept as a short lease: taken for a batch and kept while appends keep
   * arriving back to back (released on the next turn of the event loop when they stop), so a run
   * of sequential awaited appends pays for the lock once per lease, not once per record. A lease
   * lasts at most LEASE_MS; then the lock is released and, if another process signalled it is
   * waiting, this sink steps aside for YIELD_MS. While the lock is held nobody else can append,
   * so the tail needs re-reading only after a fresh acquisition, and only if the file grew.
   */
  async function takeLock(h: FileHandle): Promise<FileHandle> {
    if (lease && Date.now() - lease.since >= LEASE_MS) {
      const waited = await waitedOnSince(path, lease.since)
      await dropLease()
      if (waited) await new Promise((r) => setTimeout(r, YIELD_MS))
    }
    if (lease) {
      // Still ours, so nobody else appended; but fail closed if the file was deleted or replaced.
      const onDisk = await stat(path).catch(() => undefined)
      if (onDisk && onDisk.ino === ino) return h
      await dropLease()
      throw writeError('the log was moved or deleted while open; close this sink and open a new one')
    }
    const release = await acquireLock(path, { staleMs: options.lockStaleMs, timeoutMs: options.lockTimeoutMs }).catch((error) => {
      throw VouchError.isInstance(error) ? error : writeError('cannot create the lock file', error)
    })
    lease = { release, since: Date.now() }
    try {
      let [info, onDisk] = await Promise.all([h.stat(), stat(path).catch(() => undefined)])
      if (!onDisk) throw writeError('the log was moved or deleted while open; close this sink and open a new one')
      if (onDisk.ino !== ino) {
        // Replaced under the lock by `vouch retain` / `vouch erase` (the sanctioned rewrite): continue
        // on the new file, whose tail is checked like any log's.
        handle = undefined
        opening = undefined
        await h.close().catch(() => {})
        h = await ensureOpen()
        info = await h.stat()
        knownSize = -1
      }
      if (info.size !== knownSize) await readTail(h, info.size)
    } catch (error) {
      await dropLease()
      throw error
    }
    return h
  }

  async function dropLease(): Promise<void> {
    const held = lease
    lease = undefined
    if (held) await held.release().catch(() => {})
  }

  /** Release the lease once the event loop has nothing more for this sink (unless a batch is under way by then). */
  function scheduleLeaseEnd(): void {
    if (leaseTimer) return
    leaseTimer = setImmediate(() => {
      leaseTimer = undefined
      if (!inBatch) void dropLease()
    })
  }

  async function writeBatch(batch: Pending[]): Promise<void> {
    inBatch = true
    const written: { item: Pending; record: EvidenceRecord }[] = []
    let h: FileHandle
    try {
      h = await takeLock(await ensureOpen())
      const sizeBefore = knownSize
      let seq = lastSeq
      let prev = lastHash
      const sampleBefore = chain.lastSampleHash
      const lines: string[] = []
      for (const item of batch) {
        let chained: { record: EvidenceRecord; line: string }
        try {
          chained = chainRecord(item.entry, seq + 1, prev, chain)
        } catch (error) {
          item.reject(error) // this entry only: it does not match the record schema
          continue
        }
        seq = chained.record.seq
        prev = chained.record.hash
        lines.push(chained.line)
        written.push({ item, record: chained.record })
      }
      if (lines.length > 0) {
        const buf = Buffer.from(lines.length === 1 ? lines[0]! : lines.join(''), 'utf8')
        try {
          let off = 0
          while (off < buf.length) {
            const { bytesWritten } = await h.write(buf, off, buf.length - off)
            off += bytesWritten
          }
        } catch (error) {
          knownSize = -1
          chain.lastSampleHash = sampleBefore
          await h.truncate(sizeBefore).catch(() => {}) // cut our partial line off while we still hold the lock
          throw writeError('write failed', error)
        }
        knownSize = sizeBefore + buf.length
        lastSeq = seq
        lastHash = prev
        unsigned += lines.length
        if (signer && unsigned >= everyRecords) await writeCheckpoint()
        else if (signer) checkpointTimer ??= setTimeout(() => void checkpointSoon(), everyMs).unref()
        if (options.fsync === 'always') {
          try {
            await h.datasync()
          } catch (error) {
            throw writeError('fsync failed', error)
          }
        } else if (options.fsync === 'batch') scheduleSync()
      }
    } catch (error) {
      for (const { item } of written) item.reject(error)
      await dropLease()
      throw error
    } finally {
      inBatch = false
    }
    scheduleLeaseEnd()
    for (const { item, record } of written) item.resolve(record)
  }

  /** Signs the chain as it stands (under the lock, so count and hash belong together). */
  async function writeCheckpoint(): Promise<void> {
    if (!signer) return
    if (checkpointTimer) clearTimeout(checkpointTimer)
    checkpointTimer = undefined
    const cp = await signCheckpoint(signer, path, { count: lastSeq + 1, lastHash, time: new Date().toISOString(), ...requests.take() })
    await appendCheckpoint(path, cp).catch((error) => Promise.reject(writeError('cannot write the signed checkpoint', error)))
    unsigned = 0
  }

  /** The timer's checkpoint: queued behind pending appends, taking the lock like one. */
  async function checkpointSoon(): Promise<void> {
    checkpointTimer = undefined
    if (closed || (unsigned === 0 && !requests.dirty)) return
    while (draining) await draining
    inBatch = true
    try {
      await takeLock(await ensureOpen())
      await writeCheckpoint()
    } catch (error) {
      syncError ??= error
    } finally {
      inBatch = false
    }
    scheduleLeaseEnd()
  }

  function scheduleSync(): void {
    if (syncTimer) return
    syncTimer = setTimeout(() => {
      syncTimer = undefined
      handle?.datasync().catch((error) => (syncError ??= writeError('fsync failed', error)))
    }, options.fsyncIntervalMs)
    syncTimer.unref()
  }

  /**
   * One drain loop at a time. `draining` is cleared in the same synchronous step that finds the
   * queue empty, so an append can never land in the queue of a loop that has already finished.
   */
  function kick(): Promise<void> {
    draining ??= (async () => {
      await Promise.resolve() // let `draining` be assigned before the loop can finish
      try {
        while (queue.length > 0) {
          const batch = queue.splice(0, MAX_BATCH)
          try {
            await writeBatch(batch)
          } catch (error) {
            const e = VouchError.isInstance(error) ? error : writeError('append failed', error)
            for (const item of batch) item.reject(e) // no-op for entries already settled
          }
        }
      } finally {
        draining = undefined
      }
    })()
    return draining
  }

  return {
    path,
    append(entry: EvidenceEntry): Promise<EvidenceRecord> {
      if (closed) return Promise.reject(writeError('the sink is closed'))
      if (syncError) return Promise.reject(syncError)
      return new Promise<EvidenceRecord>((resolve, reject) => {
        queue.push({ entry, resolve, reject })
        void kick()
      })
    },
    async lastHash(): Promise<string> {
      while (draining) await draining
      if (knownSize === -1 && !closed) {
        inBatch = true
        try {
          await takeLock(await ensureOpen())
        } finally {
          inBatch = false
        }
        scheduleLeaseEnd()
      }
      return lastHash
    },
    countRequest(instance: string, seq: number): void {
      requests.count(instance, seq)
      if (signer && !closed && requests.dirty) checkpointTimer ??= setTimeout(() => void checkpointSoon(), everyMs).unref()
    },
    async close(): Promise<void> {
      closed = true
      while (draining) await draining
      if (checkpointTimer) clearTimeout(checkpointTimer)
      checkpointTimer = undefined
      if (signer && (unsigned > 0 || requests.dirty)) {
        try {
          await takeLock(await ensureOpen())
          await writeCheckpoint()
        } catch (error) {
          syncError ??= error
        }
      }
      if (leaseTimer) clearImmediate(leaseTimer)
      leaseTimer = undefined
      await dropLease()
      if (syncTimer) clearTimeout(syncTimer)
      syncTimer = undefined
      const h = handle
      handle = undefined
      if (!h) return
      try {
        if (options.fsync !== 'never') await h.datasync()
      } catch (error) {
        syncError ??= writeError('fsync failed', error)
      } finally {
        await h.close().catch(() => {})
      }
      if (syncError) throw syncError
    },
  }
}
