import type { RubricCriterion } from '../rubric-schema.js'
import { criterionFinding, describeTarget, type CriterionCheck } from './criterion-check.js'

type MaxLengthCriterion = Extract<RubricCriterion, { kind: 'max-length' }>

/** Length in Unicode code points (an emoji counts once), or in whitespace-separated words. */
export function measure(text: string, unit: 'characters' | 'words'): number {
  let n = 0
  if (unit === 'characters') {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c < 0xdc00 || c > 0xdfff || i === 0 || (text.charCodeAt(i - 1) & 0xfc00) !== 0xd800) n++
    }
    return n
  }
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const space = /\s/.test(text[i]!)
    if (!space && !inWord) n++
    inWord = !space
  }
  return n
}

/** Every targeted text is at most `max` characters (or words). No text is not applicable. */
export function maxLength(criterion: MaxLengthCriterion, policyId: string): CriterionCheck {
  return (view) => {
    const targets = view.targets(criterion.field, criterion.path)
    if (targets.length === 0) return { status: 'not_applicable', reason: `no ${criterion.field} to measure`, findings: [] }
    const over = targets.map((t) => ({ t, n: measure(t.text, criterion.unit) })).filter(({ n }) => n > criterion.max)
    if (over.length === 0) return { status: 'pass', reason: `within ${criterion.max} ${criterion.unit}`, findings: [] }
    return {
      status: 'fail',
      reason: over.map(({ t, n }) => `${describeTarget(t)} is ${n} ${criterion.unit}, over the maximum of ${criterion.max}`).join('; '),
      findings: over.map(({ t, n }) =>
        criterionFinding({ type: 'too_long', policyId, target: t, message: `${n} ${criterion.unit}, maximum ${criterion.max}` }),
      ),
    }
  }
}
