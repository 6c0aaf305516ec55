import type { Finding } from '../../../src/core/types.js'
import type { SampleView, TextTarget } from '../sample-view.js'

/** What one deterministic criterion decided about a sample. Reasons never quote sample text. */
export interface CriterionCheckResult {
  status: 'pass' | 'fail' | 'not_applicable'
  reason: string
  findings: Finding[]
  /** Set by review-on-risk when its risk condition holds: the result gets `action: 'review'`. */
  review?: boolean
}

export type CriterionCheck = (view: SampleView) => CriterionCheckResult

/** A finding for a criterion. Inside a JSON value the span covers the whole field (see `TextTarget`). */
export function criterionFinding({
  type,
  policyId,
  target,
  start,
  end,
  message,
}: {
  type: string
  policyId: string
  target: Pick<TextTarget, 'field' | 'path' | 'fieldLength'>
  start?: number
  end?: number
  message: string
}): Finding {
  const whole = target.path !== undefined || start === undefined || end === undefined
  return {
    type,
    field: target.field,
    start: whole ? 0 : start,
    end: whole ? target.fieldLength : end,
    score: 1,
    detector: policyId,
    ...(target.path !== undefined ? { path: target.path } : {}),
    message,
  }
}

/** `output` or `output $.reply`, for reasons. */
export function describeTarget(target: Pick<TextTarget, 'field' | 'path'>): string {
  return target.path ? `${target.field} ${target.path}` : target.field
}
