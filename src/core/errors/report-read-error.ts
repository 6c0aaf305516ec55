import { VouchError } from './vouch-error.js'

const name = 'ReportReadError'
const marker = `vouch.error.${name}`
const symbol = Symbol.for(marker)

/** A report.json could not be read: missing, not JSON, or not the shape vouch writes (names the file and field). */
export class ReportReadError extends VouchError {
  private readonly [symbol] = true
  readonly file: string
  readonly issues: { path: string; message: string }[]

  constructor({ file, message, issues = [] }: { file: string; message: string; issues?: { path: string; message: string }[] }) {
    super({ name, code: 'report_invalid', message: `${file}: ${message}` })
    this.file = file
    this.issues = issues
  }

  static override isInstance(error: unknown): error is ReportReadError {
    return VouchError.hasMarker(error, marker)
  }
}
