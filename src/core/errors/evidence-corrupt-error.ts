import { VouchError } from './vouch-error.js'

const name = 'EvidenceCorruptError'
const marker = `vouch.error.${name}`
const symbol = Symbol.for(marker)

/**
 * An existing evidence log cannot be continued because its last record is not a valid record
 * (torn write, hand edit, not an evidence log). Appending would extend a chain nobody can verify,
 * so the sink refuses; run `vouch verify` on the file to see what is wrong.
 */
export class EvidenceCorruptError extends VouchError {
  private readonly [symbol] = true
  readonly file: string
  /** 1-based line of the offending record. */
  readonly line: number
  readonly reason: string

  constructor({ file, line, reason }: { file: string; line: number; reason: string }) {
    super({
      name,
      code: 'evidence_corrupt',
      message: `${file}:${line}: cannot continue the evidence chain: ${reason} (run "vouch verify ${file}")`,
    })
    this.file = file
    this.line = line
    this.reason = reason
  }

  static override isInstance(error: unknown): error is EvidenceCorruptError {
    return VouchError.hasMarker(error, marker)
  }
}
