import { readRecords } from './record-v2.js'
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { verifyEvidence } from '../../src/evidence/verify-evidence.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const worker = join(root, 'test/evidence/append-worker.ts')

/** Starts a worker process (TypeScript through jiti, as bench/load.js does). */
function startWorker(log: string, n: number, tag: string, mode: string) {
  const child = spawn(process.execPath, [join(root, 'bench/load.js'), worker, log, String(n), tag, mode], { stdio: ['pipe', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve())
    child.once('exit', (code) => reject(new Error(`worker ${tag} exited ${code} before ready: ${stderr}`)))
  })
  const done = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)))
  return { child, ready, done, stderr: () => stderr }
}

describe('two processes appending to one evidence log', () => {
  it.each([
    ['bursts of concurrent appends', 'bursts', 600],
    ['tight sequential appends (lock lease hand-over)', 'sequential', 1500],
  ])('%s: one verifiable chain with every record, no torn or interleaved lines', async (_label, mode, n) => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-2proc-'))
    const log = join(dir, 'evidence.jsonl')
    const a = startWorker(log, n, 'A', mode)
    const b = startWorker(log, n, 'B', mode)
    await Promise.all([a.ready, b.ready])
    a.child.stdin.end('go\n')
    b.child.stdin.end('go\n')
    const codes = await Promise.all([a.done, b.done])
    expect(codes, `${a.stderr()}\n${b.stderr()}`).toEqual([0, 0])

    expect(readdirSync(dir)).toEqual(['evidence.jsonl']) // no lock, wait signal or stale lock left behind
    const result = await verifyEvidence(log, { expectedCount: 2 * n })
    expect(result.firstBad).toBeUndefined()
    expect(result).toMatchObject({ ok: true, count: 2 * n })

    const lines = readFileSync(log, 'utf8').split('\n')
    expect(lines.pop()).toBe('') // ends with a newline, no partial line
    const records = readRecords(lines)
    for (const tag of ['A', 'B']) {
      const mine = records.filter((r) => r.runId === tag).map((r) => r.caseId)
      // each process's records are all there, once, in the order it appended them
      expect(mine).toEqual(Array.from({ length: n }, (_, j) => `${tag}-${j}`))
    }
    // the two writers really ran at the same time: the log switches between them
    const switches = records.filter((r, i) => i > 0 && r.runId !== records[i - 1]!.runId).length
    expect(switches).toBeGreaterThan(1)
  })
})
