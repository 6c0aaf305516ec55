import { phraseMatcher } from './find-phrases.js'
import type { RubricCondition, RubricConditionTest } from './rubric-schema.js'
import type { SampleView } from './sample-view.js'

/** Where a condition's keyword or pattern matched (offsets into `sample[field]`), for findings. */
export interface ConditionSpan {
  field: string
  start: number
  end: number
}

export interface ConditionOutcome {
  holds: boolean
  spans: ConditionSpan[]
}

export type CompiledCondition = (view: SampleView) => ConditionOutcome

/**
 * Compile a rubric condition (`{ any: [...] }` or `{ all: [...] }`). Each test looks at the values
 * of its field (and JSON path): a test holds when it holds for at least one value (one context
 * entry, one array element the path selects).
 */
export function compileCondition(condition: RubricCondition): CompiledCondition {
  const all = condition.all !== undefined
  const tests = (condition.all ?? condition.any ?? []).map(compileTest)
  return (view) => {
    const spans: ConditionSpan[] = []
    let holds = all
    for (const test of tests) {
      const outcome = test(view)
      spans.push(...outcome.spans)
      if (all && !outcome.holds) return { holds: false, spans: [] }
      if (!all && outcome.holds) holds = true
    }
    return { holds, spans: holds ? spans : [] }
  }
}

function compileTest(test: RubricConditionTest): CompiledCondition {
  const { field, path } = test
  const matcher = test.keywords ? phraseMatcher(test.keywords) : undefined
  const regex = test.pattern !== undefined ? new RegExp(test.pattern, test.flags ?? '') : undefined
  const predicate = (value: unknown, present: boolean): boolean => {
    if (test.exists !== undefined) return present === test.exists
    if (!present) return false
    if (test.equals !== undefined) return value === test.equals
    if (test.in !== undefined) return test.in.some((v) => v === value)
    if (test.gt !== undefined || test.gte !== undefined || test.lt !== undefined || test.lte !== undefined) {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN
      if (!Number.isFinite(n)) return false
      return (
        (test.gt === undefined || n > test.gt) &&
        (test.gte === undefined || n >= test.gte) &&
        (test.lt === undefined || n < test.lt) &&
        (test.lte === undefined || n <= test.lte)
      )
    }
    return false
  }
  return (view) => {
    const spans: ConditionSpan[] = []
    let holds = false
    for (const { field: where, value, present, text } of view.values(field, path)) {
      if (matcher || regex) {
        if (!present || value === null || typeof value === 'object') continue
        const s = String(value)
        const hit = matcher ? matcher.find(s) : regex!.exec(s)
        if (hit) {
          holds = true
          const start = 'start' in hit ? hit.start : hit.index
          const end = 'end' in hit ? hit.end : hit.index + hit[0].length
          // offsets only point into the field when the value is the raw field text
          if (text !== undefined) spans.push({ field: where, start, end })
        }
      } else if (predicate(value, present)) holds = true
    }
    return { holds, spans }
  }
}
