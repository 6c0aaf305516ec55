import { closeSync, fsyncSync, openSync } from 'node:fs'
import { open, rename, unlink, utimes } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { canonicalJson } from '../core/canonical-json.js'
import { EvidenceWriteError } from '../core/errors/evidence-write-error.js'
import { ChainChecker, type EvidenceBreak } from './chain-checker.js'
import { storedJson } from './chain-record.js'
import { sha256 } from '../core/hash.js'
import type { EvidenceRecord, Tombstone } from './evidence-record.js'
import { acquireLock } from './file-lock.js'
import { readLines } from './read-lines.js'

export interface ErasePayloadsOptions {
  reason: Tombstone['reason']
  /** True for a record whose payload must go. Sees the record as readers do (sample resolved). */
  select: (record: EvidenceRecord) => boolean
  /** What was selected, for the erasure journal (never the subject's value). */
  criterion: string
  dryRun?: boolean
  /** How long to wait for writers holding the log's lock. Default 30 s. */
  lockTimeoutMs?: number
  _internal?: { now?: () => Date }
}

export interface ErasePayloadsResult {
  /** Payloads replaced by tombstones in this pass. */
  erased: number
  /** Selected format 1 records: their hash covers the payload itself, so they cannot be erased without breaking the chain. */
  formatOne: number
  records: number
  /** The chain was broken: nothing was rewritten. */
  firstBad?: EvidenceBreak
  /** `<log>.erasures.jsonl`: one line per erasure pass (time, reason, criterion, count). */
  journal: string
}

/**
 * The one sanctioned rewrite of an evidence log: replaces the payloads of selected format 2 records
 * with tombstones `{ reason, time }`, keeping every header (seq, ts, prevHash, payloadHash, hash),
 * so the chain and any signed checkpoint still verify and prove order and completeness.
 *
 * Crash-safe: holds the log's lock (writers wait), verifies the chain while copying to a temp file
 * beside the log, fsyncs it, renames it over the log atomically and fsyncs the folder. A crash at
 * any point leaves either the old or the new file, never a mix. Each pass is recorded in
 * `<log>.erasures.jsonl`. Refuses a log whose chain is broken (nothing is written).
 */
export async function erasePayloads(
  path: string,
  { reason, select, criterion, dryRun = false, lockTimeoutMs = 30_000, _internal: { now = () => new Date() } = {} }: ErasePayloadsOptions,
): Promise<ErasePayloadsResult> {
  const journal = `${path.endsWith('.jsonl') ? path.slice(0, -6) : path}.erasures.jsonl`
  const time = now().toISOString()
  const release = await acquireLock(path, { staleMs: 30_000, timeoutMs: lockTimeoutMs })
  // Keep the lock fresh while a large log is copied, so waiters never judge it abandoned.
  const heartbeat = setInterval(() => void utimes(`${path}.lock`, new Date(), new Date()).catch(() => {}), 5000)
  const tmp = `${path}.erase-${process.pid}.tmp`
  let out: Awaited<ReturnType<typeof open>> | undefined
  try {
    if (!dryRun) out = await open(tmp, 'wx', 0o644)
    const checker = new ChainChecker()
    let erased = 0
    let formatOne = 0
    let buffered: string[] = []
    let bufferedBytes = 0
    const flush = async () => {
      if (out && buffered.length) await out.write(buffered.join(''))
      buffered = []
      bufferedBytes = 0
    }
    for await (const fileLine of readLines(path)) {
      const step = checker.push(fileLine)
      if ('bad' in step) {
        await out?.close()
        out = undefined
        await unlink(tmp).catch(() => {})
        return { erased: 0, formatOne: 0, records: checker.count, firstBad: step.bad, journal }
      }
      let text = fileLine.text!
      if (step.record && select(step.record)) {
        if (step.line.format === 1) formatOne++
        else {
          text = tombstoneLine(text, reason, time)
          erased++
        }
      }
      buffered.push(`${text}\n`)
      bufferedBytes += text.length
      if (bufferedBytes > 1 << 20) await flush()
    }
    if (dryRun) return { erased, formatOne, records: checker.count, journal }
    await flush()
    await out!.datasync()
    await out!.close()
    out = undefined
    if (erased > 0) {
      await rename(tmp, path)
      fsyncDir(dirname(path))
      const entry = { time, log: basename(path), reason, criterion, erased, records: checker.count }
      const j = await open(journal, 'a', 0o644)
      try {
        await j.write(`${canonicalJson(entry)}\n`)
        await j.datasync()
      } finally {
        await j.close()
      }
    } else {
      await unlink(tmp).catch(() => {})
    }
    return { erased, formatOne, records: checker.count, journal }
  } catch (error) {
    await out?.close().catch(() => {})
    await unlink(tmp).catch(() => {})
    throw new EvidenceWriteError({ file: path, detail: 'erasing payloads failed; the log is unchanged', cause: error })
  } finally {
    clearInterval(heartbeat)
    await release()
  }
}

/**
 * A format 2 line with its payload replaced by a tombstone `{ reason, time }`: every header member
 * (seq, ts, prevHash, payloadHash, hash) stays, so the chain still verifies. The one place a
 * tombstone is made, for the file log and the PostgreSQL store.
 */
export function tombstoneLine(text: string, reason: Tombstone['reason'], time: string): string {
  const raw = JSON.parse(text) as Record<string, unknown>
  // format 3 recomputes payloadHash from the payload; once the payload goes, the line keeps it
  if (raw.payloadHash === undefined) raw.payloadHash = sha256(storedJson(raw.payload))
  delete raw.payload
  raw.tombstone = { reason, time }
  return storedJson(raw)
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // some filesystems do not support syncing a directory; the rename itself is atomic
  }
}
