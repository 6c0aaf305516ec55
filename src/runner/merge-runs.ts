import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { sha256 } from '../core/hash.js'
import { verifyEvidence } from '../evidence/verify-evidence.js'
import { applyGate, Tally } from './gate.js'
import { mergeJudgeParts } from './judge-summary.js'
import {
  REPORT_SCHEMA_VERSION,
  type CaseRecord,
  type GateCheck,
  type GatePolicy,
  type Regression,
  type RunReport,
  type ShardEvidence,
  type StatusCounts,
  type SuiteReport,
} from './run-report.js'
import { ShardMergeError } from './shard-merge-error.js'
import { readRunReportWithBytes } from './read-run-report.js'
import { RunReportError } from './run-report-error.js'

/** `manifest.json` of a merged run: every shard's run, evidence chain, record count and last hash. */
export interface MergeManifest {
  schemaVersion: 1
  runId: string
  config: { file: string; sha256: string }
  shardCount: number
  shards: (ShardEvidence & {
    /** The shard's run directory as given to `vouch merge`. */
    source: string
    /** sha256 of the shard's own report.json (copied to `shards/shard-<i>.report.json`). */
    reportSha256: string
  })[]
}

export interface MergeRunsOptions {
  /** Shard run directories (each written by `vouch eval --shard I/N`). */
  dirs: string[]
  /** Where the merged run goes; must not hold a report already (default: `<run id>` next to the first shard). */
  outDir?: string
  /** Paths in messages and the manifest are relative to this (default: the process cwd). */
  cwd?: string
  /** Name of the merged run (default: `merged-` + a hash of the shard run ids). */
  runId?: string
}

export interface MergeRunsResult {
  report: RunReport
  manifest: MergeManifest
  outDir: string
}

interface Shard {
  dir: string
  label: string
  report: RunReport
  reportBytes: Buffer
  evidencePath: string
}

/**
 * Join the runs of `vouch eval --shard I/N` into one run. Refuses (ShardMergeError, exit 2) shards
 * of different configs, suites, evaluators or commits, a missing or duplicate shard, an incomplete
 * run, and evidence whose chain does not verify against its shard's report. Each shard's evidence
 * is copied as is, `evidence/shard-<i>.jsonl`, one verifiable chain per shard; `manifest.json`
 * names each one's run id, record count and last hash, and the merged report's `evidence` names
 * the manifest and its sha256. Counts are summed and each suite's gate is recomputed from them with
 * the gate thresholds the shards recorded. Reports are rendered by the caller (`vouch merge`).
 */
