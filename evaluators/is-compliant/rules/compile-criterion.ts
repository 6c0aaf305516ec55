import type { RubricCriterion } from '../rubric-schema.js'
import type { CriterionCheck } from './criterion-check.js'
import { matchPattern } from './match-pattern.js'
import { maxLength } from './max-length.js'
import { noPii } from './no-pii.js'
import { refuseOnTopic } from './refuse-on-topic.js'
import { requiredDisclaimer } from './required-disclaimer.js'
import { reviewOnRisk } from './review-on-risk.js'

/** The check of a deterministic criterion; undefined for `judge` criteria (decided by a model). */
export function compileCriterion(criterion: RubricCriterion, policyId: string): CriterionCheck | undefined {
  switch (criterion.kind) {
    case 'must-match':
    case 'must-not-match':
      return matchPattern(criterion, policyId)
    case 'no-pii':
      return noPii(criterion, policyId)
    case 'required-disclaimer':
      return requiredDisclaimer(criterion, policyId)
    case 'max-length':
      return maxLength(criterion, policyId)
    case 'refuse-on-topic':
      return refuseOnTopic(criterion, policyId)
    case 'review-on-risk':
      return reviewOnRisk(criterion, policyId)
    case 'judge':
      return undefined
  }
}
