import type { RunReport, SuiteReport } from '../../runner/run-report.js'

/** One run in the trend, in start-time order. */
export interface TrendRun {
  runId: string
  startedAt: string
  finishedAt: string
  verdict: RunReport['verdict']
  complete: boolean
  /** Where the report was read from (as displayed). */
  source: string
  git?: { commit: string; dirty: boolean }
  configSha256: string
  toolVersion: string
  judge: { calls: number; inputTokens: number; outputTokens: number; costUsd?: number }
}

/** An evaluator's or a suite's figures in one run. Rates are absent when nothing was counted (all skipped). */
export interface TrendPoint {
  pass: number
  fail: number
  error: number
  skipped: number
  passRate?: number
  meanScore?: number
}

export interface TrendEvaluator {
  name: string
  /** One entry per run (index into `runs`); null where this suite or evaluator did not run. */
  points: ((TrendPoint & { version: string }) | null)[]
}

/** A change between two consecutive runs of a suite that can explain a move in its figures. */
export interface VersionChange {
  /** Index of the first run with the new version. */
  run: number
  kind: 'prompt' | 'rubric' | 'evaluator' | 'model' | 'dataset'
  /** The prompt id, evaluator name, dataset path or `model`. */
  subject: string
  from?: string
  to?: string
}

export interface TrendSuite {
  name: string
  /** Per run: the suite's own figures and gate, or null when the run did not include the suite. */
  points: ((TrendPoint & { gate: 'pass' | 'fail' }) | null)[]
  /** Evaluators matched by name across runs, in first-seen order. */
  evaluators: TrendEvaluator[]
  changes: VersionChange[]
}

export interface TrendData {
  runs: TrendRun[]
  suites: TrendSuite[]
}

export interface JudgePrice {
  /** USD per million input tokens. */
  input: number
  /** USD per million output tokens. */
  output: number
}

const rates = (c: { pass: number; fail: number; error: number }, scoreSum: number | undefined, scored: number): Pick<TrendPoint, 'passRate' | 'meanScore'> => {
  const counted = c.pass + c.fail + c.error
  return {
    ...(counted > 0 ? { passRate: c.pass / counted } : {}),
    ...(scored > 0 && scoreSum !== undefined ? { meanScore: scoreSum / scored } : {}),
  }
}

/**
 * Line runs up in start-time order (run id breaks ties) and follow each suite and evaluator across
 * them. Evaluators are matched by name, so runs from different config versions line up; a change
 * of prompt, rubric, evaluator version, model or dataset between consecutive runs of a suite is
 * recorded as a version boundary. Only aggregates are kept, never cases.
 */
export function collectTrend(reports: readonly { report: RunReport; source: string }[], { judgePrice }: { judgePrice?: JudgePrice } = {}): TrendData {
  const ordered = [...reports].sort((a, b) => a.report.startedAt.localeCompare(b.report.startedAt) || a.report.runId.localeCompare(b.report.runId))
  const runs: TrendRun[] = ordered.map(({ report: r, source }) => {
    const judge = { calls: 0, inputTokens: 0, outputTokens: 0 }
    for (const s of r.suites) {
      judge.calls += s.judge?.calls ?? 0
      judge.inputTokens += s.judge?.inputTokens ?? 0
      judge.outputTokens += s.judge?.outputTokens ?? 0
    }
    return {
      runId: r.runId,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      verdict: r.verdict,
      complete: r.complete,
      source,
      ...(r.git ? { git: { commit: r.git.commit, dirty: r.git.dirty } } : {}),
      configSha256: r.config.sha256,
      toolVersion: r.tool.version,
      judge: judgePrice ? { ...judge, costUsd: (judge.inputTokens * judgePrice.input + judge.outputTokens * judgePrice.output) / 1e6 } : judge,
    }
  })

  const suites = new Map<string, TrendSuite & { last?: SuiteReport }>()
  ordered.forEach(({ report }, i) => {
    for (const s of report.suites) {
      let t = suites.get(s.name)
      if (!t) suites.set(s.name, (t = { name: s.name, points: new Array(ordered.length).fill(null), evaluators: [], changes: [] }))
      const scored = s.counts.pass + s.counts.fail
      const scoreSum = s.counts.scoreSum ?? s.byEvaluator.reduce((n, e) => n + (e.scoreSum ?? e.meanScore * (e.pass + e.fail)), 0)
      t.points[i] = { pass: s.counts.pass, fail: s.counts.fail, error: s.counts.error, skipped: s.counts.skipped, ...rates(s.counts, scoreSum, scored), gate: s.gate.passed ? 'pass' : 'fail' }
      for (const e of s.byEvaluator) {
        let te = t.evaluators.find((x) => x.name === e.name)
        if (!te) t.evaluators.push((te = { name: e.name, points: new Array(ordered.length).fill(null) }))
        const eScored = e.pass + e.fail
        te.points[i] = { pass: e.pass, fail: e.fail, error: e.error, skipped: e.skipped, ...rates(e, e.scoreSum ?? e.meanScore * eScored, eScored), version: e.version }
      }
      if (t.last) t.changes.push(...versionChanges(t.last, s, i))
      t.last = s
    }
  })
  return { runs, suites: [...suites.values()].map(({ last: _last, ...t }) => t) }
}

