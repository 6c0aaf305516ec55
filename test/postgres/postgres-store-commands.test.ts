import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateText, wrapLanguageModel } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defineEvaluator, guardrail } from '../../src/index.js'
import { postgresEvidence } from '../../src/evidence/postgres/postgres-evidence.js'
import { signerFromKey } from '../../src/evidence/signer.js'
import { runCli } from '../helpers/cli.js'
import { dropStore, PG_URL, tamper, uniqueTable, withClient } from './pg-test-db.js'

const SALT = 'test-salt-0123456789abcdef' // what runCli gives the CLI as VOUCH_EVIDENCE_SALT
const tables: string[] = []
afterAll(async () => {
  for (const t of tables) await dropStore(t)
})

const ADDRESS = 'jane.doe@example.com'
/** Fails an answer that names ADDRESS (a privacy control, P4.2), pointing at it so the guardrail redacts it. */
const addressLeak = defineEvaluator({
  name: 'address-leak',
  version: '1.0.0',
  controls: ['P4.2'],
  evaluate: ({ output = '' }) => {
    const at = output.indexOf(ADDRESS)
    const findings = at < 0 ? [] : [{ type: 'EMAIL_ADDRESS', field: 'output', start: at, end: at + ADDRESS.length, score: 1 }]
    return { passed: at < 0, score: at < 0 ? 1 : 0, reason: at < 0 ? 'address not named' : 'names the address', findings }
  },
})

/**
 * 12 guarded calls through one guardrail instance onto a signed PostgreSQL store. Calls 5 and 12
 * fail at the provider: the output side never runs, so those requests leave no record — request 12
 * after the last record, where only the signed requests-seen count can show it. Every third answer
 * names jane.doe@example.com (a privacy failure, redacted).
 */
async function guardedStore() {
  const t = uniqueTable('vouch_cmd')
  tables.push(t)
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const dir = mkdtempSync(join(tmpdir(), 'vouch-pgcmd-'))
  writeFileSync(join(dir, 'k.pub'), publicKey.export({ type: 'spki', format: 'pem' }))
  const sink = postgresEvidence({ connectionString: PG_URL, table: t, instanceId: 'host-a', signer: signerFromKey(privateKey), checkpointEvery: { records: 4 } })
  let k = 0
  const model = wrapLanguageModel({
    model: new MockLanguageModelV4({
      provider: 'mock-provider',
      modelId: 'mock-model',
      doGenerate: async () => {
        k++
        if (k === 5 || k === 12) throw new Error('provider unavailable')
        return {
          content: [{ type: 'text', text: k % 3 === 0 ? `write to ${ADDRESS}` : 'Happy to help.' }],
          finishReason: { unified: 'stop', raw: 'stop' },
          usage: { inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } },
          warnings: [],
        }
      },
    }),
    middleware: guardrail({ output: [addressLeak], onOutput: 'redact', evidence: sink, instanceId: 'guard-a', route: 'support', salt: SALT }),
  })
  let failed = 0
  for (let i = 0; i < 12; i++) await generateText({ model, prompt: `question ${i}` }).catch(() => failed++)
  expect(failed).toBe(2)
  await sink.close()
  return { t, url: `${PG_URL}?table=${t}`, dir }
}

