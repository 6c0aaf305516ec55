import type { Reporter } from './reporter.js'

/** `report.json`: everything the run knows, with `schemaVersion`. */
export const jsonReporter: Reporter = {
  name: 'json',
  file: 'report.json',
  description: 'report.json — the whole run, machine-readable, with a schema version',
  render: (report) => `${JSON.stringify(report, null, 2)}\n`,
}
