import { VouchError } from './vouch-error.js'

const name = 'EvidenceWriteError'
const marker = `vouch.error.${name}`
const symbol = Symbol.for(marker)

/**
 * An evidence sink could not append a record (file not writable, disk full, sink closed). The
 * caller decides what that means: the guardrail fails the request closed by default, the release
 * gate stops the run. Never a silent gap in the log.
 */
export class EvidenceWriteError extends VouchError {
  private readonly [symbol] = true
  readonly file: string

  constructor({ file, detail, cause }: { file: string; detail: string; cause?: unknown }) {
    const why = cause instanceof Error ? `: ${cause.message}` : ''
    super({ name, code: 'evidence_write', message: `${file}: cannot write evidence: ${detail}${why}`, cause })
    this.file = file
  }

  static override isInstance(error: unknown): error is EvidenceWriteError {
    return VouchError.hasMarker(error, marker)
  }
}