describe('vouch commands on a postgres:// store', () => {
  let store: Awaited<ReturnType<typeof guardedStore>>
  beforeAll(async () => {
    store = await guardedStore()
  }, 60_000)

  it('report coverage counts the requests after the last record from the signed requests-seen count', async () => {
    const { url, dir } = store
    const r = await runCli(['report', 'coverage', url, '--key', 'k.pub', '--format', 'json'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    const { metrics } = JSON.parse(r.stdout)
    expect(metrics.records).toBe(10)
    expect(metrics.audit.instances).toEqual([{ instance: 'guard-a', seen: 12, seenFrom: 'checkpoint', recorded: 10, missing: [5, 12], coverage: 10 / 12 }])
    // Three of the ten recorded requests named the address: 300 per 1,000.
    expect(metrics.privacy).toMatchObject({ failedRequests: 3, per1000: 300 })
  }, 60_000)

  it('export streams the records from the store, checking chains and checkpoints', async () => {
    const { url, dir } = store
    const r = await runCli(['export', url, '--format', 'jsonl', '--key', 'k.pub'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(records.map((x) => x.metadata.requestSeq)).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 10, 11])
    expect(r.stdout).not.toContain('jane.doe@example.com')
    expect(r.stderr).toMatch(/exported 10 of 10 records/)
    expect(r.stderr).toMatch(/chain host-a: 10 records/)
    const blind = await runCli(['export', url, '--format', 'csv'], { cwd: dir })
    expect(blind.code).toBe(0)
    expect(blind.stderr).toMatch(/not checked against a signing key/)
  }, 60_000)

  it('report soc2 reads the store and carries the coverage metrics', async () => {
    const { url, dir } = store
    const r = await runCli(['report', 'soc2', url, '--key', 'k.pub'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/### P4\.2/)
    expect(r.stdout).toMatch(/## Production coverage/)
    expect(r.stdout).toMatch(/Requests with a record ÷ requests seen: \*\*83\.33%\*\* \(10 of 12\)/)
    expect(r.stdout).toMatch(/\| guard-a \| 12 ² \| 10 \| 83\.33% \| 5, 12 \|/)
    expect(r.stdout).toMatch(/Overall: \*\*300\.00\*\*/)
    expect(r.stdout).toMatch(/chain host-a` \| store \| 10 \|/)
    const html = await runCli(['report', 'soc2', url, '--format', 'html'], { cwd: dir })
    expect(html.code, html.stderr).toBe(0)
    expect(html.stdout).toMatch(/<h2>Production coverage<\/h2>/)
    expect(html.stdout).toMatch(/<strong>83\.33%<\/strong> \(10 of 12\)/)
  }, 60_000)

  it('erase and retain replace payloads with tombstones; verify --key still accepts every chain and counts them', async () => {
    const { t, url, dir } = store
    const dry = await runCli(['erase', url, '--subject', 'Jane.Doe@example.com', '--dry-run'], { cwd: dir })
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toMatch(/would erase 3 payloads \(subject request\) of 10 records/)
    const erase = await runCli(['erase', url, '--subject', 'jane.doe@example.com'], { cwd: dir })
    expect(erase.code, erase.stderr).toBe(0)
    expect(erase.stdout).toMatch(/erased 3 payloads \(subject request\) of 10 records/)
    expect(erase.stdout + erase.stderr).not.toContain('jane.doe')
    const verified = await runCli(['verify', url, '--key', 'k.pub'], { cwd: dir })
    expect(verified.code, verified.stdout).toBe(0)
    expect(verified.stdout).toMatch(/3 payloads erased \(subject request\)/)

    // Nothing is old enough for a 400-day retention; everything is older than 0 minutes.
    expect((await runCli(['retain', url, '--older-than', '400d'], { cwd: dir })).stdout).toMatch(/erased 0 payloads \(retention\)/)
    const retain = await runCli(['retain', url, '--older-than', '0m'], { cwd: dir })
    expect(retain.code, retain.stderr).toBe(0)
    expect(retain.stdout).toMatch(/erased 7 payloads \(retention\) of 10 records/)
    const after = await runCli(['verify', url, '--key', 'k.pub', '--json'], { cwd: dir })
    expect(after.code).toBe(0)
    expect(JSON.parse(after.stdout).erased).toEqual({ retention: 7, 'subject-request': 3 })

    await withClient(async (c) => {
      const passes = await c.query<{ reason: string; erased: string }>(`SELECT reason, erased FROM "${t}_erasures" ORDER BY id`)
      expect(passes.rows.map((r) => [r.reason, Number(r.erased)])).toEqual([['subject-request', 3], ['retention', 7]])
      // The trigger was lifted for the erasure transactions only.
      await expect(c.query(`UPDATE "${t}" SET line = line`)).rejects.toThrow(/append-only/)
    })
    // The erased payloads are gone from the rows, the headers stay.
    const rows = await withClient(async (c) => (await c.query<{ line: string }>(`SELECT line FROM "${t}" ORDER BY seq`)).rows.map((r) => JSON.parse(r.line)))
    expect(rows.every((r) => r.payload === undefined && r.tombstone && r.payloadHash)).toBe(true)
  }, 120_000)

  it('refuses to erase from a store whose chain is broken, and changes nothing', async () => {
    const s = await guardedStore()
    await tamper(`UPDATE "${s.t}" SET line = replace(line, '"Happy to help."', '"Happy to help!"') WHERE seq = 1`)
    const before = await withClient(async (c) => (await c.query<{ line: string }>(`SELECT string_agg(line, '\n' ORDER BY seq) AS line FROM "${s.t}"`)).rows[0]!.line)
    const r = await runCli(['retain', s.url, '--older-than', '0m'], { cwd: s.dir })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/TAMPERED: .*chain host-a seq 1: .*nothing was erased/)
    const after = await withClient(async (c) => (await c.query<{ line: string }>(`SELECT string_agg(line, '\n' ORDER BY seq) AS line FROM "${s.t}"`)).rows[0]!.line)
    expect(after).toBe(before)
  }, 120_000)
})
