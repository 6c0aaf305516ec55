import { VouchError } from './vouch-error.js'

const name = 'EvidenceLockError'
const marker = `vouch.error.${name}`
const symbol = Symbol.for(marker)

/** The inter-process lock of an evidence log could not be taken in time. */
export class EvidenceLockError extends VouchError {
  private readonly [symbol] = true
  readonly file: string
  readonly lockFile: string

  constructor({ file, lockFile, waitedMs, holder }: { file: string; lockFile: string; waitedMs: number; holder?: string }) {
    super({
      name,
      code: 'evidence_lock_timeout',
      message: `${file}: could not lock the evidence log within ${waitedMs} ms (${lockFile} is held${holder ? ` by ${holder}` : ''}; if no vouch process is running, delete it)`,
    })
    this.file = file
    this.lockFile = lockFile
  }

  static override isInstance(error: unknown): error is EvidenceLockError {
    return VouchError.hasMarker(error, marker)
  }
}
