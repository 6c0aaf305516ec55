import { describe, expect, it } from 'vitest'
import { mergeReports } from '../../src/runner/merge-runs.js'
import type { RunReport, SuiteReport } from '../../src/runner/run-report.js'

const hash = (c: string) => c.repeat(64)

function shard(index: number, suite: Partial<SuiteReport>): RunReport {
  return {
    schemaVersion: 1,
    tool: { name: 'vouch', version: '0.1.0' },
    runId: `s${index + 1}`,
    startedAt: `2026-11-22T0${index}:00:00.000Z`,
    finishedAt: `2026-11-22T0${index}:30:00.000Z`,
    complete: true,
    verdict: 'pass',
    exitCode: 0,
    config: { file: 'vouch.config.ts', sha256: hash('c') },
    cassettes: 'off',
    shard: { index, count: 2 },
    suites: [
      {
        name: 'judged',
        datasets: [{ path: 'd.jsonl', sha256: hash('d'), rows: 0, skippedRows: 0 }],
        evaluators: [{ name: 'is-compliant', version: '1.0.0', configHash: hash('e') }],
        counts: { total: 0, pass: 0, fail: 0, error: 0, skipped: 0, cases: 0, failedCases: 0 },
        byEvaluator: [],
        gate: { passed: true, checks: [] },
        skippedRows: [],
        cases: [],
        casesOmitted: 0,
        regressions: [],
        fixed: [],
        gatePolicy: { minMeanScore: 0.7, allowErrors: true },
        ...suite,
      },
    ],
    evidence: { path: 'evidence.jsonl', lastHash: hash(String(index)), count: 0 },
  }
}

const summary = (total: number, pass: number, fail: number, error: number, meanScore: number, scoreSum?: number) => ({
  name: 'is-compliant',
  version: '1.0.0',
  total,
  pass,
  fail,
  error,
  skipped: 0,
  passRate: pass / (total - error),
  meanScore,
  ...(scoreSum !== undefined ? { scoreSum } : {}),
})

describe('mergeReports', () => {
  it('recomputes means and gates from summed counts (allowErrors respected), recovering score sums of older reports from their means', () => {
    // Shard 1 (new report): 4 counted results, score sum 3.6, one neutral error. Shard 2 (older: no scoreSum): 2 results, mean 0.2.
    const a = shard(0, {
      counts: { total: 5, pass: 4, fail: 0, error: 1, skipped: 0, cases: 5, failedCases: 1, scoreSum: 3.6 },
      byEvaluator: [summary(5, 4, 0, 1, 0.9, 3.6)],
      judge: { calls: 4, inputTokens: 400, outputTokens: 40 },
    })
    const b = shard(1, { counts: { total: 2, pass: 0, fail: 2, error: 0, skipped: 0, cases: 2, failedCases: 2 }, byEvaluator: [summary(2, 0, 2, 0, 0.2)], judge: { calls: 2, inputTokens: 200, outputTokens: 20 } })
    const merged = mergeReports([a, b], { runId: 'm', shards: [], manifestSha256: hash('f') })
    const s = merged.suites[0]!
    expect(s.counts).toEqual({ total: 7, pass: 4, fail: 2, error: 1, skipped: 0, cases: 7, failedCases: 3, scoreSum: 4 })
    expect(s.byEvaluator[0]).toMatchObject({ total: 7, pass: 4, fail: 2, error: 1, scoreSum: 4 })
    expect(s.byEvaluator[0]!.meanScore).toBeCloseTo(4 / 6)
    expect(s.byEvaluator[0]!.passRate).toBeCloseTo(4 / 6)
    expect(s.gate.checks).toHaveLength(1)
    expect(s.gate.checks[0]).toMatchObject({ scope: 'suite', metric: 'minMeanScore', threshold: 0.7, passed: false })
    expect(s.gate.checks[0]!.actual).toBeCloseTo(4 / 6)
    expect(merged).toMatchObject({ verdict: 'fail', exitCode: 1, startedAt: '2026-11-22T00:00:00.000Z', finishedAt: '2026-11-22T01:30:00.000Z' })
    expect(s.judge).toEqual({ calls: 6, inputTokens: 600, outputTokens: 60 })
    expect(merged.evidence).toEqual({ path: 'manifest.json', lastHash: hash('f'), count: 0 })
  })

  it('fails a suite whose shards together hold no case', () => {
    const merged = mergeReports([shard(0, {}), shard(1, {})], { runId: 'm', shards: [], manifestSha256: hash('f') })
    expect(merged.suites[0]!.gate.checks.at(-1)).toEqual({ scope: 'suite', metric: 'nonEmpty', threshold: 1, actual: 0, passed: false })
    expect(merged.verdict).toBe('fail')
  })
})
