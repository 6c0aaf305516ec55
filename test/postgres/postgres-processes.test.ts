import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot, runCli } from '../helpers/cli.js'
import { dropStore, PG_URL, uniqueTable, withClient } from './pg-test-db.js'

const worker = join(repoRoot, 'test/postgres/guard-worker.mjs')
const tables: string[] = []
afterAll(async () => {
  for (const t of tables) await dropStore(t)
})

function start(table: string, instance: string, mode: 'calls' | 'endless', n = 0, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [worker, PG_URL, table, instance, mode, String(n)], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } })
  let stderr = ''
  let stdout = ''
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  const ready = new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (stdout.includes('ready\n')) {
        child.stdout.off('data', onData)
        resolve()
      }
    }
    child.stdout.on('data', onData)
    child.once('exit', (code) => reject(new Error(`worker ${instance} exited ${code} before ready: ${stderr}`)))
  })
  const done = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, ready, done, stderr: () => stderr, stdout: () => stdout }
}

describe('PostgreSQL evidence store, several processes', { timeout: 180_000 }, () => {
  it('4 processes × 250 concurrent guarded calls → 2,000 records in one store that vouch verify --key accepts, with full audit-log coverage', async () => {
    const table = uniqueTable()
    tables.push(table)
    const cwd = mkdtempSync(join(tmpdir(), 'vouch-pg-'))
    expect((await runCli(['keygen'], { cwd })).code).toBe(0)
    const env = { VOUCH_SIGNING_KEY: join(cwd, '.vouch/vouch-signing.key') }
    const workers = [1, 2, 3, 4].map((i) => start(table, `web-${i}`, 'calls', 250, env))
    await Promise.all(workers.map((w) => w.ready))
    for (const w of workers) w.child.stdin.end('go\n')
    const codes = await Promise.all(workers.map((w) => w.done))
    expect(codes, workers.map((w) => w.stderr()).join('\n')).toEqual([0, 0, 0, 0])

    const url = `${PG_URL}?table=${table}`
    const verify = await runCli(['verify', url, '--json', '--key', '.vouch/vouch-signing.pub'], { cwd })
    expect(verify.code, verify.stdout + verify.stderr).toBe(0)
    const result = JSON.parse(verify.stdout) as { ok: boolean; count: number; chains: { name: string; count: number; signature: { lastGood?: { count: number }; problem?: string } }[]; requests: Record<string, number> }
    expect(result).toMatchObject({ ok: true, count: 2000 })
    expect(result.chains.map((c) => [c.name, c.count]).sort()).toEqual([1, 2, 3, 4].map((i) => [`chain web-${i}`, 500]))
    // Every chain signed up to its end (on close), and each instance's 250 requests are in its checkpoints.
    expect(result.chains.map((c) => c.signature.lastGood?.count)).toEqual([500, 500, 500, 500])
    expect(result.requests).toEqual({ 'web-1': 250, 'web-2': 250, 'web-3': 250, 'web-4': 250 })

    const coverage = await runCli(['report', 'coverage', url, '--format', 'json', '--key', '.vouch/vouch-signing.pub'], { cwd })
    expect(coverage.code, coverage.stderr).toBe(0)
    const { metrics } = JSON.parse(coverage.stdout) as { metrics: { requests: number; audit: { coverage: number; seen: number }; byCohort: { key: string; requests: number; failed: number }[] } }
    expect(metrics.requests).toBe(1000)
    expect(metrics.audit).toMatchObject({ coverage: 1, seen: 1000 })
    // every tenth answer held an e-mail: a failed (redacted) output
    expect(metrics.byCohort).toEqual([
      { key: 'beta', requests: 250, failed: 25, errored: 0, failRate: 0.1 },
      { key: 'ga', requests: 750, failed: 75, errored: 0, failRate: 0.1 },
    ])
    const md = await runCli(['report', 'coverage', url], { cwd })
    expect(md.stdout).toContain('Requests with a record ÷ requests seen: **100%** (1000 of 1000)')
  })

  it('a writer killed mid-transaction loses nothing it committed and leaves nothing half-written', async () => {
    const table = uniqueTable()
    tables.push(table)
    const w = start(table, 'killed', 'endless')
    await w.ready
    // Let it commit a few hundred records, then kill it without warning, mid-stream.
    while ((w.stdout().match(/\n/g)?.length ?? 0) < 15) await new Promise((r) => setTimeout(r, 20))
    w.child.kill('SIGKILL')
    await w.done
    const committed = w.stdout().trim().split('\n').slice(1).map(Number)
    const lastReported = committed.at(-1)!
    const url = `${PG_URL}?table=${table}`
    const verify = await runCli(['verify', url, '--json'], { cwd: tmpdir() })
    expect(verify.code, verify.stdout).toBe(0)
    const { count } = JSON.parse(verify.stdout) as { count: number }
    // Everything it was told was committed is there, and the chain ends exactly where its last
    // committed transaction left the registry (verify checks that): nothing half-written.
    expect(count).toBeGreaterThanOrEqual(lastReported + 1)
    // No transaction of the dead writer lingers.
    const open = await withClient((c) => c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'vouch:killed' AND state <> 'idle'`))
    expect(open.rows[0].n).toBe(0)
    // A new writer under the same id continues the chain.
    const again = start(table, 'killed', 'endless')
    await again.ready
    while ((again.stdout().match(/\n/g)?.length ?? 0) < 3) await new Promise((r) => setTimeout(r, 20))
    again.child.kill('SIGKILL')
    await again.done
    const after = await runCli(['verify', url, '--json'], { cwd: tmpdir() })
    expect(after.code, after.stdout).toBe(0)
    expect((JSON.parse(after.stdout) as { count: number }).count).toBeGreaterThan(count)
  })
})
