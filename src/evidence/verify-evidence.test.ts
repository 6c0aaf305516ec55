import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeEntry } from '../../test/evidence/make-entry.js'
import { EvidenceReadError } from '../core/errors/evidence-read-error.js'
import { GENESIS_HASH } from './evidence-record.js'
import { memoryEvidence } from './memory-evidence.js'
import { verifyEvidence } from './verify-evidence.js'

const dir = mkdtempSync(join(tmpdir(), 'vouch-verify-'))
let good: string[] = []
let lastHash = ''

/** Writes a variant of the 10-record log and verifies it. */
async function verifyLines(name: string, lines: string[], options = {}, trailingNewline = true) {
  const path = join(dir, `${name}.jsonl`)
  writeFileSync(path, lines.join('\n') + (trailingNewline && lines.length ? '\n' : ''))
  return verifyEvidence(path, options)
}

beforeAll(async () => {
  const sink = memoryEvidence()
  for (let i = 0; i < 10; i++) await sink.append(makeEntry(i))
  good = sink.lines.map((l) => l.trimEnd())
  lastHash = await sink.lastHash()
})

describe('verifyEvidence', () => {
  it('accepts an intact log, with and without expectations', async () => {
    expect(await verifyLines('good', good)).toEqual({ ok: true, count: 10, lastHash })
    expect(await verifyLines('good2', good, { expectedLastHash: lastHash, expectedCount: 10 })).toEqual({ ok: true, count: 10, lastHash })
    expect(await verifyLines('empty', [], { expectedCount: 0, expectedLastHash: GENESIS_HASH })).toEqual({ ok: true, count: 0, lastHash: GENESIS_HASH })
  })

  it('detects an edited record on its line', async () => {
    const lines = [...good]
    lines[4] = lines[4]!.replace('"status":"pass"', '"status":"fail"')
    const r = await verifyLines('edit', lines)
    expect(r.ok).toBe(false)
    expect(r.firstBad).toMatchObject({ line: 5, seq: 4 })
    expect(r.firstBad!.reason).toMatch(/hash does not match/)
    expect(r.count).toBe(4)
  })

  it('detects an edit whose author recomputed that record\'s hash (the next record no longer chains)', async () => {
    const { forgeRecordV2 } = await import('../../test/evidence/record-v2.js')
    const lines = [...good]
    lines[4] = forgeRecordV2(good[4]!, (p) => (p.result.reason = 'looks fine'))
    const r = await verifyLines('edit-rehash', lines)
    expect(r.firstBad).toMatchObject({ line: 6, seq: 5 })
    expect(r.firstBad!.reason).toMatch(/prevHash/)
  })

  it('detects a deleted record', async () => {
    const r = await verifyLines('delete', good.filter((_, i) => i !== 3))
    expect(r.firstBad).toMatchObject({ line: 4, seq: 3 })
    expect(r.firstBad!.reason).toMatch(/seq is 4, expected 3/)
  })

  it('detects an inserted record (a copy of another one)', async () => {
    const lines = [...good]
    lines.splice(6, 0, good[2]!)
    const r = await verifyLines('insert', lines)
    expect(r.firstBad).toMatchObject({ line: 7, seq: 6 })
  })

  it('detects reordered records', async () => {
    const lines = [...good]
    ;[lines[7], lines[8]] = [lines[8]!, lines[7]!]
    const r = await verifyLines('reorder', lines)
    expect(r.firstBad).toMatchObject({ line: 8, seq: 7 })
  })

  it('detects truncation only against the expected last hash or count', async () => {
    const cut = good.slice(0, 7)
    expect((await verifyLines('trunc-free', cut)).ok).toBe(true)
    const byHash = await verifyLines('trunc-hash', cut, { expectedLastHash: lastHash })
    expect(byHash).toMatchObject({ ok: false, count: 7, firstBad: { line: 8, seq: 7 } })
    expect(byHash.firstBad!.reason).toMatch(/truncated/)
    const byCount = await verifyLines('trunc-count', cut, { expectedCount: 10 })
    expect(byCount.firstBad).toMatchObject({ line: 8, seq: 7 })
    expect(byCount.firstBad!.reason).toMatch(/ends after 7 records, expected 10/)
  })

  it('detects records appended after the expected end', async () => {
    const sink = memoryEvidence()
    for (let i = 0; i < 12; i++) await sink.append(makeEntry(i))
    const r = await verifyLines('extended', sink.lines.map((l) => l.trimEnd()), { expectedLastHash: lastHash })
    expect(r.firstBad).toMatchObject({ line: 11, seq: 10 })
    expect(r.firstBad!.reason).toMatch(/2 more records follow/)
  })

  it('detects malformed JSON, schema violations, blank lines, non-canonical rewrites and a torn last line', async () => {
    const cases: [string, (l: string[]) => string[], number, RegExp, boolean?][] = [
      ['json', (l) => l.map((x, i) => (i === 2 ? x.slice(0, -5) : x)), 3, /malformed JSON/],
      ['schema', (l) => l.map((x, i) => (i === 5 ? x.replace('"status":"pass"', '"status":"great"') : x)), 6, /schema violation at result\.status/],
      ['blank', (l) => [...l.slice(0, 2), '', ...l.slice(2)], 3, /empty line/],
      ['pretty', (l) => l.map((x, i) => (i === 1 ? JSON.stringify(JSON.parse(x), null, 1).replace(/\n/g, ' ') : x)), 2, /canonical/],
      ['array', (l) => l.map((x, i) => (i === 0 ? '[1,2]' : x)), 1, /not a JSON object/],
    ]
    for (const [name, mutate, line, reason] of cases) {
      const r = await verifyLines(name, mutate([...good]))
      expect(r.ok, name).toBe(false)
      expect(r.firstBad?.line, name).toBe(line)
      expect(r.firstBad?.reason, name).toMatch(reason)
    }
    const torn = await verifyLines('torn', [...good.slice(0, 4), good[4]!.slice(0, 40)], {}, false)
    expect(torn.firstBad).toMatchObject({ line: 5 })
    expect(torn.firstBad!.reason).toMatch(/no trailing newline/)
  })

  it('never quotes record content in a reason', async () => {
    const lines = [...good]
    lines[0] = '{"seq":0,"secret":"jane.doe@example.com",' // malformed
    const r = await verifyLines('leak', lines)
    expect(r.firstBad!.reason).not.toContain('jane')
  })

  it('throws a typed error for a missing file and checks its options', async () => {
    const error = await verifyEvidence(join(dir, 'missing.jsonl')).catch((e: unknown) => e)
    expect(EvidenceReadError.isInstance(error)).toBe(true)
    expect((error as Error).message).toContain('missing.jsonl')
    await expect(verifyEvidence(join(dir, 'good.jsonl'), { expectedLastHash: 'abc' })).rejects.toThrow(/expectedLastHash/)
  })

  it('handles a 1 MB field value', async () => {
    const sink = memoryEvidence()
    await sink.append(makeEntry(0, { sample: { storage: 'raw', output: 'é'.repeat(1_000_000) } }))
    await sink.append(makeEntry(1))
    const path = join(dir, 'big.jsonl')
    writeFileSync(path, sink.lines.join(''))
    expect(await verifyEvidence(path, { expectedCount: 2 })).toMatchObject({ ok: true, count: 2 })
    const edited = readFileSync(path, 'utf8').replace('éé', 'eé')
    writeFileSync(path, edited)
    expect((await verifyEvidence(path)).firstBad).toMatchObject({ line: 1 })
  })
})
