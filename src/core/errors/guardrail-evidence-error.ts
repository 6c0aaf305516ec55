import { VouchError } from './vouch-error.js'

const name = 'GuardrailEvidenceError'
const marker = `vouch.error.${name}`
const symbol = Symbol.for(marker)

/**
 * The guardrail could not write its evidence record, so the request fails closed: a decision
 * without an audit row is a gap, and the guardrail never leaves a silent gap.
 */
export class GuardrailEvidenceError extends VouchError {
  private readonly [symbol] = true
  readonly requestId: string
  readonly side: 'input' | 'output'

  constructor({ requestId, side, cause }: { requestId: string; side: 'input' | 'output'; cause: unknown }) {
    const why = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)
    super({
      name,
      code: 'guardrail_evidence',
      message: `guardrail could not record evidence for the ${side} of request ${requestId}, so the request fails closed (${why.slice(0, 300)})`,
      cause,
    })
    this.requestId = requestId
    this.side = side
  }

  static override isInstance(error: unknown): error is GuardrailEvidenceError {
    return VouchError.hasMarker(error, marker)
  }
}
