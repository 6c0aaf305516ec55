import type { GateCheck, RunReport, SuiteReport } from '../runner/run-report.js'
import { escapeMarkdown } from './escape-markdown.js'
import { judgeLines } from './judge-lines.js'
import { describeFailures, num, pct, rateCells, short } from './format.js'
import type { Reporter } from './reporter.js'

/** `summary.md`: what a change approval needs — verdict, tables, failures with reasons, every version, the evidence hash. */
export const markdownReporter: Reporter = {
  name: 'markdown',
  file: 'summary.md',
  description: 'summary.md — for the change approval (also appended to $GITHUB_STEP_SUMMARY)',
  render: renderMarkdown,
}

const icon = { pass: '✅', fail: '❌', error: '⚠️' } as const
const cell = escapeMarkdown

export function renderMarkdown(report: RunReport): string {
  const out: string[] = []
  out.push(`# vouch ${icon[report.verdict]} ${report.verdict.toUpperCase()} — run \`${report.runId}\``, '')
  if (!report.complete) out.push(`> **The run did not complete:** ${cell(report.error ?? 'unknown error')}. The evidence log holds every case that finished.`, '')
  const regressions = report.suites.flatMap((s) => s.regressions)
  if (regressions.length) {
    out.push(`## Regressions against the baseline (${regressions.length})`, '')
    out.push('| suite | case | evaluator | before | after | reason |', '| --- | --- | --- | --- | --- | --- |')
    for (const r of regressions) out.push(`| ${r.suite} | ${cell(r.caseId)} | ${r.evaluator} | ${r.before} (${num(r.scoreBefore)}) | ${r.after} (${num(r.scoreAfter)}) | ${cell(r.reason)} |`)
    out.push('')
  }
  if (report.baseline) out.push(...baselineLines(report))
  out.push('| suite | verdict | cases | results | pass | fail | error | skipped |', '| --- | --- | --- | --- | --- | --- | --- | --- |')
  for (const s of report.suites) {
    out.push(`| ${s.name} | ${s.gate.passed ? '✅ pass' : '❌ fail'} | ${s.counts.cases} | ${s.counts.total} | ${s.counts.pass} | ${s.counts.fail} | ${s.counts.error} | ${s.counts.skipped} |`)
  }
  out.push('')
  for (const s of report.suites) out.push(...suiteSection(s))
  out.push('## Versions', '')
  out.push(`- vouch ${report.tool.version}; config \`${report.config.file}\` sha256 \`${short(report.config.sha256, 16)}\``)
  if (report.git) out.push(`- git commit \`${report.git.commit}\`${report.git.dirty ? ' (**dirty working tree**)' : ''}`)
  out.push(`- model calls: ${report.cassettes === 'replay' ? 'replayed from cassettes' : report.cassettes === 'record' ? 'live, recorded to cassettes' : 'live (no cassettes)'}`)
  if (report.shard) out.push(`- shard ${report.shard.index + 1}/${report.shard.count}`)
  for (const s of report.suites) {
    out.push(`- **${s.name}**: prompt ${s.prompt ? `\`${s.prompt.id}@${s.prompt.version}\` (${short(s.prompt.sha256)})` : '—'}; model ${s.model ? `\`${s.model.provider}:${s.model.id}\`` : '—'}`)
    if (s.judge) out.push(`  - LLM judge: ${s.judge.calls} calls, ${s.judge.inputTokens} input and ${s.judge.outputTokens} output tokens`)
    for (const d of s.datasets) out.push(`  - dataset \`${d.path}\` sha256 \`${short(d.sha256, 16)}\`, ${d.rows} rows${d.skippedRows ? `, **${d.skippedRows} skipped as malformed**` : ''}`)
    for (const e of s.evaluators) {
      out.push(`  - evaluator \`${e.name}@${e.version}\` config \`${short(e.configHash)}\`${e.rubric ? `, rubric \`${e.rubric.id}@${e.rubric.version}\` (${short(e.rubric.sha256)})` : ''}${e.owner ? `, owner ${e.owner}` : ''}${e.controls?.length ? `, controls ${e.controls.join(', ')}` : ''}`)
    }
  }
  out.push('', '## Evidence', '')
  if (report.shards?.length) {
    out.push(`Merged from ${report.shards.length} shards, one hash chain each (\`${report.evidence.path}\` sha256 \`${report.evidence.lastHash}\`, ${report.evidence.count} records):`, '')
    out.push('| shard | run | evidence | records | last hash |', '| --- | --- | --- | --- | --- |')
    for (const sh of report.shards) out.push(`| ${sh.index + 1}/${sh.count} | \`${sh.runId}\` | \`${sh.file}\` | ${sh.records} | \`${sh.lastHash}\` |`)
    out.push('', 'Verify each with `vouch verify FILE --expect-last-hash HASH --expect-count N` in the merged directory.', '')
    return `${out.join('\n')}\n`
  }
  out.push(`\`${report.evidence.path}\`: ${report.evidence.count} records, last hash \`${report.evidence.lastHash}\`.`)
  out.push(`Verify with \`vouch verify ${report.evidence.path}\` in the run directory.`, '')
  return `${out.join('\n')}\n`
}

