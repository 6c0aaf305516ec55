import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chainRecordV1, chainRecordV2 } from '../../src/evidence/chain-record.js'
import { GENESIS_HASH } from '../../src/evidence/evidence-record.js'
import { jsonlEvidence } from '../../src/evidence/jsonl-evidence.js'
import { memoryEvidence } from '../../src/evidence/memory-evidence.js'
import { verifyEvidence } from '../../src/evidence/verify-evidence.js'
import { makeEntry } from '../evidence/make-entry.js'
import { forgeRecordV2, readRecords, rechainV2 } from '../evidence/record-v2.js'
import { expandEntry, compactEntry } from '../../src/evidence/record-context.js'

const dir = mkdtempSync(join(tmpdir(), 'vouch-attack-format-'))
const sample = { storage: 'redacted' as const, input: 'hello <EMAIL_ADDRESS:0123abcd>', output: 'x'.repeat(2000), saltId: 'abc' }

async function writeLog(name: string, lines: string[]): Promise<string> {
  const path = join(dir, name)
  writeFileSync(path, lines.join(''))
  return path
}

describe('evidence record format 2 (attacks and compatibility)', () => {
  it('still verifies a format 1 log written before the change, and continues it with format 2 records', async () => {
    let prev = GENESIS_HASH
    const lines: string[] = []
    for (let i = 0; i < 5; i++) {
      const { record, line } = chainRecordV1(makeEntry(i), i, prev)
      prev = record.hash
      lines.push(line)
    }
    const path = await writeLog('v1.jsonl', lines)
    expect(await verifyEvidence(path, { expectedCount: 5, expectedLastHash: prev })).toEqual({ ok: true, count: 5, lastHash: prev })
    const sink = jsonlEvidence(path, { fsync: 'never' })
    const next = await sink.append(makeEntry(5))
    await sink.close()
    expect(next.prevHash).toBe(prev)
    expect(await verifyEvidence(path, { expectedCount: 6 })).toMatchObject({ ok: true, count: 6 })
    // an edited format 1 record is still caught
    const edited = [...lines]
    edited[2] = edited[2]!.replace('"runId":"run-1"', '"runId":"run-2"')
    expect((await verifyEvidence(await writeLog('v1-edit.jsonl', edited))).firstBad).toMatchObject({ line: 3 })
  })

  it('rejects a byte order mark at the start of the file, of any line, or inside a line', async () => {
    const sink = memoryEvidence()
    for (let i = 0; i < 3; i++) await sink.append(makeEntry(i))
    const good = [...sink.lines]
    const atStart = await verifyEvidence(await writeLog('bom-start.jsonl', [`\uFEFF${good[0]}`, ...good.slice(1)]))
    expect(atStart.firstBad).toMatchObject({ line: 1 })
    expect(atStart.firstBad!.reason).toMatch(/byte order mark/)
    const onLine = await verifyEvidence(await writeLog('bom-line.jsonl', [good[0]!, `\uFEFF${good[1]}`, good[2]!]))
    expect(onLine.firstBad).toMatchObject({ line: 2 })
    const inside = await verifyEvidence(await writeLog('bom-inside.jsonl', [good[0]!, good[1]!.replace('"case-1"', '"case\uFEFF-1"'), good[2]!]))
    expect(inside.firstBad).toMatchObject({ line: 2 })
    // a U+FEFF in judged text is stored escaped, so the line itself never holds one and verifies
    const withFeff = memoryEvidence()
    await withFeff.append(makeEntry(0, { sample: { storage: 'raw', output: 'a\uFEFFb' } }))
    expect(withFeff.lines[0]).not.toContain('\uFEFF')
    expect(withFeff.lines[0]).toContain('\\ufeff')
    expect(await verifyEvidence(await writeLog('feff-text.jsonl', [...withFeff.lines]))).toMatchObject({ ok: true, count: 1 })
  })

  it('stores a case sample once: later records of the case reference it by hash, and readers get it back', async () => {
    const sink = memoryEvidence()
    for (let e = 0; e < 5; e++) await sink.append(makeEntry(0, { evaluator: { name: `ev${e}`, version: '1', configHash: 'c'.repeat(64) }, sample }))
    const inline = sink.lines.filter((l) => l.includes('"sample":{'))
    expect(inline).toHaveLength(1)
    const path = await writeLog('dedupe.jsonl', [...sink.lines])
    const seen: unknown[] = []
    const { scanEvidence } = await import('../../src/evidence/verify-evidence.js')
    const result = await scanEvidence(path, {}, (r) => void seen.push(r.sample))
    expect(result.ok).toBe(true)
    expect(seen).toEqual(Array(5).fill(sample))
    // a 2 KB sample judged by five evaluators: the log is far smaller than five copies
    expect(readFileSync(path).length).toBeLessThan(2 * 2000 + 5 * 900)
  })

  it('rejects a reference to a sample no earlier record holds (the carrier was deleted and the chain forged)', async () => {
    const sink = memoryEvidence()
    await sink.append(makeEntry(0, { sample }))
    await sink.append(makeEntry(1, { sample }))
    // forge record 0 to drop its inline sample (recomputing its hashes): record 1 now references nothing
    const forged = forgeRecordV2(sink.lines[0]!, (p) => delete p.sample)
    const r = await verifyEvidence(await writeLog('dangling.jsonl', [`${forged}\n`, sink.lines[1]!]))
    expect(r.ok).toBe(false)
  })

  it('still verifies a format 2 log, and continues it with format 3 records', async () => {
    let prev = GENESIS_HASH
    const lines: string[] = []
    const state = {}
    for (let i = 0; i < 6; i++) {
      const { record, line } = chainRecordV2(makeEntry(i, { sample }), i, prev, state)
      prev = record.hash
      lines.push(line)
    }
    expect(lines.every((l) => JSON.parse(l).v === 2)).toBe(true)
    const path = await writeLog('v2.jsonl', lines)
    expect(await verifyEvidence(path, { expectedCount: 6, expectedLastHash: prev })).toEqual({ ok: true, count: 6, lastHash: prev })
    const sink = jsonlEvidence(path, { fsync: 'never' })
    const next = await sink.append(makeEntry(6, { sample }))
    await sink.close()
    expect(next.prevHash).toBe(prev)
    const all = readFileSync(path, 'utf8').split('\n').slice(0, -1)
    expect(JSON.parse(all[6]!).v).toBe(3)
    expect(await verifyEvidence(path, { expectedCount: 7 })).toMatchObject({ ok: true, count: 7 })
    expect(readRecords(all).map((r) => ({ ...r, seq: 0, prevHash: '', hash: '' }))).toEqual(
      Array.from({ length: 7 }, (_, i) => ({ ...makeEntry(i, { sample }), seq: 0, prevHash: '', hash: '' })),
    )
  })

  it('format 3: the run context is stored once, each record carries its own members, and readers get every record back whole', async () => {
    const sink = memoryEvidence()
    const entries = Array.from({ length: 9 }, (_, i) =>
      makeEntry(i, {
        evaluator: { name: ['pii', 'secrets', 'judge'][i % 3]!, version: '1.0.0', configHash: String(i % 3).repeat(64) },
        controls: ['CC6.1'],
        owner: 'security',
        dataset: { path: 'data.csv', sha256: 'c'.repeat(64), row: Math.floor(i / 3) },
        git: { commit: 'd'.repeat(40), dirty: false },
        sample: { storage: 'redacted', input: `q ${Math.floor(i / 3)}`, saltId: 'abc' },
        ...(i % 3 === 2 ? { rubric: { id: 'r', version: '2.0.0', sha256: 'e'.repeat(64) } } : {}),
      }),
    )
    for (const [i, e] of entries.entries()) {
      if (i % 3 === 2) e.result = { ...e.result, evaluator: 'judge', rubric: { id: 'r', version: '2.0.0', sha256: 'e'.repeat(64) } }
      else e.result = { ...e.result, evaluator: e.evaluator.name }
      await sink.append(e)
    }
    const payloads = sink.lines.map((l) => JSON.parse(l).payload)
    // inline while the context grows by one evaluator, then referenced only
    expect(payloads.map((p) => p.context !== undefined)).toEqual([true, true, true, false, false, false, false, false, false])
    expect(payloads[8]).not.toHaveProperty('runId')
    expect(payloads[8]).not.toHaveProperty('dataset')
    expect(payloads[8].row).toBe(2)
    expect(payloads[8].result).not.toHaveProperty('version')
    expect(payloads[4].result).not.toHaveProperty('passed')
    expect(payloads[4].result).not.toHaveProperty('findings')
    expect(readRecords([...sink.lines])).toEqual(sink.records)
    expect(sink.records.map(({ seq: _s, prevHash: _p, hash: _h, ...e }) => e)).toEqual(entries)
    expect(await verifyEvidence(await writeLog('v3.jsonl', [...sink.lines]), { expectedCount: 9 })).toMatchObject({ ok: true, count: 9 })
  })

  it('format 3 split is lossless for odd entries (foreign result name and version, a rubric only in the result, no dataset)', () => {
    const odd = [
      makeEntry(1, { result: { ...makeEntry(1).result, evaluator: 'other', version: '9.9.9' } }),
      makeEntry(2, { result: { ...makeEntry(2).result, rubric: { id: 'r', version: '1', sha256: 'f'.repeat(64) } } }),
      makeEntry(3, { rubric: { id: 'r', version: '1', sha256: 'f'.repeat(64) }, requestId: 'req-1', route: '/chat', action: 'block', metadata: { side: 'output' } }),
      makeEntry(4, { result: { ...makeEntry(4).result, status: 'skipped', passed: true } }),
      makeEntry(7, { result: { ...makeEntry(7).result, status: 'pass', passed: false } }),
    ]
    for (const entry of odd) {
      const { ts: _ts, ...rest } = entry
      const { base, evaluator, own } = compactEntry(rest)
      expect(expandEntry({ ...base, evaluators: { [evaluator.name]: evaluator.context } }, own as never)).toEqual(rest)
    }
  })

  it('format 3: a record whose context reference no earlier record holds is a break, and an edited context is caught', async () => {
    const sink = memoryEvidence()
    for (let i = 0; i < 4; i++) await sink.append(makeEntry(i))
    const lines = [...sink.lines]
    // drop the carrier of the context and rechain everything after it: the first reference is a break
    const forged = rechainV2(lines.slice(1), () => {})
    const r = await verifyEvidence(await writeLog('v3-orphan.jsonl', forged.map((l) => `${l}\n`)))
    expect(r.firstBad).toMatchObject({ line: 1 })
    expect(r.firstBad!.reason).toMatch(/run context that no earlier record holds/)
    // edit the inline context (say, another run id) and recompute the payload and record hashes: the context hash no longer matches
    const edited = forgeRecordV2(lines[0]!, (p) => (p.context.runId = 'run-2'))
    const e = await verifyEvidence(await writeLog('v3-context-edit.jsonl', [`${edited}\n`, ...lines.slice(1)]))
    expect(e.firstBad).toMatchObject({ line: 1 })
    expect(e.firstBad!.reason).toMatch(/contextHash does not match/)
  })
})
