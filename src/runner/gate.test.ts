import { describe, expect, it } from 'vitest'
import { applyGate, Tally } from './gate.js'

function tally(statuses: Array<['pass' | 'fail' | 'error' | 'skipped', number]>): Tally {
  const t = new Tally()
  for (const [status, score] of statuses) t.add({ status, score })
  return t
}

describe('applyGate', () => {
  it('defaults to maxFailures 0 when no threshold is set anywhere', () => {
    const checks = applyGate({ gate: {}, suite: tally([['pass', 1], ['fail', 0]]), evaluators: new Map() })
    expect(checks).toEqual([{ scope: 'suite', metric: 'maxFailures', threshold: 0, actual: 1, passed: false, breakdown: { fail: 1, error: 0, skipped: 0 } }])
  })

  it('maxFailures says what its count is made of: failed verdicts, errors and skips apart (allowed ones are 0)', () => {
    const t = tally([['fail', 0], ['error', 0], ['error', 0], ['skipped', 0]])
    expect(applyGate({ gate: {}, suite: t, evaluators: new Map() })[0]).toMatchObject({ actual: 4, breakdown: { fail: 1, error: 2, skipped: 1 } })
    expect(applyGate({ gate: { maxFailures: 0, allowSkipped: true }, suite: t, evaluators: new Map() })[0]).toMatchObject({ actual: 3, breakdown: { fail: 1, error: 2, skipped: 0 } })
  })

  it('counts error and skipped as failures unless allowed, and then leaves them out of rates', () => {
    const t = tally([['pass', 1], ['pass', 0.8], ['error', 0], ['skipped', 0]])
    const strict = applyGate({ gate: { minPassRate: 0.6, minMeanScore: 0.5 }, suite: t, evaluators: new Map() })
    expect(strict.map((c) => [c.metric, c.actual, c.passed])).toEqual([
      ['minPassRate', 0.5, false],
      ['minMeanScore', 0.45, false],
    ])
    const lenient = applyGate({ gate: { minPassRate: 0.6, minMeanScore: 0.5, allowErrors: true, allowSkipped: true }, suite: t, evaluators: new Map() })
    expect(lenient.map((c) => [c.metric, c.actual, c.passed])).toEqual([
      ['minPassRate', 1, true],
      ['minMeanScore', 0.9, true],
    ])
  })

  it('applies per-evaluator thresholds, inheriting the suite allowances', () => {
    const judge = tally([['pass', 1], ['skipped', 0]])
    const range = tally([['pass', 1], ['fail', 0.2]])
    const checks = applyGate({
      gate: { allowSkipped: true, evaluators: { judge: { minPassRate: 1 }, 'output-range': { maxFailures: 0 } } },
      suite: tally([]),
      evaluators: new Map([['judge', judge], ['output-range', range]]),
    })
    expect(checks).toEqual([
      { scope: 'judge', metric: 'minPassRate', threshold: 1, actual: 1, passed: true },
      { scope: 'output-range', metric: 'maxFailures', threshold: 0, actual: 1, passed: false, breakdown: { fail: 1, error: 0, skipped: 0 } },
    ])
  })

  it('treats an evaluator named in the gate but never run as empty, not as an error', () => {
    const checks = applyGate({ gate: { evaluators: { ghost: { maxFailures: 0 } } }, suite: tally([]), evaluators: new Map() })
    expect(checks).toEqual([{ scope: 'ghost', metric: 'maxFailures', threshold: 0, actual: 0, passed: true, breakdown: { fail: 0, error: 0, skipped: 0 } }])
  })
})
