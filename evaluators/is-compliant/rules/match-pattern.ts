import type { RubricCriterion } from '../rubric-schema.js'
import { criterionFinding, describeTarget, type CriterionCheck } from './criterion-check.js'

type PatternCriterion = Extract<RubricCriterion, { kind: 'must-match' | 'must-not-match' }>

const MAX_FINDINGS = 50

/**
 * `must-match`: every targeted text matches the pattern (no text to check fails).
 * `must-not-match`: no targeted text matches; each match is a finding (offsets only).
 * Patterns passed `checkSafePattern` when the rubric was validated.
 */
export function matchPattern(criterion: PatternCriterion, policyId: string): CriterionCheck {
  const regex = new RegExp(criterion.pattern, `${criterion.flags ?? ''}g`)
  return (view) => {
    const targets = view.targets(criterion.field, criterion.path)
    if (criterion.kind === 'must-match') {
      if (targets.length === 0) return { status: 'fail', reason: `no ${criterion.field} to match against the pattern`, findings: [] }
      const missing = targets.filter((t) => {
        regex.lastIndex = 0
        return !regex.test(t.text)
      })
      if (missing.length === 0) return { status: 'pass', reason: 'the required pattern is present', findings: [] }
      return {
        status: 'fail',
        reason: `the required pattern is missing from ${missing.map(describeTarget).join(', ')}`,
        findings: missing.map((target) => criterionFinding({ type: 'pattern_missing', policyId, target, message: 'required pattern not found' })),
      }
    }
    const findings = []
    for (const target of targets) {
      regex.lastIndex = 0
      for (let m = regex.exec(target.text); m && findings.length < MAX_FINDINGS; m = regex.exec(target.text)) {
        findings.push(criterionFinding({ type: 'pattern_matched', policyId, target, start: m.index, end: m.index + m[0].length, message: 'forbidden pattern matched' }))
        if (m[0].length === 0) regex.lastIndex++
      }
    }
    if (findings.length === 0) return { status: 'pass', reason: 'the forbidden pattern does not occur', findings }
    return { status: 'fail', reason: `the forbidden pattern occurs ${findings.length}${findings.length >= MAX_FINDINGS ? '+' : ''} time(s)`, findings }
  }
}
