import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeEntry } from '../../test/evidence/make-entry.js'
import { readRecords, recomputeV2 } from '../../test/evidence/record-v2.js'
import { canonicalJson } from '../core/canonical-json.js'
import { EvidenceCorruptError } from '../core/errors/evidence-corrupt-error.js'
import { EvidenceWriteError } from '../core/errors/evidence-write-error.js'
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js'
import { GENESIS_HASH } from './evidence-record.js'
import { jsonlEvidence } from './jsonl-evidence.js'
import { verifyEvidence } from './verify-evidence.js'

const tmp = () => mkdtempSync(join(tmpdir(), 'vouch-evidence-'))
const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean)

describe('jsonlEvidence', () => {
  it('writes a format 3 hash chain: seq from 0, GENESIS prevHash, hash over the header, payloadHash over the payload', async () => {
    const path = join(tmp(), 'evidence.jsonl')
    const sink = jsonlEvidence(path)
    const a = await sink.append(makeEntry(0))
    const b = await sink.append(makeEntry(1))
    expect(await sink.lastHash()).toBe(b.hash)
    await sink.close()

    expect(a.seq).toBe(0)
    expect(a.prevHash).toBe(GENESIS_HASH)
    expect(b.seq).toBe(1)
    expect(b.prevHash).toBe(a.hash)
    const written = lines(path)
    expect(written).toHaveLength(2)
    for (const [i, line] of written.entries()) {
      const { hash, payloadHash, parsed } = recomputeV2(line)
      expect(line).toBe(canonicalJson(parsed))
      expect(parsed.v).toBe(3)
      expect(parsed.payloadHash).toBeUndefined() // format 3: recomputed from the payload
      expect(payloadHash).toMatch(/^[0-9a-f]{64}$/)
      expect(parsed.hash).toBe(hash)
      expect(hash).toBe([a, b][i]!.hash)
    }
    expect(readRecords(written)).toEqual([a, b]) // the run context and sample, stored once, resolve to the records appended
    expect(await verifyEvidence(path, { expectedLastHash: b.hash, expectedCount: 2 })).toEqual({ ok: true, count: 2, lastHash: b.hash })
  })

  it('keeps order and a valid chain under 500 concurrent appends', async () => {
    const path = join(tmp(), 'evidence.jsonl')
    const sink = jsonlEvidence(path, { fsync: 'never' })
    const records = await Promise.all(Array.from({ length: 500 }, (_, i) => sink.append(makeEntry(i))))
    await sink.close()
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i))
    expect(records.map((r) => r.caseId)).toEqual(Array.from({ length: 500 }, (_, i) => `case-${i}`))
    const result = await verifyEvidence(path, { expectedCount: 500, expectedLastHash: records[499]!.hash })
    expect(result.ok).toBe(true)
  })

  it('settles every append when new ones arrive just as a drain finishes (bursts awaited one after another)', async () => {
    const path = join(tmp(), 'evidence.jsonl')
    const sink = jsonlEvidence(path, { fsync: 'never' })
    for (let i = 0; i < 600; i += 25) {
      await Promise.all(Array.from({ length: 25 }, (_, j) => sink.append(makeEntry(i + j))))
    }
    await sink.close()
    expect(await verifyEvidence(path, { expectedCount: 600 })).toMatchObject({ ok: true })
  }, 20_000)

  it('two sinks on one file in one process interleave whole records and keep one chain', async () => {
    const path = join(tmp(), 'evidence.jsonl')
    const one = jsonlEvidence(path, { fsync: 'never' })
    const two = jsonlEvidence(path, { fsync: 'never' })
    await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? one : two).append(makeEntry(i))))
    await Promise.all([one.close(), two.close()])
    const result = await verifyEvidence(path, { expectedCount: 200 })
    expect(result.ok).toBe(true)
  })

  it('continues the chain of an existing log when reopened, reading only its tail', async () => {
    const path = join(tmp(), 'evidence.jsonl')
    const first = jsonlEvidence(path)
    for (let i = 0; i < 3; i++) await first.append(makeEntry(i))
    const lastBefore = await first.lastHash()
    await first.close()

    const second = jsonlEvidence(path)
    expect(await second.lastHash()).toBe(lastBefore)
    const next = await second.append(makeEntry(3))
    await second.close()
    expect(next.seq).toBe(3)
    expect(next.prevHash).toBe(lastBefore)
    expect((await verifyEvidence(path, { expectedCount: 4, expectedLastHash: next.hash })).ok).toBe(true)
  })

  it('continues after a last record of more than 1 MB (tail read spans many chunks)', async () => {
    const path = join(tmp(), 'evidence.jsonl')
    const big = 'x'.repeat(1_200_000) + '\u00e9\u{1F600}'
    const first = jsonlEvidence(path)
    await first.append(makeEntry(0))
    const large = await first.append(makeEntry(1, { sample: { storage: 'raw', output: big, context: [big] } }))
    await first.close()
    expect(statSync(path).size).toBeGreaterThan(2_400_000)

    const second = jsonlEvidence(path)
    const next = await second.append(makeEntry(2))
    await second.close()
    expect(next.prevHash).toBe(large.hash)
    expect(await verifyEvidence(path, { expectedCount: 3 })).toMatchObject({ ok: true, count: 3 })
  })

  it('refuses to continue a log whose tail is not a valid record, naming the file and line', async () => {
    const dir = tmp()
    const torn = join(dir, 'torn.jsonl')
    const sink = jsonlEvidence(torn)
    for (let i = 0; i < 3; i++) await sink.append(makeEntry(i))
    await sink.close()
    appendFileSync(torn, '{"seq":3,"ts":"2025') // an interrupted write

    const error = await jsonlEvidence(torn).append(makeEntry(3)).catch((e: unknown) => e)
    expect(EvidenceCorruptError.isInstance(error)).toBe(true)
    expect((error as EvidenceCorruptError).line).toBe(4)
    expect((error as Error).message).toContain(`${torn}:4`)
    expect((error as Error).message).toContain('no trailing newline')

    const edited = join(dir, 'edited.jsonl')
    const lines3 = readFileSync(torn, 'utf8').split('\n').slice(0, 3)
    lines3[2] = lines3[2]!.replace('"status":"pass"', '"status":"fail"')
    writeFileSync(edited, `${lines3.join('\n')}\n`)
    const editedError = await jsonlEvidence(edited).lastHash().catch((e: unknown) => e)
    expect(EvidenceCorruptError.isInstance(editedError)).toBe(true)
    expect((editedError as EvidenceCorruptError).line).toBe(3)
    expect((editedError as Error).message).toMatch(/edited\.jsonl:3: .*hash does not match/)

    const notEvidence = join(dir, 'notes.jsonl')
    writeFileSync(notEvidence, '{"hello":"world"}\n')
    const schemaError = await jsonlEvidence(notEvidence).append(makeEntry(0)).catch((e: unknown) => e)
    expect(EvidenceCorruptError.isInstance(schemaError)).toBe(true)
    expect((schemaError as Error).message).toContain('notes.jsonl:1')
    // nothing was appended to the refused files
    expect(readFileSync(notEvidence, 'utf8')).toBe('{"hello":"world"}\n')
  })

  it('rejects with a typed error when it cannot write, and after close', async () => {
    const dir = tmp()
    writeFileSync(join(dir, 'a-file'), 'x')
    const underFile = jsonlEvidence(join(dir, 'a-file', 'evidence.jsonl'))
    const error = await underFile.append(makeEntry(0)).catch((e: unknown) => e)
    expect(EvidenceWriteError.isInstance(error)).toBe(true)
    expect((error as Error).message).toContain(join(dir, 'a-file', 'evidence.jsonl'))

    const isDir = jsonlEvidence(dir)
    expect(EvidenceWriteError.isInstance(await isDir.append(makeEntry(0)).catch((e: unknown) => e))).toBe(true)

    const closed = jsonlEvidence(join(dir, 'closed.jsonl'))
    await closed.append(makeEntry(0))
    await closed.close()
    const afterClose = await closed.append(makeEntry(1)).catch((e: unknown) => e)
    expect(EvidenceWriteError.isInstance(afterClose)).toBe(true)
    expect((afterClose as Error).message).toContain('closed')
  })

  it('rejects an entry that does not match the record schema without breaking the chain', async () => {
    const path = join(tmp(), 'evidence.jsonl')
    const sink = jsonlEvidence(path)
    const bad = { ...makeEntry(1), result: { ...makeEntry(1).result, score: 'high' } } as never
    const [ok1, failed, ok2] = await Promise.allSettled([sink.append(makeEntry(0)), sink.append(bad), sink.append(makeEntry(2))])
    await sink.close()
    expect(ok1.status).toBe('fulfilled')
    expect(failed.status).toBe('rejected')
    const reason = (failed as PromiseRejectedResult).reason
    expect(InvalidArgumentError.isInstance(reason)).toBe(true)
    expect((reason as Error).message).toContain('result.score')
    expect(ok2.status === 'fulfilled' && ok2.value.seq).toBe(1)
    expect((await verifyEvidence(path, { expectedCount: 2 })).ok).toBe(true)
  })

  it('the sink fails closed when the log is deleted while open', async () => {
    const { rmSync } = await import('node:fs')
    const path = join(tmp(), 'evidence.jsonl')
    const sink = jsonlEvidence(path)
    await sink.append(makeEntry(0))
    rmSync(path)
    const error = await sink.append(makeEntry(1)).catch((e: unknown) => e)
    expect(EvidenceWriteError.isInstance(error)).toBe(true)
    expect((error as Error).message).toContain('moved or deleted')
    await sink.close()
  })

  it('fsync policies all produce the same verifiable log', async () => {
    for (const fsync of ['always', 'batch', 'never'] as const) {
      const path = join(tmp(), `${fsync}.jsonl`)
      const sink = jsonlEvidence(path, { fsync, fsyncIntervalMs: 5 })
      await Promise.all(Array.from({ length: 20 }, (_, i) => sink.append(makeEntry(i))))
      await new Promise((r) => setTimeout(r, 20))
      await sink.append(makeEntry(20))
      await sink.close()
      expect((await verifyEvidence(path, { expectedCount: 21 })).ok).toBe(true)
    }
  })

  it('validates its options at once', () => {
    expect(() => jsonlEvidence('x.jsonl', { fsync: 'sometimes' as never })).toThrow(/fsync/)
    expect(() => jsonlEvidence('')).toThrow(/path/)
  })

  it('keeps the lock across back-to-back appends only: released on the next event-loop turn', async () => {
    const { existsSync } = await import('node:fs')
    const path = join(tmp(), 'evidence.jsonl')
    const sink = jsonlEvidence(path)
    await Promise.all(Array.from({ length: 50 }, (_, i) => sink.append(makeEntry(i))))
    await sink.append(makeEntry(50))
    expect(existsSync(`${path}.lock`)).toBe(true) // lease: the next append would not pay for the lock
    // once appends stop, the lease ends on the next event-loop turn (the release itself is async I/O)
    for (let i = 0; i < 200 && existsSync(`${path}.lock`); i++) await new Promise((r) => setTimeout(r, 5))
    expect(existsSync(`${path}.lock`)).toBe(false)
    await sink.close()
  })
})
