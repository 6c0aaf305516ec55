import { VouchError } from './vouch-error.js'

const name = 'GuardrailBlockedError'
const marker = `vouch.error.${name}`
const symbol = Symbol.for(marker)

/** Why a guardrail blocked: a failed check, an evaluator error under `failMode: 'closed'`, or a failure redaction cannot fix. */
export type GuardrailBlockCause = 'policy' | 'evaluator-error' | 'unredactable'

/** One evaluator's part in a block. Names and finding types only: never a matched value. */
export interface GuardrailBlockedResult {
  evaluator: string
  status: 'pass' | 'fail' | 'error' | 'skipped'
  cause: GuardrailBlockCause
  /** Finding types (e.g. `EMAIL_ADDRESS`), never the values. */
  findingTypes: string[]
}

/**
 * The guardrail refused a request (input side: the model was never called) or a response
 * (output side). Thrown from `generateText`/`streamText`, or sent as a stream `error` part.
 */
export class GuardrailBlockedError extends VouchError {
  private readonly [symbol] = true
  readonly side: 'input' | 'output'
  readonly requestId: string
  readonly results: GuardrailBlockedResult[]

  constructor({ side, requestId, results }: { side: 'input' | 'output'; requestId: string; results: GuardrailBlockedResult[] }) {
    const detail = results
      .map((r) => {
        const types = [...new Set(r.findingTypes)]
        const what = r.cause === 'evaluator-error' ? `errored (failMode closed)` : r.cause === 'unredactable' ? 'failed and cannot be redacted' : 'failed'
        return `${r.evaluator} ${what}${types.length ? ` [${types.join(', ')}]` : ''}`
      })
      .join('; ')
    super({ name, code: 'guardrail_blocked', message: `guardrail blocked the ${side} of request ${requestId}: ${detail}` })
    this.side = side
    this.requestId = requestId
    this.results = results
  }

  static override isInstance(error: unknown): error is GuardrailBlockedError {
    return VouchError.hasMarker(error, marker)
  }
}
