import { closeSync, openSync, renameSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { RunReport } from '../runner/run-report.js'
import type { Reporter } from './reporter.js'
import { reporters, type ReporterName } from './reporters.js'

const BUFFER = 1 << 16

/**
 * Render each chosen reporter into the run directory; returns the paths written. `report.json` is
 * always written. A reporter with `chunks` is streamed in 64 KiB writes (never one whole string);
 * each file is written beside its final name and renamed, so a reader never sees half a report.
 */
export function writeReports(report: RunReport, runDir: string, names: readonly ReporterName[]): string[] {
  const chosen = new Set<ReporterName>(['json', ...names])
  const written: string[] = []
  for (const name of chosen) {
    const reporter = reporters[name]
    const path = join(runDir, reporter.file)
    writeReportFile(path, reporter, report)
    written.push(path)
  }
  return written
}

function writeReportFile(path: string, reporter: Reporter, report: RunReport): void {
  const partial = `${path}.partial`
  const fd = openSync(partial, 'w')
  try {
    if (!reporter.chunks) {
      writeSync(fd, reporter.render(report))
    } else {
      let pending: string[] = []
      let size = 0
      for (const chunk of reporter.chunks(report)) {
        pending.push(chunk)
        size += chunk.length
        if (size >= BUFFER) {
          writeSync(fd, pending.join(''))
          pending = []
          size = 0
        }
      }
      if (pending.length) writeSync(fd, pending.join(''))
    }
  } finally {
    closeSync(fd)
  }
  renameSync(partial, path)
}
