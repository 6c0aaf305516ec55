import { describe, expect, it } from 'vitest'
import { JudgeSummary, mergeJudgeParts, requireJudgeCheck } from './judge-summary.js'

const judge = { provider: 'openai', modelId: 'm', api: 'chat-completions', endpoint: '127.0.0.1:1', temperature: 0, votes: 3, prompt: { sha256: 'ab'.repeat(32) }, redaction: { mode: 'pseudonymize' } }
const result = (status: string, agreement?: number, skipped = 0) => ({
  evaluator: 'is-compliant',
  details: {
    judge: { ...judge, skipped },
    criteria: [
      { id: 'rule', kind: 'no-pii', status: 'pass' },
      { id: 'polite', kind: 'judge', status, judge: { ...(agreement !== undefined ? { agreement } : {}), pseudonymized: 2 } },
    ],
  },
})

describe('JudgeSummary', () => {
  it('tallies each judged criterion under its judge, with mean agreement and values pseudonymised', () => {
    const s = new JudgeSummary()
    s.add(result('pass', 1))
    s.add(result('fail', 2 / 3))
    s.add(result('error'))
    s.add(result('skipped', undefined, 1))
    s.add({ evaluator: 'pii', details: { entities: [] } })
    s.add({ evaluator: 'prompt-injection', details: { judge: { status: 'not_run', reason: 'no model' } } })
    const [entry] = s.list()
    expect(s.list()).toHaveLength(1)
    expect(entry).toMatchObject({ evaluator: 'is-compliant', criterion: 'polite', judge: { modelId: 'm', endpoint: '127.0.0.1:1', votes: 3, promptSha256: 'ab'.repeat(32), redaction: 'pseudonymize' }, pass: 1, fail: 1, error: 1, skipped: 1, pseudonymized: 8 })
    expect(entry!.meanAgreement).toBeCloseTo(5 / 6)
    expect(s.skipped).toBe(2)
    expect(requireJudgeCheck(s)).toEqual({ scope: 'suite', metric: 'judgeRan', threshold: 0, actual: 2, passed: false })
  })

  it('merges shards: counts summed, agreement weighted by cases judged, judgeRan checks summed', () => {
    const a = new JudgeSummary()
    a.add(result('pass', 1))
    const b = new JudgeSummary()
    b.add(result('pass', 0.5))
    b.add(result('pass', 0.5))
    const merged = mergeJudgeParts([
      { judges: a.list(), gate: { checks: [requireJudgeCheck(a)] } },
      { judges: b.list(), gate: { checks: [{ ...requireJudgeCheck(b), actual: 1, passed: false }] } },
    ])
    expect(merged.judges).toHaveLength(1)
    expect(merged.judges![0]).toMatchObject({ pass: 3 })
    expect(merged.judges![0]!.meanAgreement).toBeCloseTo(2 / 3)
    expect(merged.check).toMatchObject({ metric: 'judgeRan', actual: 1, passed: false })
    expect(mergeJudgeParts([{ gate: { checks: [] } }])).toEqual({})
  })
})