export async function mergeRuns({ dirs, outDir, cwd = process.cwd(), runId }: MergeRunsOptions): Promise<MergeRunsResult> {
  if (dirs.length === 0) throw new ShardMergeError({ problem: 'not_a_run', message: 'merge needs at least one shard run directory' })
  const rel = (p: string) => {
    const r = relative(cwd, p)
    return r === '' ? '.' : r.startsWith('..') || isAbsolute(r) ? p : r
  }
  const shards = dirs.map((d) => readShard(resolve(cwd, d), rel))
  checkCompatible(shards)
  const ordered = [...shards].sort((a, b) => a.report.shard!.index - b.report.shard!.index)
  const mergedId = runId ?? `merged-${sha256(ordered.map((s) => s.report.runId).join('\n')).slice(0, 12)}`

  const out = outDir === undefined ? join(dirname(shards[0]!.dir), mergedId) : resolve(cwd, outDir)
  if (existsSync(join(out, 'report.json')) || existsSync(join(out, 'manifest.json'))) {
    throw new ShardMergeError({ problem: 'output_exists', message: `${rel(out)} already holds a report; choose another --out` })
  }
  const created = !existsSync(out)
  const written: string[] = []
  try {
    mkdirSync(join(out, 'evidence'), { recursive: true })
    mkdirSync(join(out, 'shards'), { recursive: true })
    const entries: MergeManifest['shards'] = []
    for (const shard of ordered) {
      const { index, count } = shard.report.shard!
      const file = `evidence/shard-${index + 1}.jsonl`
      const target = join(out, file)
      // Verify the copy, not the source: what the merged run holds is what was checked.
      copyFileSync(shard.evidencePath, target)
      written.push(target)
      const expected = shard.report.evidence
      const check = await verifyEvidence(target, { expectedLastHash: expected.lastHash, expectedCount: expected.count })
      if (!check.ok) {
        const bad = check.firstBad!
        throw new ShardMergeError({
          problem: 'tampered',
          dir: shard.dir,
          message: `shard ${index + 1}/${count} (${shard.label}): evidence ${rel(shard.evidencePath)} does not verify against its report.json: line ${bad.line} (seq ${bad.seq}): ${bad.reason}`,
        })
      }
      const reportCopy = join(out, 'shards', `shard-${index + 1}.report.json`)
      writeFileSync(reportCopy, shard.reportBytes)
      written.push(reportCopy)
      entries.push({ index, count, runId: shard.report.runId, file, records: check.count, lastHash: check.lastHash, source: shard.label, reportSha256: sha256(shard.reportBytes) })
    }
    const first = ordered[0]!.report
    const manifest: MergeManifest = { schemaVersion: 1, runId: mergedId, config: first.config, shardCount: first.shard!.count, shards: entries }
    const manifestBytes = `${JSON.stringify(manifest, null, 2)}\n`
    writeFileSync(join(out, 'manifest.json'), manifestBytes)
    written.push(join(out, 'manifest.json'))
    const report = mergeReports(ordered.map((s) => s.report), {
      runId: mergedId,
      shards: entries.map(({ source: _s, reportSha256: _r, ...e }) => e),
      manifestSha256: sha256(manifestBytes),
    })
    return { report, manifest, outDir: out }
  } catch (error) {
    if (created) rmSync(out, { recursive: true, force: true })
    else for (const path of written) rmSync(path, { force: true })
    throw error
  }
}

function readShard(dir: string, rel: (p: string) => string): Shard {
  const label = rel(dir)
  let report: RunReport
  let reportBytes: Buffer
  try {
    ;({ report, bytes: reportBytes } = readRunReportWithBytes(join(dir, 'report.json')))
  } catch (error) {
    if (!RunReportError.isInstance(error)) throw error
    if (error.problem === 'missing') {
      const hint = existsSync(dir) ? 'it has no report.json' : 'no such directory'
      throw new ShardMergeError({ problem: 'not_a_run', dir, message: `${label}: not a vouch run directory (${hint})` })
    }
    throw new ShardMergeError({ problem: 'not_a_run', dir, message: `${label}/report.json: ${error.detail}`, cause: error })
  }
  if (!report.shard) throw new ShardMergeError({ problem: 'not_a_shard', dir, message: `${label}: run ${report.runId} was not run with --shard I/N; only shard runs can be merged` })
  if (report.shards) throw new ShardMergeError({ problem: 'not_a_shard', dir, message: `${label}: already a merged run` })
  if (!report.complete) {
    throw new ShardMergeError({ problem: 'incomplete', dir, message: `${label}: shard ${report.shard.index + 1}/${report.shard.count} did not complete (${report.error ?? 'stopped early'}); resume it with vouch eval --resume --run-id ${report.runId}` })
  }
  for (const s of report.suites) {
    if (!s.gatePolicy) {
      throw new ShardMergeError({ problem: 'not_a_run', dir, message: `${label}/report.json: suite "${s.name}" does not record its gate thresholds (written by an older vouch); re-run the shard` })
    }
  }
  const evidenceRel = report.evidence.path
  const evidencePath = resolve(dir, evidenceRel)
  if (isAbsolute(evidenceRel) || relative(dir, evidencePath).startsWith('..')) {
    throw new ShardMergeError({ problem: 'not_a_run', dir, message: `${label}/report.json: evidence.path must name a file inside the run directory` })
  }
  if (!existsSync(evidencePath)) throw new ShardMergeError({ problem: 'tampered', dir, message: `${label}: evidence ${evidenceRel} is missing` })
  return { dir, label, report, reportBytes, evidencePath }
}

const evaluatorsOf = (r: RunReport) => JSON.stringify(r.suites.map((s) => [s.name, s.evaluators.map((e) => `${e.name}@${e.version}#${e.configHash}`), s.datasets.map((d) => d.sha256)]))

