import { VouchError } from '../../src/core/errors/vouch-error.js'

const name = 'JudgeError'
const marker = `vouch.error.${name}`
const symbol = Symbol.for(marker)

export type JudgeErrorCode = 'judge_timeout' | 'judge_malformed_output' | 'judge_call_failed' | 'judge_aborted' | 'judge_not_configured'

/**
 * An LLM judge call that produced no usable verdict: it timed out, kept failing after its retries,
 * or answered something that does not match the verdict schema. Not a verdict: the evaluator
 * throws it and `runEvaluator` records an `error` result (a gate counts it unless allowed).
 */
export class JudgeError extends VouchError {
  private readonly [symbol] = true
  /** The criterion (or other judged item) the call was for. */
  readonly criterion: string
  /** Calls made, retries included. */
  readonly attempts: number
  /** `judge_malformed_output`: the model's last answer, raw (callers redact it before storing it). */
  readonly answer: string | undefined
  /** `judge_malformed_output`: why the answer is not the schema (JSON error or schema issues, no answer text). */
  readonly problem: string | undefined

  constructor({
    code,
    criterion,
    attempts,
    message,
    cause,
    answer,
    problem,
  }: { code: JudgeErrorCode; criterion: string; attempts: number; message: string; cause?: unknown; answer?: string | undefined; problem?: string | undefined }) {
    super({ name, code, message: `judge for "${criterion}": ${message}`, cause })
    this.criterion = criterion
    this.attempts = attempts
    this.answer = answer
    this.problem = problem
  }

  static override isInstance(error: unknown): error is JudgeError {
    return VouchError.hasMarker(error, marker)
  }
}
