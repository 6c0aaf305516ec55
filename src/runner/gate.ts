import type { GateConfig, GateThresholds } from '../config/config-schema.js'
import type { EvalResult } from '../core/types.js'
import type { EvaluatorSummary, GateCheck, StatusCounts } from './run-report.js'

/** Running tallies for one scope (the suite, or one evaluator). Constant memory per scope. */
export class Tally implements StatusCounts {
  total = 0
  pass = 0
  fail = 0
  error = 0
  skipped = 0
  scoreSum = 0

  add(result: Pick<EvalResult, 'status' | 'score'>): void {
    this.total++
    this[result.status]++
    this.scoreSum += result.status === 'pass' || result.status === 'fail' ? result.score : 0
  }

  counts(): StatusCounts {
    return { total: this.total, pass: this.pass, fail: this.fail, error: this.error, skipped: this.skipped }
  }

  /** Failures under a policy: `fail`, plus `error`/`skipped` unless allowed (then they are neutral). */
  failures({ allowErrors = false, allowSkipped = false }: GateThresholds): number {
    return this.fail + (allowErrors ? 0 : this.error) + (allowSkipped ? 0 : this.skipped)
  }

  /** Results that count: neutral (allowed) errors and skips are left out of rates and means. */
  counted({ allowErrors = false, allowSkipped = false }: GateThresholds): number {
    return this.total - (allowErrors ? this.error : 0) - (allowSkipped ? this.skipped : 0)
  }

  passRate(policy: GateThresholds): number {
    const n = this.counted(policy)
    return n === 0 ? 1 : this.pass / n
  }

  /** Mean score; a counted error or skip scores 0. */
  meanScore(policy: GateThresholds): number {
    const n = this.counted(policy)
    return n === 0 ? 1 : this.scoreSum / n
  }
}

const hasThreshold = (t: GateThresholds) => t.maxFailures !== undefined || t.minPassRate !== undefined || t.minMeanScore !== undefined

/**
 * Apply a suite's gate. Thresholds count results (case × evaluator). With no threshold anywhere,
 * the default gate is `maxFailures: 0`: every result must pass. `error` and `skipped` count as
 * failures unless `allowErrors` / `allowSkipped`; per-evaluator thresholds inherit those flags.
 */
export function applyGate({
  gate,
  suite,
  evaluators,
}: {
  gate: GateConfig
  suite: Tally
  evaluators: Map<string, Tally>
}): GateCheck[] {
  const { evaluators: perEvaluator = {}, ...suitePolicy } = gate
  const anyThreshold = hasThreshold(suitePolicy) || Object.values(perEvaluator).some(hasThreshold)
  const policy: GateThresholds = anyThreshold ? suitePolicy : { ...suitePolicy, maxFailures: 0 }
  const checks: GateCheck[] = [...checksFor('suite', suite, policy)]
  for (const [name, thresholds] of Object.entries(perEvaluator)) {
    const tally = evaluators.get(name) ?? new Tally()
    const inherited: GateThresholds = {
      allowErrors: suitePolicy.allowErrors,
      allowSkipped: suitePolicy.allowSkipped,
      ...thresholds,
    }
    checks.push(...checksFor(name, tally, inherited))
  }
  return checks
}

function checksFor(scope: string, tally: Tally, policy: GateThresholds): GateCheck[] {
  const checks: GateCheck[] = []
  if (policy.maxFailures !== undefined) {
    const actual = tally.failures(policy)
    const breakdown = { fail: tally.fail, error: policy.allowErrors ? 0 : tally.error, skipped: policy.allowSkipped ? 0 : tally.skipped }
    checks.push({ scope, metric: 'maxFailures', threshold: policy.maxFailures, actual, passed: actual <= policy.maxFailures, breakdown })
  }
  if (policy.minPassRate !== undefined) {
    const actual = tally.passRate(policy)
    checks.push({ scope, metric: 'minPassRate', threshold: policy.minPassRate, actual, passed: actual >= policy.minPassRate })
  }
  if (policy.minMeanScore !== undefined) {
    const actual = tally.meanScore(policy)
    checks.push({ scope, metric: 'minMeanScore', threshold: policy.minMeanScore, actual, passed: actual >= policy.minMeanScore })
  }
  return checks
}

export function evaluatorSummary(name: string, version: string, tally: Tally, policy: GateThresholds): EvaluatorSummary {
  return { name, version, ...tally.counts(), passRate: tally.passRate(policy), meanScore: tally.meanScore(policy) }
}
