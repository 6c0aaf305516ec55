import type { Finding } from '../../../src/core/types.js'
import { createPiiDetector } from '../../pii/index.js'
import type { RubricCriterion } from '../rubric-schema.js'
import type { CriterionCheck } from './criterion-check.js'

type NoPiiCriterion = Extract<RubricCriterion, { kind: 'no-pii' }>

/** None of the listed PII entity types occurs in the field (detection by the PII module's `detectPii`). */
export function noPii(criterion: NoPiiCriterion, policyId: string): CriterionCheck {
  const entities = [...criterion.entities]
  const detect = createPiiDetector({ entities, minScore: criterion.minScore }, `rubric criterion ${policyId}`)
  return (view) => {
    const findings: Finding[] = []
    for (const { field, text } of view.fields(criterion.field)) {
      for (const hit of detect(text)) {
        findings.push({
          type: hit.type,
          field,
          start: hit.start,
          end: hit.end,
          score: hit.score,
          detector: policyId,
          message: `${hit.type} found (${hit.detector})`,
        })
      }
    }
    if (findings.length === 0) return { status: 'pass', reason: `no ${entities.join(', ')} in ${criterion.field}`, findings }
    const types = [...new Set(findings.map((f) => f.type))]
    return { status: 'fail', reason: `${criterion.field} contains ${types.join(', ')} (${findings.length} occurrence(s))`, findings }
  }
}
