import { VouchError } from './vouch-error.js'

const name = 'EvaluatorTimeoutError'
const marker = `vouch.error.${name}`
const symbol = Symbol.for(marker)

/** An evaluator did not answer within its time budget. Becomes an `error` result, never a crash. */
export class EvaluatorTimeoutError extends VouchError {
  private readonly [symbol] = true
  readonly evaluator: string
  readonly timeoutMs: number

  /** Set when the evaluator returned, but only after its budget: it blocked the event loop, so it could not be stopped in time. */
  readonly elapsedMs: number | undefined

  constructor({ evaluator, timeoutMs, elapsedMs }: { evaluator: string; timeoutMs: number; elapsedMs?: number }) {
    super({
      name,
      code: 'evaluator_timeout',
      message:
        elapsedMs === undefined
          ? `evaluator "${evaluator}" timed out after ${timeoutMs} ms`
          : `evaluator "${evaluator}" took ${Math.round(elapsedMs)} ms, over its ${timeoutMs} ms budget (it blocked the event loop, so it could not be stopped in time; its verdict is discarded)`,
    })
    this.elapsedMs = elapsedMs
    this.evaluator = evaluator
    this.timeoutMs = timeoutMs
  }

  static override isInstance(error: unknown): error is EvaluatorTimeoutError {
    return VouchError.hasMarker(error, marker)
  }
}