const ref = (r: { id: string; version: string } | undefined) => (r ? `${r.id}@${r.version}` : undefined)
const withSha = (label: string | undefined, sha: string | undefined, other: string | undefined) =>
  label !== undefined && sha !== undefined && sha !== other ? `${label} (${sha.slice(0, 8)})` : label

/** What changed in a suite's versions between two consecutive runs of it. */
export function versionChanges(before: SuiteReport, after: SuiteReport, run: number): VersionChange[] {
  const out: VersionChange[] = []
  const push = (kind: VersionChange['kind'], subject: string, from: string | undefined, to: string | undefined) =>
    out.push({ run, kind, subject, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) })
  const pa = before.prompt
  const pb = after.prompt
  if (ref(pa) !== ref(pb) || pa?.sha256 !== pb?.sha256) {
    // An edit without a version bump shows as the same version with a different sha256.
    const same = ref(pa) === ref(pb)
    const label = (p: typeof pa) => (p && pa?.id === pb?.id ? p.version : ref(p))
    push('prompt', pb?.id ?? pa?.id ?? 'prompt', same ? withSha(label(pa), pa?.sha256, '') : label(pa), same ? withSha(label(pb), pb?.sha256, '') : label(pb))
  }
  const model = (s: SuiteReport) => (s.model ? `${s.model.provider}:${s.model.id}` : undefined)
  if (model(before) !== model(after)) push('model', 'model', model(before), model(after))
  const datasets = (s: SuiteReport) => new Map(s.datasets.map((d) => [d.path, d.sha256]))
  const da = datasets(before)
  const db = datasets(after)
  for (const [path, sha] of db) if (da.get(path) !== sha) push('dataset', path, da.has(path) ? da.get(path)!.slice(0, 8) : undefined, sha.slice(0, 8))
  for (const [path, sha] of da) if (!db.has(path)) push('dataset', path, sha.slice(0, 8), undefined)
  for (const eb of after.evaluators) {
    const ea = before.evaluators.find((x) => x.name === eb.name)
    if (!ea) {
      push('evaluator', eb.name, undefined, eb.version)
      continue
    }
    if (ea.version !== eb.version) push('evaluator', eb.name, ea.version, eb.version)
    if (ref(ea.rubric) !== ref(eb.rubric) || ea.rubric?.sha256 !== eb.rubric?.sha256) {
      const same = ref(ea.rubric) === ref(eb.rubric)
      const label = (r: typeof ea.rubric) => (r && ea.rubric?.id === eb.rubric?.id ? r.version : ref(r))
      push('rubric', eb.rubric?.id ?? ea.rubric?.id ?? eb.name, same ? withSha(label(ea.rubric), ea.rubric?.sha256, '') : label(ea.rubric), same ? withSha(label(eb.rubric), eb.rubric?.sha256, '') : label(eb.rubric))
    }
  }
  for (const ea of before.evaluators) if (!after.evaluators.some((x) => x.name === ea.name)) push('evaluator', ea.name, ea.version, undefined)
  return out
}

/** `prompt support-assistant: 2.1.0 → 2.2.0`, `evaluator pii added (1.1.0)`. */
export function describeChange(c: VersionChange): string {
  if (c.from === undefined) return `${c.kind} ${c.subject} added${c.to ? ` (${c.to})` : ''}`
  if (c.to === undefined) return `${c.kind} ${c.subject} removed (was ${c.from})`
  return `${c.kind} ${c.subject}: ${c.from} → ${c.to}`
}