function checkLine(c: GateCheck): string {
  const value = (x: number) => (c.metric === 'minPassRate' ? pct(x) : num(x))
  const op = c.metric === 'maxFailures' || c.metric === 'noRegressions' || c.metric === 'judgeRan' ? '≤' : '≥'
  const actual = c.metric === 'maxFailures' ? describeFailures(c) : value(c.actual)
  const metric = c.metric === 'judgeRan' ? 'judge criteria not run (requireJudge)' : c.metric
  return `${c.passed ? '✅' : '❌'} ${c.scope} ${metric}: ${actual} (needs ${op} ${value(c.threshold)})`
}

function suiteSection(s: SuiteReport): string[] {
  const out = [`## ${s.name} ${s.gate.passed ? '✅' : '❌'}`, '']
  if (s.description) out.push(s.description, '')
  out.push('Gate:', '', ...s.gate.checks.map((c) => `- ${checkLine(c)}`), '')
  out.push('| evaluator | version | pass | fail | error | skipped | pass rate | mean score |', '| --- | --- | --- | --- | --- | --- | --- | --- |')
  for (const e of s.byEvaluator) out.push(`| ${e.name} | ${e.version} | ${e.pass} | ${e.fail} | ${e.error} | ${e.skipped} | ${rateCells(e).join(' | ')} |`)
  out.push('')
  out.push(...judgeLines(s))
  if (s.skippedRows.length) {
    out.push(`Skipped malformed rows (${s.skippedRows.length}):`, '')
    for (const r of s.skippedRows.slice(0, 50)) out.push(`- \`${r.file}${r.line ? `:${r.line}` : ''}\`${r.field ? ` field \`${r.field}\`` : ''}: ${cell(r.detail)}`)
    out.push('')
  }
  const failures = s.cases.flatMap((c) => c.results.filter((r) => r.status === 'fail' || r.status === 'error').map((r) => ({ c, r })))
  const skipped = new Map<string, number>()
  for (const c of s.cases) for (const r of c.results) if (r.status === 'skipped') skipped.set(`${r.evaluator}: ${r.reason}`, (skipped.get(`${r.evaluator}: ${r.reason}`) ?? 0) + 1)
  if (skipped.size) {
    out.push(`Skipped results (${s.counts.skipped}${s.gatePolicy?.allowSkipped ? ', allowed by the gate' : ', counted as failures by the gate'}):`, '')
    for (const [reason, n] of [...skipped].slice(0, 20)) out.push(`- ${n}× ${cell(reason)}`)
    out.push('')
  }
  if (failures.length) {
    out.push(`Failures (${failures.length}${s.casesOmitted ? `; ${s.casesOmitted} cases not listed in the report, all in the evidence log` : ''}):`, '')
    out.push('| case | evaluator | status | score | policy | reason |', '| --- | --- | --- | --- | --- | --- |')
    for (const { c, r } of failures.slice(0, 200)) out.push(`| ${cell(c.caseId)} | ${r.evaluator} | ${r.status} | ${num(r.score)} | ${r.policyId ?? ''} | ${cell(r.reason)} |`)
    if (failures.length > 200) out.push('', `…and ${failures.length - 200} more in report.json.`)
    out.push('')
  }
  if (s.fixed.length) out.push(`Fixed since the baseline: ${s.fixed.length} results.`, '')
  return out
}

/** Baseline comparison after the regressions: the counts, fixed cases and the largest score changes. */
function baselineLines(report: RunReport): string[] {
  const b = report.baseline!
  const fixed = report.suites.flatMap((s) => s.fixed)
  const deltas = report.suites.flatMap((s) => s.scoreDeltas ?? [])
  const known = report.suites.some((s) => s.scoreDeltas !== undefined)
  const regressions = report.suites.reduce((n, s) => n + s.regressions.length, 0)
  const out = [`Baseline \`${b.runId}\` (\`${b.path}\`): ${regressions} new failures, ${fixed.length} fixed${known ? `, ${deltas.length} score changes` : ''}.`, '']
  if (fixed.length) {
    out.push(`### Fixed since the baseline (${fixed.length})`, '', '| suite | case | evaluator | before | after |', '| --- | --- | --- | --- | --- |')
    for (const r of fixed.slice(0, 100)) out.push(`| ${r.suite} | ${cell(r.caseId)} | ${r.evaluator} | ${r.before} (${num(r.scoreBefore)}) | ${r.after} (${num(r.scoreAfter)}) |`)
    if (fixed.length > 100) out.push('', `…and ${fixed.length - 100} more in report.json.`)
    out.push('')
  }
  if (deltas.length) {
    const sorted = [...deltas].sort((a, b) => a.scoreAfter - a.scoreBefore - (b.scoreAfter - b.scoreBefore))
    out.push(`### Score changes (${deltas.length}, largest drops first)`, '', '| suite | case | evaluator | before | after | Δ |', '| --- | --- | --- | --- | --- | --- |')
    for (const r of sorted.slice(0, 50)) {
      const d = r.scoreAfter - r.scoreBefore
      out.push(`| ${r.suite} | ${cell(r.caseId)} | ${r.evaluator} | ${num(r.scoreBefore)} | ${num(r.scoreAfter)} | ${d > 0 ? '+' : ''}${num(d)} |`)
    }
    if (sorted.length > 50) out.push('', `…and ${sorted.length - 50} more in report.json.`)
    out.push('')
  }
  return out
}
