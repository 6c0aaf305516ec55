import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chainRecordV1 } from '../../src/evidence/chain-record.js'
import { GENESIS_HASH } from '../../src/evidence/evidence-record.js'
import { jsonlEvidence } from '../../src/evidence/jsonl-evidence.js'
import { memoryEvidence } from '../../src/evidence/memory-evidence.js'
import { verifyEvidence } from '../../src/evidence/verify-evidence.js'
import { makeEntry } from '../evidence/make-entry.js'
import { forgeRecordV2 } from '../evidence/record-v2.js'

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
})
