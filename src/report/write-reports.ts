import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunReport } from '../runner/run-report.js'
import { reporters, type ReporterName } from './reporters.js'

/** Render each chosen reporter into the run directory; returns the paths written. `report.json` is always written. */
export function writeReports(report: RunReport, runDir: string, names: readonly ReporterName[]): string[] {
  const chosen = new Set<ReporterName>(['json', ...names])
  const written: string[] = []
  for (const name of chosen) {
    const reporter = reporters[name]
    const path = join(runDir, reporter.file)
    writeFileSync(path, reporter.render(report))
    written.push(path)
  }
  return written
}
