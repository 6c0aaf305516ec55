import { describe, expect, it } from 'vitest'
import { memoryEvidence } from '../../evidence/memory-evidence.js'
import { makeEntry } from '../../../test/evidence/make-entry.js'
import { bucketOf, coverageCollector } from './collect-coverage.js'

async function guardLog() {
  const sink = memoryEvidence()
  // instance a saw requests 1..6 but 4 left no record; instance b saw 1..3, all recorded.
  const requests: [string, number, string, string, 'pass' | 'fail'][] = [
    ['a', 1, '2026-03-02T10:00:00Z', 'openai:gpt-4o-mini', 'pass'],
    ['a', 2, '2026-03-03T10:00:00Z', 'openai:gpt-4o-mini', 'fail'],
    ['a', 3, '2026-03-04T10:00:00Z', 'openai:gpt-4o-mini', 'pass'],
    ['a', 5, '2026-03-10T10:00:00Z', 'openai:gpt-5', 'pass'],
    ['a', 6, '2026-03-11T10:00:00Z', 'openai:gpt-5', 'pass'],
    ['b', 1, '2026-03-02T11:00:00Z', 'openai:gpt-4o-mini', 'pass'],
    ['b', 2, '2026-03-09T11:00:00Z', 'openai:gpt-5', 'fail'],
    ['b', 3, '2026-03-09T12:00:00Z', 'openai:gpt-5', 'pass'],
  ]
  for (const [inst, seq, ts, model, status] of requests) {
    const [provider, id] = model.split(':') as [string, string]
    for (const side of ['input', 'output']) {
      const base = makeEntry(seq)
      await sink.append({
        ...base,
        ts,
        runId: undefined,
        caseId: undefined,
        requestId: `${inst}-${seq}`,
        route: inst === 'a' ? 'support' : 'billing',
        model: { provider, id },
        controls: ['P4.2'],
        result: { ...base.result, status: side === 'output' ? status : 'pass', passed: side === 'output' ? status === 'pass' : true },
        metadata: { side, cohort: seq % 2 ? 'odd' : 'even', guardInstance: inst, requestSeq: seq },
      })
    }
  }
  return sink.records
}

describe('coverageCollector', () => {
  it('takes requests seen from checkpoint counts when they exceed the last recorded ordinal (requests after the last record)', async () => {
    const c = coverageCollector()
    for (const r of await guardLog()) c.add(r)
    // a's sink signed 9 requests seen (7..9 left no record); b's signed 2 (lower than its records: records win); c only in a checkpoint.
    c.addRequestsSeen({ a: 9, b: 2, c: 4 })
    const m = c.result()
    expect(m.audit.instances).toEqual([
      { instance: 'a', seen: 9, seenFrom: 'checkpoint', recorded: 5, missing: [4, 7, 8, 9], coverage: 5 / 9 },
      { instance: 'b', seen: 3, seenFrom: 'records', recorded: 3, missing: [], coverage: 1 },
      { instance: 'c', seen: 4, seenFrom: 'checkpoint', recorded: 0, missing: [1, 2, 3, 4], coverage: 0 },
    ])
    expect(m.audit).toMatchObject({ seen: 16, recorded: 8, coverage: 8 / 16 })
  })

  it('finds requests that left no record from the gaps in each instance’s ordinals', async () => {
    const c = coverageCollector()
    for (const r of await guardLog()) c.add(r)
    const m = c.result()
    expect(m.records).toBe(16)
    expect(m.requests).toBe(8)
    expect(m.audit.instances).toEqual([
      { instance: 'a', seen: 6, seenFrom: 'records', recorded: 5, missing: [4], coverage: 5 / 6 },
      { instance: 'b', seen: 3, seenFrom: 'records', recorded: 3, missing: [], coverage: 1 },
    ])
    expect(m.audit.coverage).toBeCloseTo(8 / 9)
  })

  it('fail rates by route and cohort, privacy failures per 1,000 by week, model drift', async () => {
    const c = coverageCollector({ bucket: 'week' })
    for (const r of await guardLog()) c.add(r)
    const m = c.result()
    expect(m.byRoute.map((r) => [r.key, r.requests, r.failed])).toEqual([
      ['billing', 3, 1],
      ['support', 5, 1],
    ])
    expect(m.byCohort.map((r) => [r.key, r.requests, r.failed])).toEqual([
      ['even', 3, 2],
      ['odd', 5, 0],
    ])
    expect(m.privacy.per1000).toBe(250)
    expect(m.privacy.byBucket).toEqual([
      { bucket: '2026-03-02', requests: 4, failed: 1, per1000: 250 },
      { bucket: '2026-03-09', requests: 4, failed: 1, per1000: 250 },
    ])
    expect(m.drift).toEqual([
      { bucket: '2026-03-02', models: { 'openai:gpt-4o-mini': 4 }, newModels: ['openai:gpt-4o-mini'] },
      { bucket: '2026-03-09', models: { 'openai:gpt-5': 4 }, newModels: ['openai:gpt-5'] },
    ])
  })

  it('counts judge agreement from criteria and from a single judge', () => {
    const c = coverageCollector()
    const base = { ...makeEntry(1), seq: 0, prevHash: '0'.repeat(64), hash: 'f'.repeat(64) }
    c.add({ ...base, result: { ...base.result, details: { criteria: [{ judge: { agreement: 1 } }, { judge: { agreement: 2 / 3 } }, { id: 'rule' }] } } })
    c.add({ ...base, caseId: 'x', result: { ...base.result, details: { judge: { agreement: 1 } } } })
    expect(c.result().judge).toEqual({ judged: 3, meanAgreement: (1 + 2 / 3 + 1) / 3, split: 1 })
    expect(c.result().audit.unknown).toBe(2)
  })

  it('weeks start on Monday (UTC)', () => {
    expect(bucketOf('2026-03-08T23:59:59Z', 'week')).toBe('2026-03-02')
    expect(bucketOf('2026-03-09T00:00:00Z', 'week')).toBe('2026-03-09')
    expect(bucketOf('2026-03-09T13:00:00Z', 'day')).toBe('2026-03-09')
  })
})
