import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { EvidenceWriteError } from '../../core/errors/evidence-write-error.js'
import { makeEntry } from '../../../test/evidence/make-entry.js'
import { dropStore, PG_URL, tamper, uniqueTable, withClient } from '../../../test/postgres/pg-test-db.js'
import { postgresEvidence } from './postgres-evidence.js'
import { scanPostgresEvidence, verifyPostgresEvidence } from './scan-postgres-evidence.js'
import { parsePostgresUrl } from './postgres-url.js'

const tables: string[] = []
function table(): string {
  const name = uniqueTable()
  tables.push(name)
  return name
}
afterAll(async () => {
  for (const t of tables) await dropStore(t)
})
const url = (t: string) => `${PG_URL}?table=${t}`

describe('postgresEvidence', () => {
  it('creates its schema, appends a verifiable chain, and continues it after reopening', async () => {
    const t = table()
    const a = postgresEvidence({ connectionString: PG_URL, table: t, instanceId: 'web-1' })
    const first = await Promise.all(Array.from({ length: 50 }, (_, i) => a.append(makeEntry(i))))
    expect(first.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i))
    await a.close()
    const again = postgresEvidence({ connectionString: PG_URL, table: t, instanceId: 'web-1' })
    const next = await again.append(makeEntry(50))
    expect(next.seq).toBe(50)
    expect(next.prevHash).toBe(first[49]!.hash)
    await again.close()
    const result = await verifyPostgresEvidence(url(t))
    expect(result).toMatchObject({ ok: true, count: 51, unregistered: [] })
    expect(result.chains).toHaveLength(1)
    expect(result.chains[0]).toMatchObject({ chainId: 'web-1', mode: 'instance', count: 51, lastHash: next.hash })
  })

  it('keeps one chain per instance; verification covers every chain and lists the instances', async () => {
    const t = table()
    const sinks = ['a', 'b', 'c'].map((id) => postgresEvidence({ connectionString: PG_URL, table: t, instanceId: id }))
    await Promise.all(sinks.flatMap((s, k) => Array.from({ length: 40 }, (_, i) => s.append(makeEntry(i, { caseId: `${k}-${i}` })))))
    await Promise.all(sinks.map((s) => s.close()))
    const seen: string[] = []
    const result = await scanPostgresEvidence(url(t), (record, chain) => void seen.push(`${chain}:${record.caseId}`))
    expect(result.ok).toBe(true)
    expect(result.chains.map((c) => [c.chainId, c.count]).sort()).toEqual([['a', 40], ['b', 40], ['c', 40]])
    expect(seen).toHaveLength(120)
    expect(seen.filter((s) => s.startsWith('b:'))).toEqual(Array.from({ length: 40 }, (_, i) => `b:1-${i}`))
  })

  it('global mode: writers share one chain serialised by an advisory lock', async () => {
    const t = table()
    const sinks = [1, 2, 3].map((n) => postgresEvidence({ connectionString: PG_URL, table: t, instanceId: `g${n}`, chain: 'global' }))
    await Promise.all(sinks.flatMap((s, k) => Array.from({ length: 30 }, (_, i) => s.append(makeEntry(i, { caseId: `${k}-${i}` })))))
    await Promise.all(sinks.map((s) => s.close()))
    const result = await verifyPostgresEvidence(url(t))
    expect(result).toMatchObject({ ok: true, count: 90 })
    expect(result.chains.map((c) => c.chainId)).toEqual(['global'])
  })

  it('refuses a second live writer with the same instance id', async () => {
    const t = table()
    const a = postgresEvidence({ connectionString: PG_URL, table: t, instanceId: 'dup' })
    await a.append(makeEntry(0))
    const b = postgresEvidence({ connectionString: PG_URL, table: t, instanceId: 'dup' })
    await expect(b.append(makeEntry(1))).rejects.toThrow(/in use by another live writer/)
    await a.close()
    await b.close()
  })

  it('the record table is append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const t = table()
    const s = postgresEvidence({ connectionString: PG_URL, table: t })
    await s.append(makeEntry(0))
    await s.close()
    await withClient(async (c) => {
      await expect(c.query(`UPDATE "${t}" SET line = 'x'`)).rejects.toThrow(/append-only/)
      await expect(c.query(`DELETE FROM "${t}"`)).rejects.toThrow(/append-only/)
      await expect(c.query(`TRUNCATE "${t}"`)).rejects.toThrow(/append-only/)
    })
  })

  it('detects an edited record, a deleted record and a cut tail', async () => {
    const t = table()
    const s = postgresEvidence({ connectionString: PG_URL, table: t, instanceId: 'w' })
    for (let i = 0; i < 10; i++) await s.append(makeEntry(i))
    await s.close()
    expect((await verifyPostgresEvidence(url(t))).ok).toBe(true)

    await tamper(`UPDATE "${t}" SET line = replace(line, '"case-3"', '"case-X"') WHERE seq = 3`)
    let result = await verifyPostgresEvidence(url(t))
    expect(result.ok).toBe(false)
    expect(result.chains[0]!.firstBad).toMatchObject({ seq: 3 })

    await tamper(`UPDATE "${t}" SET line = replace(line, '"case-X"', '"case-3"') WHERE seq = 3`)
    await tamper(`DELETE FROM "${t}" WHERE seq >= 8`)
    result = await verifyPostgresEvidence(url(t))
    expect(result.ok).toBe(false)
    expect(result.chains[0]!.firstBad?.reason).toMatch(/tail cut/)

    await tamper(`DELETE FROM "${t}" WHERE seq = 4`)
    result = await verifyPostgresEvidence(url(t))
    expect(result.chains[0]!.firstBad).toMatchObject({ seq: 4 })
  })

  it('a connection dropped mid-append fails that append closed; nothing of it is committed; the next append continues the chain', async () => {
    const t = table()
    const s = postgresEvidence({ connectionString: PG_URL, table: t, instanceId: 'drop' })
    await s.append(makeEntry(0))
    const blocker = new pg.Client({ connectionString: PG_URL })
    await blocker.connect()
    // Hold the chain's registry row so the sink's transaction waits inside its append.
    await blocker.query('BEGIN')
    await blocker.query(`SELECT * FROM "${t}_chains" WHERE chain_id = 'drop' FOR UPDATE`)
    const pending = s.append(makeEntry(1)).then(
      () => undefined,
      (e: unknown) => e,
    )
    for (let i = 0; i < 200; i++) {
      const waiting = await blocker.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'vouch:drop' AND wait_event_type = 'Lock'`)
      if (waiting.rowCount) break
      await new Promise((r) => setTimeout(r, 25))
    }
    await blocker.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'vouch:drop'`)
    const failed = await pending
    expect(EvidenceWriteError.isInstance(failed)).toBe(true)
    await blocker.query('ROLLBACK')
    await blocker.end()
    const ok = await s.append(makeEntry(2))
    expect(ok.seq).toBe(1)
    // An idle connection dropped between appends is replaced before the next append.
    await withClient((c) => c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'vouch:drop'`))
    await new Promise((r) => setTimeout(r, 50))
    const after = await s.append(makeEntry(3)).catch((e: unknown) => e)
    if (EvidenceWriteError.isInstance(after)) expect((await s.append(makeEntry(3))).seq).toBe(2)
    else expect((after as { seq: number }).seq).toBe(2)
    await s.close()
    expect(await verifyPostgresEvidence(url(t))).toMatchObject({ ok: true, count: 3 })
  })

  it('takes a pg.Pool and returns its client on close', async () => {
    const t = table()
    const pool = new pg.Pool({ connectionString: PG_URL, max: 2 })
    const s = postgresEvidence({ pool, table: t })
    await s.append(makeEntry(0))
    await s.close()
    expect(pool.totalCount - pool.idleCount).toBe(0)
    await pool.end()
  })

  it('rejects bad options naming the field', () => {
    expect(() => postgresEvidence({ connectionString: PG_URL, table: 'Bad-Name' })).toThrow(/table/)
    expect(() => postgresEvidence({ table: 'ok' })).toThrow(/exactly one of connectionString and pool/)
  })

  it('parses evidence URLs and hides the password', () => {
    expect(parsePostgresUrl('postgres://u:secret@h:5/db?table=ev&sslmode=disable')).toEqual({
      connectionString: 'postgres://u:secret@h:5/db?sslmode=disable',
      table: 'ev',
      display: 'postgres://u:***@h:5/db?sslmode=disable&table=ev',
    })
  })
})
