import { compileCondition } from '../compile-condition.js'
import type { RubricCriterion } from '../rubric-schema.js'
import type { CriterionCheck } from './criterion-check.js'

type ReviewCriterion = Extract<RubricCriterion, { kind: 'review-on-risk' }>

/**
 * When the risk condition holds, the sample goes to human review: the result carries
 * `action: 'review'` (whatever its status). With `routed`, the answer must also show it routed the
 * case to a human (e.g. `$.escalate` is true), or the criterion fails. Not applicable when the risk
 * condition does not hold.
 */
export function reviewOnRisk(criterion: ReviewCriterion, policyId: string): CriterionCheck {
  const when = compileCondition(criterion.when)
  const routed = criterion.routed ? compileCondition(criterion.routed) : undefined
  return (view) => {
    const risk = when(view)
    if (!risk.holds) return { status: 'not_applicable', reason: 'the risk condition does not hold', findings: [] }
    const findings = risk.spans.map((s) => ({
      type: 'review_required',
      field: s.field,
      start: s.start,
      end: s.end,
      score: 1,
      detector: policyId,
      message: 'risk condition matched here',
    }))
    if (routed && !routed(view).holds) {
      return { status: 'fail', reason: 'the risk condition holds but the answer does not route the case to human review', findings, review: true }
    }
    return { status: 'pass', reason: 'the risk condition holds: routed to human review', findings, review: true }
  }
}
