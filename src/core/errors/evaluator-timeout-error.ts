import { VouchError } from './vouch-error.js'

const name = 'EvaluatorTimeoutError'
const marker = `vouch.error.${name}`
const symbol = Symbol.for(marker)

/** An evaluator did not answer within its time budget. Becomes an `error` result, never a crash. */
export class EvaluatorTimeoutError extends VouchError {
  private readonly [symbol] = true
  readonly evaluator: string
  readonly timeoutMs: number

  constructor({ evaluator, timeoutMs }: { evaluator: string; timeoutMs: number }) {
    super({ name, code: 'evaluator_timeout', message: `evaluator "${evaluator}" timed out after ${timeoutMs} ms` })
    this.evaluator = evaluator
    this.timeoutMs = timeoutMs
  }

  static override isInstance(error: unknown): error is EvaluatorTimeoutError {
    return VouchError.hasMarker(error, marker)
  }
}
