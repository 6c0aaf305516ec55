import { existsSync, readdirSync, statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { RunReportError } from '../../runner/run-report-error.js'
import { UsageError } from '../../core/errors/usage-error.js'
import { readRunReport } from '../../runner/read-run-report.js'
import type { RunReport } from '../../runner/run-report.js'

export interface FoundReports {
  reports: { report: RunReport; path: string }[]
  /** Reports found while scanning a directory that could not be read (named files that fail are errors). */
  problems: { file: string; reason: string }[]
}

/**
 * Turn `vouch report trend` arguments into run reports: a report.json, a run directory (holding
 * report.json), or a reports directory whose run directories each hold one (an unfinished run
 * without report.json is passed over). Each file is read through `readRunReport`; the same file
 * named twice is read once.
 */
export function findRunReports(args: readonly string[], cwd: string): FoundReports {
  if (args.length === 0) throw new UsageError({ message: 'report trend takes a reports directory, run directories or report.json files (at least one)' })
  const seen = new Set<string>()
  const reports: FoundReports['reports'] = []
  const problems: FoundReports['problems'] = []
  const take = (path: string, strict: boolean) => {
    if (seen.has(path)) return
    seen.add(path)
    try {
      reports.push({ report: readRunReport(path), path })
    } catch (error) {
      if (strict || !RunReportError.isInstance(error)) throw error
      problems.push({ file: path, reason: error.message })
    }
  }
  for (const arg of args) {
    const path = resolve(cwd, arg)
    if (!existsSync(path)) throw new UsageError({ message: `${arg}: no such file or directory` })
    if (!statSync(path).isDirectory()) {
      take(path, true)
      continue
    }
    if (existsSync(join(path, 'report.json'))) {
      take(join(path, 'report.json'), true)
      continue
    }
    const found = readdirSync(path, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(path, d.name, 'report.json')))
      .map((d) => join(path, d.name, 'report.json'))
      .sort()
    if (found.length === 0) throw new UsageError({ message: `${arg}: no report.json in it or in its run directories (${basename(path)}/<run>/report.json)` })
    for (const file of found) take(file, false)
  }
  return { reports, problems }
}
