import { VouchError } from '../core/errors/vouch-error.js'

const name = 'RunReportError'
const marker = `vouch.error.${name}`
const symbol = Symbol.for(marker)

/** Why a report.json could not be used: it is missing, not JSON, or not a vouch report of this schema. */
export type RunReportProblem = 'missing' | 'invalid_json' | 'invalid_report'

/**
 * A report.json that cannot be read. Errors as data: `problem`, `file`, and for `invalid_report`
 * the `issues` (field path and message, never the value).
 */
export class RunReportError extends VouchError {
  private readonly [symbol] = true
  readonly problem: RunReportProblem
  readonly file: string
  readonly issues: readonly { path: string; message: string }[]
  /** The reason without the file name (callers that name the file themselves use it). */
  readonly detail: string

  constructor({ problem, file, detail, issues = [], cause }: { problem: RunReportProblem; file: string; detail: string; issues?: { path: string; message: string }[]; cause?: unknown }) {
    super({ name, code: `report_${problem}`, message: `${file}: ${detail}`, cause })
    this.problem = problem
    this.file = file
    this.detail = detail
    this.issues = issues
  }

  static override isInstance(error: unknown): error is RunReportError {
    return VouchError.hasMarker(error, marker)
  }
}
