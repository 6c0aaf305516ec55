import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { postgresEvidence } from '../../src/evidence/postgres/postgres-evidence.js'
import { verifyPostgresEvidence } from '../../src/evidence/postgres/scan-postgres-evidence.js'
import { signerFromKey } from '../../src/evidence/signer.js'
import { rechainV2 } from '../evidence/record-v2.js'
import { makeEntry } from '../evidence/make-entry.js'
import { runCli } from '../helpers/cli.js'
import { dropStore, PG_URL, tamper, uniqueTable, withClient } from './pg-test-db.js'

const tables: string[] = []
function table(): string {
  const name = uniqueTable('vouch_sig')
  tables.push(name)
  return name
}
afterAll(async () => {
  for (const t of tables) await dropStore(t)
})
const url = (t: string) => `${PG_URL}?table=${t}`

function keys() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const dir = mkdtempSync(join(tmpdir(), 'vouch-pgkey-'))
  writeFileSync(join(dir, 'k.pub'), publicKey.export({ type: 'spki', format: 'pem' }))
  return { signer: signerFromKey(privateKey), publicKey, pubFile: join(dir, 'k.pub'), dir }
}

/** A signed chain of 25 records (checkpoints at 10, 20 and on close at 25) by instance `web-1`. */
async function signedStore(t: string, k = keys()) {
  const sink = postgresEvidence({ connectionString: PG_URL, table: t, instanceId: 'web-1', signer: k.signer, checkpointEvery: { records: 10 }, maxBatch: 5 })
  for (let i = 0; i < 25; i += 5) await Promise.all(Array.from({ length: 5 }, (_, j) => sink.append(makeEntry(i + j))))
  await sink.close()
  return k
}

async function checkpointCounts(t: string): Promise<number[]> {
  return withClient(async (c) => (await c.query<{ count: string }>(`SELECT count FROM "${t}_checkpoints" ORDER BY id`)).rows.map((r) => Number(r.count)))
}

