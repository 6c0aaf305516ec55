import type { RunReport } from '../../src/runner/run-report.js'
import { fixtureReport } from '../html/fixture-report.js'

const DAY = 86_400_000

/** Run `i` of a series: day i, run ids in reverse alphabetical order (so only start time orders them), the prompt bumped at `bumpAt`. */
export function seriesRun(i: number, { bumpAt = Number.POSITIVE_INFINITY, n = 50 } = {}): RunReport {
  const r = fixtureReport({ cases: 6 })
  r.runId = `run-${String(n - i).padStart(3, '0')}`
  r.startedAt = new Date(Date.UTC(2026, 9, 1) + i * DAY).toISOString()
  r.finishedAt = new Date(Date.UTC(2026, 9, 1) + i * DAY + 5000).toISOString()
  r.suites[0]!.judge = { calls: 10 + i, inputTokens: 1000 * (i + 1), outputTokens: 100 * (i + 1) }
  // pii passes before the prompt change and fails after it.
  const pii = r.suites[0]!.byEvaluator.find((e) => e.name === 'pii')!
  if (i >= bumpAt) for (const s of r.suites) s.prompt = { id: 'support-assistant', version: '2.2.0', sha256: 'b'.repeat(64) }
  else Object.assign(pii, { pass: 1, fail: 0, passRate: 1 })
  return r
}
