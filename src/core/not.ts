import { hashValue } from './hash.js'
import type { EvalResult, Evaluator } from './types.js'

/**
 * Negate an evaluator: pass where it fails and fail where it passes, score `1 - score`.
 * `error` and `skipped` stay what they are: not knowing is not the opposite of anything.
 */
export function not(evaluator: Evaluator): Evaluator {
  const name = `not(${evaluator.name})`
  return {
    name,
    version: evaluator.version,
    configHash: hashValue({ not: evaluator.configHash }),
    ...(evaluator.controls ? { controls: evaluator.controls } : {}),
    ...(evaluator.rubric ? { rubric: evaluator.rubric } : {}),
    async evaluate(sample, ctx) {
      const inner = await evaluator.evaluate(sample, ctx)
      if (inner.status === 'error' || inner.status === 'skipped') return { ...inner, evaluator: name }
      const passed = !inner.passed
      const result: EvalResult = {
        ...inner,
        evaluator: name,
        status: passed ? 'pass' : 'fail',
        passed,
        score: 1 - inner.score,
        reason: `negated: ${inner.reason}`,
      }
      return result
    },
  }
}