describe('signed checkpoints on the PostgreSQL store', () => {
  it('signs every N records in the records’ transaction and on close; verify --key accepts the chain and names the last checkpoint', async () => {
    const t = table()
    const k = await signedStore(t)
    expect(await checkpointCounts(t)).toEqual([10, 20, 25])
    const result = await verifyPostgresEvidence(url(t), { publicKey: k.publicKey })
    expect(result.ok).toBe(true)
    expect(result.chains[0]!.signature).toMatchObject({ checked: true, checkpoints: 3, lastGood: { line: 3, count: 25 } })
    expect(result.chains[0]!.signature.problem).toBeUndefined()

    const cli = await runCli(['verify', url(t), '--key', k.pubFile], { cwd: k.dir })
    expect(cli.code, cli.stdout + cli.stderr).toBe(0)
    expect(cli.stdout).toMatch(/chain web-1: 25 records/)
    expect(cli.stdout).toMatch(/last good checkpoint: #3 of this chain, 25 records/)
    const blind = await runCli(['verify', url(t)], { cwd: k.dir })
    expect(blind.code).toBe(0)
    expect(blind.stdout).toMatch(/3 signed checkpoints NOT checked/)
    expect(blind.stdout).toMatch(/NOT checked against a signing key: .*rewrite .* undetected/)
  }, 120_000)

  it('rejects checkpoints signed by another key', async () => {
    const t = table()
    await signedStore(t)
    const other = keys()
    const result = await verifyPostgresEvidence(url(t), { publicKey: other.publicKey })
    expect(result.ok).toBe(false)
    expect(result.chains[0]!.signature.problem).toMatch(/signed by another key/)
    const cli = await runCli(['verify', url(t), '--key', other.pubFile], { cwd: other.dir })
    expect(cli.code).toBe(1)
    expect(cli.stdout).toMatch(/SIGNATURE CHECK FAILED: checkpoint 1: signed by another key/)
  }, 60_000)

  it('detects a tail cut after a checkpoint that the registry was edited to hide, and names the last good checkpoint', async () => {
    const t = table()
    const k = await signedStore(t)
    const h = await withClient(async (c) => (await c.query<{ hash: string }>(`SELECT hash FROM "${t}" WHERE seq = 21`)).rows[0]!.hash)
    // Cut records 22..24 and move the registry back with them: the chain and registry agree.
    await tamper(`DELETE FROM "${t}" WHERE seq > 21`)
    await tamper(`UPDATE "${t}_chains" SET last_seq = 21, last_hash = $1`, [h])
    const blind = await verifyPostgresEvidence(url(t))
    expect(blind.ok).toBe(true) // what the chain and registry alone can tell
    const result = await verifyPostgresEvidence(url(t), { publicKey: k.publicKey })
    expect(result.ok).toBe(false)
    const sig = result.chains[0]!.signature
    expect(sig.problem).toMatch(/checkpoint 3 .* signed 25 records but the log holds 22: the tail was cut/)
    expect(sig.lastGood).toMatchObject({ line: 2, count: 20 })
    const cli = await runCli(['verify', url(t), '--key', k.pubFile], { cwd: k.dir })
    expect(cli.code).toBe(1)
    expect(cli.stdout).toMatch(/last good checkpoint: #2 of this chain, 20 records/)
  }, 60_000)

  it('detects a full rewrite of records and registry (a forged rechain) that verifies without a key', async () => {
    const t = table()
    const k = await signedStore(t)
    const rows = await withClient(async (c) => (await c.query<{ line: string }>(`SELECT line FROM "${t}" ORDER BY seq`)).rows.map((r) => r.line))
    const forged = rechainV2(rows, (p, i) => {
      if (i === 3) p.result.reason = 'looks fine'
    })
    await tamper(`DELETE FROM "${t}"`)
    for (const [i, line] of forged.entries()) {
      const o = JSON.parse(line)
      await tamper(`INSERT INTO "${t}" (chain_id, seq, instance_id, ts, hash, prev_hash, line) VALUES ('web-1', $1, 'web-1', $2, $3, $4, $5)`, [i, o.ts, o.hash, o.prevHash, line])
    }
    await tamper(`UPDATE "${t}_chains" SET last_hash = $1`, [JSON.parse(forged.at(-1)!).hash])
    expect((await verifyPostgresEvidence(url(t))).ok).toBe(true)
    const result = await verifyPostgresEvidence(url(t), { publicKey: k.publicKey })
    expect(result.ok).toBe(false)
    expect(result.chains[0]!.signature.problem).toMatch(/signed record 10 with another hash: the log was rewritten/)
  }, 60_000)

  it('the checkpoint table is append-only, erasure included', async () => {
    const t = table()
    await signedStore(t)
    await expect(tamper(`DELETE FROM "${t}_checkpoints"`)).rejects.toThrow(/append-only/)
    await expect(tamper(`UPDATE "${t}_checkpoints" SET count = 1`)).rejects.toThrow(/append-only/)
  }, 60_000)

  it('signs the requests each guardrail instance has seen, also with no record after the last checkpoint (timer and close)', async () => {
    const t = table()
    const k = keys()
    const sink = postgresEvidence({ connectionString: PG_URL, table: t, instanceId: 'w', signer: k.signer, checkpointEvery: { records: 1000, ms: 50 } })
    sink.countRequest!('guard-a', 1)
    await sink.append(makeEntry(0, { requestId: 'r1', metadata: { guardInstance: 'guard-a', requestSeq: 1 } }))
    sink.countRequest!('guard-a', 2)
    sink.countRequest!('guard-a', 3) // two requests that left no record
    await new Promise((r) => setTimeout(r, 300)) // the timer signs them
    const lines = await withClient(async (c) => (await c.query<{ line: string }>(`SELECT line FROM "${t}_checkpoints" ORDER BY id`)).rows.map((r) => JSON.parse(r.line)))
    expect(lines.at(-1)).toMatchObject({ count: 1, requests: { 'guard-a': 3 } })
    sink.countRequest!('guard-a', 4)
    await sink.close()
    const result = await verifyPostgresEvidence(url(t), { publicKey: k.publicKey })
    expect(result.ok).toBe(true)
    expect(result.requests).toEqual({ 'guard-a': 4 })
  }, 60_000)
})
