import { prettyJsonChunks } from './pretty-json-chunks.js'
import type { Reporter } from './reporter.js'

/** `report.json`: everything the run knows, with `schemaVersion`; written as a stream of chunks. */
export const jsonReporter: Reporter = {
  name: 'json',
  file: 'report.json',
  description: 'report.json — the whole run, machine-readable, with a schema version',
  render: (report) => [...prettyJsonChunks(report)].join(''),
  chunks: (report) => prettyJsonChunks(report),
}
