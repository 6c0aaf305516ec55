import { randomBytes } from 'node:crypto'
import { link, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { EvidenceLockError } from '../core/errors/evidence-lock-error.js'

/**
 * An inter-process lock on one file, as a sibling `<file>.lock` created with `O_CREAT|O_EXCL`
 * (atomic on local filesystems: exactly one creator wins). The lock file holds
 * `{ pid, host, nonce, ts }`.
 *
 * A lock is stale when its holder is provably gone — same host and the pid no longer exists —
 * or when it is older than `staleMs` (a holder on another host, or a reused pid). Evidence appends hold the lock for one tail read and one write (milliseconds), so a
 * 30 s default is far beyond any live holder. A stale lock is broken by renaming it to a unique
 * name (atomic: of two processes breaking the same lock, one rename wins) and checking the moved
 * file is the one judged stale; if a live holder's fresh lock was moved by mistake, it is linked
 * back (`link` fails if someone else holds the lock by then) so the holder keeps it.
 *
 * Waiters poll every few milliseconds and touch `<file>.lock.wait`, so a holder that keeps the
 * lock across a burst of appends (a lease, see jsonl-evidence.ts) hands it over when its lease
 * ends instead of starving other processes.
 *
 * Why not a library: `proper-lockfile` (mkdir lock + mtime heartbeat) is the well-kept choice and
 * would also do; it adds a dependency and a heartbeat timer for a lock held milliseconds at a time.
 * The O_EXCL file with pid liveness is enough here and keeps vouch free of it.
 */
export interface FileLockOptions {
  /** Age after which a lock whose holder cannot be checked is considered abandoned. */
  staleMs: number
  /** Give up (EvidenceLockError) after waiting this long. */
  timeoutMs: number
}

export interface LockHolder {
  pid: number
  host: string
  nonce: string
  ts: number
}

const EMPTY_LOCK_GRACE_MS = 1000

export async function acquireLock(file: string, { staleMs, timeoutMs }: FileLockOptions): Promise<() => Promise<void>> {
  const lockFile = `${file}.lock`
  const me: LockHolder = { pid: process.pid, host: hostname(), nonce: randomBytes(12).toString('hex'), ts: Date.now() }
  const started = Date.now()
  let delay = 1
  let lastSignal = 0
  for (;;) {
    try {
      // Written whole to a temp file, then linked to the lock name (atomic, fails if it exists): a
      // writer killed at any point never leaves an empty or half-written lock behind.
      me.ts = Date.now()
      const tmp = `${lockFile}.${process.pid}-${me.nonce}.tmp`
      await writeFile(tmp, JSON.stringify(me), { mode: 0o644 })
      try {
        await link(tmp, lockFile)
      } finally {
        await unlink(tmp).catch(() => {})
      }
      if (lastSignal) await unlink(waitFile(file)).catch(() => {})
      return async () => {
        // Only remove the lock if it is still ours (it may have been broken as stale after a very long stall).
        const holder = await readHolder(lockFile)
        if (holder?.nonce === me.nonce) await unlink(lockFile).catch(() => {})
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = await readHolder(lockFile)
    if (Date.now() - lastSignal >= 5) {
      // Tell a holder that keeps the lock between appends (see jsonl-evidence.ts) that we wait.
      lastSignal = Date.now()
      await writeFile(waitFile(file), '').catch(() => {})
    }
    if (await isStale(lockFile, holder, staleMs)) {
      await breakLock(lockFile, holder, staleMs)
      continue
    }
    const waited = Date.now() - started
    if (waited >= timeoutMs) {
      await unlink(waitFile(file)).catch(() => {})
      throw new EvidenceLockError({
        file,
        lockFile,
        waitedMs: waited,
        ...(holder ? { holder: `pid ${holder.pid} on ${holder.host}` } : {}),
      })
    }
    await new Promise((r) => setTimeout(r, delay + Math.random() * delay))
    delay = Math.min(delay * 2, 4)
  }
}

async function readHolder(lockFile: string): Promise<LockHolder | undefined> {
  try {
    const parsed = JSON.parse(await readFile(lockFile, 'utf8')) as Partial<LockHolder>
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.nonce === 'string') {
      return parsed as LockHolder
    }
  } catch {
    // missing (released meanwhile), empty (holder between create and write) or not ours
  }
  return undefined
}

async function isStale(lockFile: string, holder: LockHolder | undefined, staleMs: number): Promise<boolean> {
  if (holder && holder.host === hostname() && !pidAlive(holder.pid)) return true
  try {
    const info = await stat(lockFile)
    // Locks are written atomically, so an empty or unreadable one was left by an older writer killed
    // between creating and writing it: nobody holds it; break it at once (after a short grace).
    if (!holder && Date.now() - info.mtimeMs > EMPTY_LOCK_GRACE_MS) return true
    return Date.now() - info.mtimeMs > staleMs
  } catch {
    return false // released meanwhile: just retry
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' // exists, owned by someone else
  }
}

async function breakLock(lockFile: string, judged: LockHolder | undefined, staleMs: number): Promise<void> {
  const moved = `${lockFile}.stale-${process.pid}-${randomBytes(6).toString('hex')}`
  try {
    await rename(lockFile, moved)
  } catch {
    return // someone else broke or released it first
  }
  const actual = await readHolder(moved)
  const fresh = actual && (judged ? actual.nonce !== judged.nonce : Date.now() - actual.ts < staleMs)
  if (fresh) {
    // We moved a lock taken after our check: hand it back unless a new one exists already.
    await link(moved, lockFile).catch(() => {})
  }
  await unlink(moved).catch(() => {})
}

/** The file a waiter touches (`<file>.lock.wait`) so a holder keeping the lock knows to hand it over. */
function waitFile(file: string): string {
  return `${file}.lock.wait`
}

/** True when someone has waited for the lock since `sinceMs` (and clears the signal). */
export async function waitedOnSince(file: string, sinceMs: number): Promise<boolean> {
  try {
    const info = await stat(waitFile(file))
    if (info.mtimeMs + 1 < sinceMs) return false
    await unlink(waitFile(file)).catch(() => {})
    return true
  } catch {
    return false
  }
}
