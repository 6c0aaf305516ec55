import { VouchError } from './vouch-error.js'

const name = 'EvidenceReadError'
const marker = `vouch.error.${name}`
const symbol = Symbol.for(marker)

/** An evidence log (or the report naming its last hash) cannot be opened or read at all. */
export class EvidenceReadError extends VouchError {
  private readonly [symbol] = true
  readonly file: string

  constructor({ file, detail, cause }: { file: string; detail: string; cause?: unknown }) {
    const why = cause instanceof Error ? `: ${cause.message}` : ''
    super({ name, code: 'evidence_read', message: `${file}: cannot read evidence: ${detail}${why}`, cause })
    this.file = file
  }

  static override isInstance(error: unknown): error is EvidenceReadError {
    return VouchError.hasMarker(error, marker)
  }
}
