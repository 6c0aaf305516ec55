import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { UsageError } from '../../core/errors/usage-error.js'
import { isPostgresUrl, parsePostgresUrl } from '../../evidence/postgres/postgres-url.js'
import { sha256 } from '../../core/hash.js'
import type { RunReport } from '../../runner/run-report.js'
import { readRunReport } from '../../runner/read-run-report.js'
import { RunReportError } from '../../runner/run-report-error.js'

/** One evidence log to read, and what its run says it must end with. */
export interface EvidenceSource {
  /** Absolute path of the log, or a `postgres://…?table=NAME` store's URL. */
  path: string
  /** Where it came from: a run directory, a shard of a merged run, a bare log (guardrail evidence) or a PostgreSQL store. */
  kind: 'run' | 'shard' | 'log' | 'store'
  runId?: string
  /** The last hash and record count the run's report (or merge manifest) names: detects truncation. */
  expected?: { lastHash: string; count: number; from: string }
}

/** A run's report, for the case counts coverage is measured against. */
export interface RunContext {
  reportPath: string
  report: RunReport
}

export interface ResolvedSources {
  sources: EvidenceSource[]
  runs: RunContext[]
  /** Integrity problems found before reading any log (a merge manifest that does not match its report). */
  problems: { file: string; reason: string }[]
}

interface ManifestShape {
  shards?: { file?: unknown; records?: unknown; lastHash?: unknown; runId?: unknown }[]
}

/**
 * Turn `vouch report soc2` arguments into evidence logs: a run directory (its report.json names the
 * log, its last hash and count), a merged run directory (manifest.json names each shard's chain), a
 * report.json, a `postgres://…?table=NAME` store, or an evidence JSONL file (a report.json beside it naming that file supplies the
 * expectations, as `vouch verify` does). The same log named twice is read once.
 */
export function resolveEvidenceSources(args: readonly string[], cwd: string): ResolvedSources {
  if (args.length === 0) throw new UsageError({ message: 'report soc2 takes run directories or evidence files (at least one)' })
  const sources = new Map<string, EvidenceSource>()
  const runs = new Map<string, RunContext>()
  const problems: ResolvedSources['problems'] = []
  const add = (s: EvidenceSource) => {
    if (!sources.has(s.path)) sources.set(s.path, s)
  }
  for (const arg of args) {
    if (isPostgresUrl(arg)) {
      parsePostgresUrl(arg) // a bad URL or table name is a usage error now, not a read error later
      add({ path: arg, kind: 'store' })
      continue
    }
    const path = resolve(cwd, arg)
    if (!existsSync(path)) throw new UsageError({ message: `${arg}: no such file or directory` })
    if (statSync(path).isDirectory()) {
      const reportPath = join(path, 'report.json')
      if (!existsSync(reportPath)) throw new UsageError({ message: `${arg}: not a run directory (no report.json); pass the evidence file itself` })
      fromReport(reportPath, arg)
    } else if (basename(path) === 'report.json') {
      fromReport(path, arg)
    } else {
      const beside = join(dirname(path), 'report.json')
      const report = existsSync(beside) ? tryReadReport(beside) : undefined
      if (report && !report.shards && basename(report.evidence?.path ?? '') === basename(path)) {
        runs.set(beside, { reportPath: beside, report })
        add({ path, kind: 'run', runId: report.runId, expected: { lastHash: report.evidence.lastHash, count: report.evidence.count, from: beside } })
      } else {
        add({ path, kind: 'log' })
      }
    }
  }
  return { sources: [...sources.values()], runs: [...runs.values()], problems }

  function fromReport(reportPath: string, arg: string): void {
    const report = readReport(reportPath, arg)
    const dir = dirname(reportPath)
    runs.set(reportPath, { reportPath, report })
    if (report.shards?.length) {
      const manifestPath = join(dir, report.evidence.path)
      let bytes: Buffer
      let manifest: ManifestShape
      try {
        bytes = readFileSync(manifestPath)
        manifest = JSON.parse(bytes.toString('utf8')) as ManifestShape
      } catch (error) {
        throw new UsageError({ message: `${manifestPath}: cannot read the merge manifest (${(error as Error).message})` })
      }
      // report.json pins the manifest by its sha256; the manifest pins each shard's chain.
      if (sha256(bytes) !== report.evidence.lastHash) problems.push({ file: manifestPath, reason: `sha256 does not match the one ${reportPath} names: the manifest was altered` })
      for (const shard of report.shards) {
        const listed = manifest.shards?.find((m) => m.file === shard.file)
        if (!listed || listed.lastHash !== shard.lastHash || listed.records !== shard.records) {
          problems.push({ file: manifestPath, reason: `shard ${shard.file} is listed differently in the manifest and in ${reportPath}` })
        }
        add({ path: inside(dir, shard.file, reportPath), kind: 'shard', runId: shard.runId, expected: { lastHash: shard.lastHash, count: shard.records, from: manifestPath } })
      }
      return
    }
    add({ path: inside(dir, report.evidence.path, reportPath), kind: 'run', runId: report.runId, expected: { lastHash: report.evidence.lastHash, count: report.evidence.count, from: reportPath } })
  }
}

function inside(dir: string, file: string, from: string): string {
  const path = resolve(dir, file)
  if (isAbsolute(file) || relative(dir, path).startsWith('..')) throw new UsageError({ message: `${from}: evidence path "${file}" must be inside the run directory` })
  return path
}

function tryReadReport(path: string): RunReport | undefined {
  try {
    return readRunReport(path)
  } catch {
    return undefined
  }
}

function readReport(path: string, arg: string): RunReport {
  try {
    return readRunReport(path)
  } catch (error) {
    if (RunReportError.isInstance(error)) throw new UsageError({ message: `${arg}: ${error.detail}` })
    throw error
  }
}
