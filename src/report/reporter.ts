import type { RunReport } from '../runner/run-report.js'

/** A reporter is a pure function from a finished run's report to the text of one file. */
export interface Reporter {
  name: string
  /** File name inside the run directory. */
  file: string
  /** MIME-ish description for the CLI help. */
  description: string
  render(report: RunReport): string
  /** The same text as `render`, as chunks: `writeReports` streams these to the file when present. */
  chunks?(report: RunReport): Iterable<string>
}
