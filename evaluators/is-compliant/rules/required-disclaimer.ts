import { compileCondition } from '../compile-condition.js'
import { phraseMatcher } from '../find-phrases.js'
import type { RubricCriterion } from '../rubric-schema.js'
import { criterionFinding, describeTarget, type CriterionCheck } from './criterion-check.js'

type DisclaimerCriterion = Extract<RubricCriterion, { kind: 'required-disclaimer' }>

/**
 * The disclaimer text appears in every targeted text (literal match ignoring case, whitespace runs
 * and curly quotes). With `when`, only required when the condition holds; otherwise not applicable.
 */
export function requiredDisclaimer(criterion: DisclaimerCriterion, policyId: string): CriterionCheck {
  const matcher = phraseMatcher([criterion.text])
  const when = criterion.when ? compileCondition(criterion.when) : undefined
  return (view) => {
    if (when && !when(view).holds) return { status: 'not_applicable', reason: 'the disclaimer is not required for this sample', findings: [] }
    const targets = view.targets(criterion.field, criterion.path)
    if (targets.length === 0) return { status: 'fail', reason: `the required disclaimer is missing: no ${criterion.field}`, findings: [] }
    const missing = targets.filter((t) => matcher.find(t.text) === undefined)
    if (missing.length === 0) return { status: 'pass', reason: 'the required disclaimer is present', findings: [] }
    return {
      status: 'fail',
      reason: `the required disclaimer is missing from ${missing.map(describeTarget).join(', ')}`,
      findings: missing.map((target) => criterionFinding({ type: 'disclaimer_missing', policyId, target, message: 'required disclaimer not found' })),
    }
  }
}
