import { describe, expect, it } from 'vitest'
import { makeEntry } from '../../test/evidence/make-entry.js'
import { recomputeV2 } from '../../test/evidence/record-v2.js'
import { canonicalJson } from '../core/canonical-json.js'
import { EvidenceWriteError } from '../core/errors/evidence-write-error.js'
import { GENESIS_HASH } from './evidence-record.js'
import { memoryEvidence } from './memory-evidence.js'

describe('memoryEvidence', () => {
  it('chains records exactly as the JSONL sink does and exposes them', async () => {
    const sink = memoryEvidence()
    expect(await sink.lastHash()).toBe(GENESIS_HASH)
    const records = await Promise.all([0, 1, 2].map((i) => sink.append(makeEntry(i))))
    expect(sink.records).toEqual(records)
    expect(sink.records.map((r) => r.seq)).toEqual([0, 1, 2])
    expect(sink.records[1]!.prevHash).toBe(sink.records[0]!.hash)
    for (const [i, record] of sink.records.entries()) {
      const { hash, parsed } = recomputeV2(sink.lines[i]!)
      expect(record.hash).toBe(hash)
      expect(sink.lines[i]).toBe(`${canonicalJson(parsed)}\n`)
    }
    expect(await sink.lastHash()).toBe(records[2]!.hash)
  })

  it('ignores seq/prevHash/hash smuggled into an entry, and rejects after close', async () => {
    const sink = memoryEvidence()
    const record = await sink.append({ ...makeEntry(0), seq: 99, prevHash: 'f'.repeat(64), hash: 'e'.repeat(64) } as never)
    expect(record.seq).toBe(0)
    expect(record.prevHash).toBe(GENESIS_HASH)
    expect(record.hash).not.toBe('e'.repeat(64))
    await sink.close()
    expect(EvidenceWriteError.isInstance(await sink.append(makeEntry(1)).catch((e: unknown) => e))).toBe(true)
  })
})
