import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { captureIO } from '../../test/evidence/capture-io.js'
import { makeEntry } from '../../test/evidence/make-entry.js'
import { defaultStoredTextDetectors } from '../../evaluators/stored-text-detectors.js'
import { EVIDENCE_CSV_COLUMNS } from '../evidence/evidence-csv.js'
import type { EvidenceRecord } from '../evidence/evidence-record.js'
import { jsonlEvidence } from '../evidence/jsonl-evidence.js'
import { storedSample } from '../evidence/stored-sample.js'
import { commands } from './commands.js'
import { main } from './main.js'

const salt = 'export-test-salt-0123456789'
let dir = ''
const JANE = 'jane.doe@example.com'
const BOB = 'bob.smith@example.org'

/** 12 records: guardrail decisions on two routes over three days; Jane in 0, 5 and 9 (9 as JANE upper-cased), Bob in 3. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-export-'))
  const sink = jsonlEvidence(join(dir, 'evidence.jsonl'))
  for (let i = 0; i < 12; i++) {
    const who = i === 0 || i === 5 ? JANE : i === 9 ? JANE.toUpperCase() : i === 3 ? BOB : undefined
    const sample = storedSample({ input: who ? `please update ${who}` : 'where is my order?', output: 'done' }, { salt, detectors: defaultStoredTextDetectors() })
    const { runId: _r, suite: _s, ...entry } = makeEntry(i)
    await sink.append({
      ...entry,
      ts: `2025-03-0${1 + Math.floor(i / 4)}T10:00:0${i % 4}.000Z`,
      requestId: `req-${i}`,
      route: i % 2 ? '/support' : '/billing',
      action: i % 7 === 0 ? 'block' : 'allow',
      sample,
    })
  }
  await sink.close()
})

async function vouch(env: Record<string, string>, ...argv: string[]) {
  const cap = captureIO(dir, env)
  const code = await main(argv, cap.io, commands)
  return { code, out: cap.stdout(), err: cap.stderr() }
}
const ids = (out: string) => (JSON.parse(out) as EvidenceRecord[]).map((r) => r.requestId)

describe('vouch export', () => {
  it('exports every record as a JSON array, CSV or JSONL', async () => {
    const json = await vouch({}, 'export', 'evidence.jsonl', '--format', 'json')
    expect(json.code).toBe(0)
    expect(ids(json.out)).toHaveLength(12)
    expect(json.err).toContain('exported 12 of 12 records')

    const jsonl = await vouch({}, 'export', 'evidence.jsonl', '--format', 'jsonl')
    // one self-contained record per line (the log's format 2 lines resolved: payload, ts, chain position)
    const exported = jsonl.out.trimEnd().split('\n').map((l) => JSON.parse(l) as EvidenceRecord)
    const stored = readFileSync(join(dir, 'evidence.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l))
    expect(exported.map((r) => r.hash)).toEqual(stored.map((r) => r.hash))
    expect(exported.every((r) => r.sample?.storage === 'redacted')).toBe(true)

    const csv = await vouch({}, 'export', 'evidence.jsonl', '--format', 'csv')
    const rows = csv.out.trimEnd().split('\r\n')
    expect(rows[0]).toBe(EVIDENCE_CSV_COLUMNS.join(','))
    expect(rows).toHaveLength(13)
    const header = rows[0]!.split(',')
    const first = rows[1]!.split(',')
    const col = (name: string) => first[header.indexOf(name)]
    expect(col('ts')).toBe('2025-03-01T10:00:00.000Z')
    expect(col('seq')).toBe('0')
    expect(col('requestId')).toBe('req-0')
    expect(col('route')).toBe('/billing')
    expect(col('evaluator')).toBe('pii')
    expect(col('status')).toBe('fail')
    expect(col('action')).toBe('block')
    expect(col('findings')).toBe('EMAIL_ADDRESS')
    expect(col('promptVersion')).toBe('1.0.0')
    expect(col('model')).toBe('mock:mock-1')
    expect(col('hash')).toMatch(/^[0-9a-f]{64}$/)
  })

  it('filters by time window, route and request id', async () => {
    expect(ids((await vouch({}, 'export', 'evidence.jsonl', '--format', 'json', '--from', '2025-03-02', '--to', '2025-03-03')).out)).toEqual(['req-4', 'req-5', 'req-6', 'req-7'])
    expect(ids((await vouch({}, 'export', 'evidence.jsonl', '--format', 'json', '--route', '/support', '--from', '2025-03-03T00:00:00Z')).out)).toEqual(['req-9', 'req-11'])
    expect(ids((await vouch({}, 'export', 'evidence.jsonl', '--format', 'json', '--request-id', 'req-7')).out)).toEqual(['req-7'])
  })

  it('--subject finds one data subject\'s records by pseudonym, under any spelling, never printing the value', async () => {
    const jane = await vouch({ VOUCH_EVIDENCE_SALT: salt }, 'export', 'evidence.jsonl', '--format', 'json', '--subject', 'Jane.Doe@Example.com')
    expect(jane.code).toBe(0)
    expect(ids(jane.out)).toEqual(['req-0', 'req-5', 'req-9'])
    expect(jane.out.toLowerCase()).not.toContain('jane.doe')
    expect(jane.err.toLowerCase()).not.toContain('jane.doe')

    const bob = await vouch({ MY_SALT: salt }, 'export', 'evidence.jsonl', '--format', 'json', '--subject', BOB, '--salt-env', 'MY_SALT')
    expect(ids(bob.out)).toEqual(['req-3'])

    const nobody = await vouch({ VOUCH_EVIDENCE_SALT: salt }, 'export', 'evidence.jsonl', '--format', 'json', '--subject', 'nobody@example.net')
    expect(ids(nobody.out)).toEqual([])
  })

  it('warns when the records were pseudonymised with another salt', async () => {
    const r = await vouch({ VOUCH_EVIDENCE_SALT: 'a-different-salt-0123456789' }, 'export', 'evidence.jsonl', '--format', 'json', '--subject', JANE)
    expect(ids(r.out)).toEqual([])
    expect(r.err).toMatch(/different salt/)
  })

  it('exits 1 and names the break when the log was tampered with', async () => {
    const lines = readFileSync(join(dir, 'evidence.jsonl'), 'utf8').split('\n')
    lines[6] = lines[6]!.replace('"action":"allow"', '"action":"block"')
    writeFileSync(join(dir, 'tampered.jsonl'), lines.join('\n'))
    const r = await vouch({}, 'export', 'tampered.jsonl', '--format', 'json')
    expect(r.code).toBe(1)
    expect(ids(r.out)).toHaveLength(6)
    expect(r.err).toMatch(/TAMPERED: .*line 7 \(seq 6\)/)
  })

  it('exits 2 on bad usage', async () => {
    expect((await vouch({}, 'export', 'evidence.jsonl')).code).toBe(2)
    expect((await vouch({}, 'export', 'evidence.jsonl', '--format', 'xml')).code).toBe(2)
    expect((await vouch({}, 'export', 'evidence.jsonl', '--format', 'csv', '--from', 'yesterday')).code).toBe(2)
    expect((await vouch({}, 'export', 'missing.jsonl', '--format', 'csv')).code).toBe(2)
    const noSalt = await vouch({}, 'export', 'evidence.jsonl', '--format', 'csv', '--subject', JANE)
    expect(noSalt.code).toBe(2)
    expect(noSalt.err).toMatch(/salt/)
    expect((await vouch({}, 'export', 'evidence.jsonl', '--format', 'csv', '--subject', JANE, '--salt-env', 'UNSET')).code).toBe(2)
  })
})
