import { EvaluatorTimeoutError } from './errors/evaluator-timeout-error.js'
import type { EvalContext, EvalResult, Evaluator, Sample } from './types.js'

export interface RunEvaluatorOptions {
  /** Abort and return an `error` result after this many milliseconds. */
  timeoutMs?: number
  signal?: AbortSignal
  /** Passed on to the evaluator's context (see `EvalContext.wrapModel`). */
  wrapModel?: EvalContext['wrapModel']
  _internal?: { now?: () => number }
}

/**
 * Run one evaluator on one sample and always come back with a result: a throw or a timeout
 * becomes `status: 'error'` (it counts against a gate, or makes a guardrail fail closed), never
 * an exception. Used by the runner and the guardrail alike.
 *
 * Limitation: JavaScript cannot interrupt synchronous code. An evaluator that computes without
 * yielding (a CPU-bound loop, a catastrophic regex) blocks the event loop, so the timer cannot
 * fire until it returns. Its verdict is then discarded and it is reported as an `error`
 * (`EvaluatorTimeoutError` with `elapsedMs`) after the fact: an overrun never passes, but the
 * caller still waited for it. Built-in evaluators are linear-time; run heavy custom checks in a
 * worker if they must be stopped on time.
 */
export async function runEvaluator(
  evaluator: Evaluator,
  sample: Sample,
  { timeoutMs, signal, wrapModel, _internal: { now = () => performance.now() } = {} }: RunEvaluatorOptions = {},
): Promise<EvalResult> {
  const started = now()
  const controller = new AbortController()
  const onAbort = () => controller.abort(signal?.reason)
  if (signal) {
    if (signal.aborted) controller.abort(signal.reason)
    else signal.addEventListener('abort', onAbort, { once: true })
  }
  let timer: NodeJS.Timeout | undefined
  try {
    // The signal is made only when the evaluator reads it (most never do; one per call was a hot spot at scale).
    const ctx: EvalContext = Object.defineProperty(wrapModel ? { wrapModel } : {}, 'signal', { get: () => controller.signal, enumerable: true })
    const evaluation = evaluator.evaluate(sample, ctx)
    if (timeoutMs === undefined || timeoutMs <= 0 || !Number.isFinite(timeoutMs)) return await evaluation
    evaluation.catch(() => {}) // a late rejection after the timeout must not go unhandled
    // A synchronous evaluator has already run to the end inside evaluate(): judge its time now.
    const overrun = (result: EvalResult): EvalResult => {
      const elapsedMs = now() - started
      if (elapsedMs <= timeoutMs || result.status === 'error') return result
      return errorResult(evaluator, new EvaluatorTimeoutError({ evaluator: evaluator.name, timeoutMs, elapsedMs }), Math.max(0, elapsedMs))
    }
    const spent = now() - started
    if (spent > timeoutMs) {
      const error = new EvaluatorTimeoutError({ evaluator: evaluator.name, timeoutMs, elapsedMs: spent })
      controller.abort(error)
      return errorResult(evaluator, error, spent)
    }
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new EvaluatorTimeoutError({ evaluator: evaluator.name, timeoutMs })
        controller.abort(error)
        reject(error)
      }, timeoutMs)
    })
    // The promise can settle in the same turn the timer was due (the loop was blocked): check the clock too.
    return overrun(await Promise.race([evaluation, timeout]))
  } catch (error) {
    return errorResult(evaluator, error, Math.max(0, now() - started))
  } finally {
    if (timer) clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
  }
}

/** The `error` result for an evaluator that threw: the error's name and message, cut short. */
export function errorResult(evaluator: Pick<Evaluator, 'name' | 'version' | 'rubric'>, error: unknown, durationMs: number): EvalResult {
  const err = error instanceof Error ? error : new Error(String(error))
  const message = err.message.length > 300 ? `${err.message.slice(0, 300)}…` : err.message
  const result: EvalResult = {
    evaluator: evaluator.name,
    version: evaluator.version,
    status: 'error',
    passed: false,
    score: 0,
    reason: `${err.name}: ${message}`,
    findings: [],
    durationMs,
  }
  if (evaluator.rubric) result.rubric = evaluator.rubric
  return result
}
