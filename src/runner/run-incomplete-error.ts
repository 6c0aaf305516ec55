import { VouchError } from '../core/errors/vouch-error.js'
import type { RunReport } from './run-report.js'

const name = 'RunIncompleteError'
const marker = `vouch.error.${name}`
const symbol = Symbol.for(marker)

/**
 * A run stopped before it finished (bad data, a stale cassette, an interrupt, a failing sink). It
 * carries the report of what did finish (`complete: false`, exit code 2) and the run directory, so
 * the caller can still write the reports; `cause` is the error that stopped the run, and the message
 * is its message. `reportError`: writing that partial report or signing its checkpoint failed too.
 */
export class RunIncompleteError extends VouchError {
  private readonly [symbol] = true
  readonly report: RunReport
  readonly runDir: string
  readonly reportError: unknown

  constructor({ report, runDir, cause, reportError }: { report: RunReport; runDir: string; cause: unknown; reportError?: unknown }) {
    super({ name, code: 'run_incomplete', message: cause instanceof Error ? cause.message : String(cause), cause })
    this.report = report
    this.runDir = runDir
    this.reportError = reportError
  }

  static override isInstance(error: unknown): error is RunIncompleteError {
    return VouchError.hasMarker(error, marker)
  }
}