function checkCompatible(shards: Shard[]): void {
  const [first] = shards
  const a = first!.report
  for (const shard of shards.slice(1)) {
    const b = shard.report
    const differ = (what: string, x: string, y: string) =>
      new ShardMergeError({ problem: 'config_mismatch', dir: shard.dir, message: `shards come from different ${what}: ${first!.label} has ${x}, ${shard.label} has ${y}; merge only shards of one run` })
    if (b.config.sha256 !== a.config.sha256) throw differ('configs', `config sha256 ${a.config.sha256.slice(0, 16)}…`, `${b.config.sha256.slice(0, 16)}…`)
    if (b.shard!.count !== a.shard!.count) throw differ('shard counts', `${a.shard!.count} shards`, `${b.shard!.count}`)
    if (evaluatorsOf(b) !== evaluatorsOf(a)) throw differ('suites, datasets or evaluators', a.suites.map((s) => s.name).join(', '), b.suites.map((s) => s.name).join(', '))
    if (a.git && b.git && a.git.commit !== b.git.commit) throw differ('git commits', a.git.commit.slice(0, 12), b.git.commit.slice(0, 12))
  }
  const count = a.shard!.count
  const byIndex = new Map<number, Shard[]>()
  for (const s of shards) byIndex.set(s.report.shard!.index, [...(byIndex.get(s.report.shard!.index) ?? []), s])
  for (const [index, list] of byIndex) {
    if (list.length > 1) {
      throw new ShardMergeError({ problem: 'duplicate_shard', dir: list[1]!.dir, message: `shard ${index + 1}/${count} given more than once: ${list.map((s) => s.label).join(', ')}` })
    }
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i))
  if (missing.length) {
    throw new ShardMergeError({ problem: 'missing_shard', message: `missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i + 1}/${count}`).join(', ')}: every shard of the run is needed for a complete report` })
  }
}

type Counts = StatusCounts & { scoreSum?: number }

/** The score sum a shard recorded; for older reports, recovered from its mean score. */
function scoreSumOf(c: Counts, meanScore: number, policy: GatePolicy): number {
  if (c.scoreSum !== undefined) return c.scoreSum
  const counted = c.total - (policy.allowErrors ? c.error : 0) - (policy.allowSkipped ? c.skipped : 0)
  return counted === 0 ? 0 : meanScore * counted
}

/** One Tally from several shards' counts. */
function sumTally(parts: { counts: Counts; scoreSum: number }[]): Tally {
  const t = new Tally()
  for (const { counts, scoreSum } of parts) {
    t.total += counts.total
    t.pass += counts.pass
    t.fail += counts.fail
    t.error += counts.error
    t.skipped += counts.skipped
    t.scoreSum += scoreSum
  }
  return t
}

/** Merge shard reports (sorted by shard index) into one: summed counts, recomputed gates, cases in dataset order. */
export function mergeReports(reports: RunReport[], { runId, shards, manifestSha256 }: { runId: string; shards: ShardEvidence[]; manifestSha256: string }): RunReport {
  const first = reports[0]!
  const withBaseline = reports.some((r) => r.baseline)
  const suites: SuiteReport[] = first.suites.map((s0) => {
    const parts = reports.map((r) => r.suites.find((s) => s.name === s0.name)!)
    const policy = s0.gatePolicy!
    const { evaluators: perEvaluator = {}, ...suitePolicy } = policy
    const policyOf = (name: string): GatePolicy => ({ ...suitePolicy, ...(perEvaluator[name] ?? {}) })
    const tallies = new Map<string, Tally>()
    const byEvaluator: SuiteReport['byEvaluator'] = s0.byEvaluator.map((e0) => {
      const own = policyOf(e0.name)
      const tally = sumTally(
        parts.map((p) => {
          const e = p.byEvaluator.find((x) => x.name === e0.name)!
          return { counts: e, scoreSum: scoreSumOf(e, e.meanScore, own) }
        }),
      )
      tallies.set(e0.name, tally)
      return { name: e0.name, version: e0.version, ...tally.counts(), passRate: tally.passRate(own), meanScore: tally.meanScore(own), scoreSum: tally.scoreSum }
    })
    // The suite tally is the sum of its evaluators' results.
    const suiteTally = sumTally(
      parts.map((p) => ({
        counts: p.counts,
        scoreSum: p.counts.scoreSum ?? p.byEvaluator.reduce((n, e) => n + scoreSumOf(e, e.meanScore, policyOf(e.name)), 0),
      })),
    )
    const counts = {
      ...suiteTally.counts(),
      cases: parts.reduce((n, p) => n + p.counts.cases, 0),
      failedCases: parts.reduce((n, p) => n + p.counts.failedCases, 0),
      scoreSum: suiteTally.scoreSum,
    }
    const checks: GateCheck[] = applyGate({ gate: policy, suite: suiteTally, evaluators: tallies })
    if (counts.cases === 0) checks.push({ scope: 'suite', metric: 'nonEmpty', threshold: 1, actual: 0, passed: false })
    const regressions: Regression[] = parts.flatMap((p) => p.regressions)
    if (withBaseline) checks.push({ scope: 'suite', metric: 'noRegressions', threshold: 0, actual: regressions.length, passed: regressions.length === 0 })
    const judgeParts = mergeJudgeParts(parts)
    if (judgeParts.check) checks.push(judgeParts.check)
    const cases: CaseRecord[] = parts.flatMap((p) => p.cases).sort((a, b) => a.dataset - b.dataset || a.row - b.row)
    const deltas = parts.some((p) => p.scoreDeltas) ? parts.flatMap((p) => p.scoreDeltas ?? []) : undefined
    const judged = parts.flatMap((p) => (p.judge ? [p.judge] : []))
    return {
      ...s0,
      datasets: s0.datasets.map((d, i) => ({ ...d, rows: parts.reduce((n, p) => n + (p.datasets[i]?.rows ?? 0), 0) })),
      counts,
      byEvaluator,
      gate: { passed: checks.every((c) => c.passed), checks },
      // Every shard reads the whole dataset, so each reports the same malformed rows: keep one copy.
      skippedRows: s0.skippedRows,
      cases,
      casesOmitted: parts.reduce((n, p) => n + p.casesOmitted, 0),
      regressions,
      fixed: parts.flatMap((p) => p.fixed),
      ...(deltas ? { scoreDeltas: deltas } : {}),
      ...(judgeParts.judges ? { judges: judgeParts.judges } : {}),
      ...(judged.length
        ? {
            judge: {
              calls: judged.reduce((n, j) => n + j.calls, 0),
              inputTokens: judged.reduce((n, j) => n + j.inputTokens, 0),
              outputTokens: judged.reduce((n, j) => n + j.outputTokens, 0),
            },
          }
        : {}),
    }
  })
  const passed = suites.every((s) => s.gate.passed)
  const baselines = reports.map((r) => r.baseline).filter((b) => b !== undefined)
  const regressions = suites.reduce((n, s) => n + s.regressions.length, 0)
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: first.tool,
    runId,
    startedAt: reports.map((r) => r.startedAt).sort()[0]!,
    finishedAt: reports.map((r) => r.finishedAt).sort().at(-1)!,
    complete: true,
    verdict: passed ? 'pass' : 'fail',
    exitCode: passed ? 0 : 1,
    ...(first.git ? { git: { commit: first.git.commit, dirty: reports.some((r) => r.git?.dirty) } } : {}),
    config: first.config,
    cassettes: first.cassettes,
    shards,
    suites,
    evidence: { path: 'manifest.json', lastHash: manifestSha256, count: shards.reduce((n, s) => n + s.records, 0) },
    ...(baselines.length
      ? {
          baseline: {
            path: baselines[0]!.path,
            runId: baselines[0]!.runId,
            regressions,
            fixed: suites.reduce((n, s) => n + s.fixed.length, 0),
            ...(suites.some((s) => s.scoreDeltas) ? { scoreDeltas: suites.reduce((n, s) => n + (s.scoreDeltas?.length ?? 0), 0) } : {}),
          },
        }
      : {}),
  }
}
