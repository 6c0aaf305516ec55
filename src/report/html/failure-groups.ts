import type { EvalResult } from '../../core/types.js'
import type { RunReport } from '../../runner/run-report.js'

export interface FailureGroup {
  /** Policy id, rubric criterion (`support-answer/no-email-address`), or `evaluator: finding type`. */
  key: string
  kind: 'criterion' | 'policy' | 'finding' | 'evaluator'
  evaluators: string[]
  fail: number
  error: number
  /** Distinct cases (suite, case id), the first few kept for links. */
  cases: number
  examples: { suite: string; caseId: string }[]
  /** One reason seen in the group (already PII-free, as every result reason). */
  reason: string
}

const EXAMPLES = 5

interface Criterion {
  id?: unknown
  status?: unknown
}

/**
 * Where the failures cluster: each failing or erroring result counted under the rubric criteria
 * that failed (`rubric/criterion`), else its policy id, else the types of its findings
 * (`output-range: schema_too_big`), else its evaluator. Biggest groups first.
 */
export function failureGroups(report: RunReport): FailureGroup[] {
  const groups = new Map<string, FailureGroup & { caseKeys: Set<string> }>()
  for (const s of report.suites) {
    for (const c of s.cases) {
      for (const x of c.results) {
        if (x.status !== 'fail' && x.status !== 'error') continue
        for (const [key, kind] of keysOf(x)) {
          let g = groups.get(key)
          if (!g) groups.set(key, (g = { key, kind, evaluators: [], fail: 0, error: 0, cases: 0, examples: [], reason: x.reason, caseKeys: new Set() }))
          g[x.status]++
          if (!g.evaluators.includes(x.evaluator)) g.evaluators.push(x.evaluator)
          const caseKey = `${s.name}\u0000${c.caseId}`
          if (!g.caseKeys.has(caseKey)) {
            g.caseKeys.add(caseKey)
            if (g.examples.length < EXAMPLES) g.examples.push({ suite: s.name, caseId: c.caseId })
          }
        }
      }
    }
  }
  return [...groups.values()]
    .map(({ caseKeys, ...g }) => ({ ...g, cases: caseKeys.size }))
    .sort((a, b) => b.fail + b.error - (a.fail + a.error) || b.cases - a.cases || a.key.localeCompare(b.key))
}

function keysOf(x: EvalResult): [string, FailureGroup['kind']][] {
  const criteria = Array.isArray(x.details?.criteria) ? (x.details.criteria as Criterion[]) : []
  const failed = criteria.filter((c) => (c.status === 'fail' || c.status === 'error') && typeof c.id === 'string')
  if (failed.length) {
    const prefix = x.rubric?.id ?? x.policyId?.split('/')[0] ?? x.evaluator
    return failed.map((c) => [`${prefix}/${String(c.id)}`, 'criterion'])
  }
  if (x.policyId) return [[x.policyId, 'policy']]
  const types = [...new Set(x.findings.map((f) => f.type))]
  if (types.length && x.status === 'fail') return types.slice(0, 20).map((t) => [`${x.evaluator}: ${t}`, 'finding'])
  return [[x.status === 'error' ? `${x.evaluator} (error)` : x.evaluator, 'evaluator']]
}
