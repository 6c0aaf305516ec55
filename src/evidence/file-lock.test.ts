import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EvidenceLockError } from '../core/errors/evidence-lock-error.js'
import { acquireLock } from './file-lock.js'

const tmp = () => mkdtempSync(join(tmpdir(), 'vouch-lock-'))
const opts = { staleMs: 30_000, timeoutMs: 200 }

/** A pid that surely belongs to no running process: a child that has already exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString())
}

describe('acquireLock', () => {
  it('is exclusive: a second taker waits until the first releases', async () => {
    const file = join(tmp(), 'log.jsonl')
    const order: string[] = []
    const release1 = await acquireLock(file, opts)
    const second = acquireLock(file, { ...opts, timeoutMs: 5_000 }).then((release) => {
      order.push('second acquired')
      return release
    })
    await new Promise((r) => setTimeout(r, 30))
    order.push('first releases')
    await release1()
    const release2 = await second
    await release2()
    expect(order).toEqual(['first releases', 'second acquired'])
    expect(existsSync(`${file}.lock`)).toBe(false)
  })

  it('times out with a typed error naming the lock file and its live holder', async () => {
    const file = join(tmp(), 'log.jsonl')
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'other', ts: Date.now() }))
    const error = await acquireLock(file, opts).catch((e: unknown) => e)
    expect(EvidenceLockError.isInstance(error)).toBe(true)
    expect((error as Error).message).toContain(`${file}.lock`)
    expect((error as Error).message).toContain(`pid ${process.pid}`)
  })

  it('breaks a lock left by a process that no longer exists', async () => {
    const dir = tmp()
    const file = join(dir, 'log.jsonl')
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: deadPid(), host: hostname(), nonce: 'crashed', ts: Date.now() }))
    const release = await acquireLock(file, opts)
    await release()
    expect(readdirSync(dir)).toEqual([]) // no lock and no leftover renamed stale lock
  })

  it('breaks a lock older than staleMs whose holder cannot be checked (another host, or unreadable)', async () => {
    const file = join(tmp(), 'log.jsonl')
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: 1, host: 'elsewhere', nonce: 'old', ts: 0 }))
    const old = new Date(Date.now() - 60_000)
    utimesSync(`${file}.lock`, old, old)
    const release = await acquireLock(file, opts)
    await release()

    writeFileSync(`${file}.lock`, '')
    utimesSync(`${file}.lock`, old, old)
    await (await acquireLock(file, opts))()
  })

  it('does not break a fresh lock of another host', async () => {
    const file = join(tmp(), 'log.jsonl')
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: 1, host: 'elsewhere', nonce: 'fresh', ts: Date.now() }))
    expect(EvidenceLockError.isInstance(await acquireLock(file, opts).catch((e: unknown) => e))).toBe(true)
  })
})
