import { escapeCodeCell, escapeMarkdown } from '../escape-markdown.js'
import { deltaPoints, pct, short } from '../format.js'
import { sparkline } from '../text-chart.js'
import { describeChange, type TrendData } from './collect-trend.js'
import { shortTime, type TrendMeta } from './render-trend-html.js'

/** Most runs drawn in a Markdown sparkline (the latest ones). */
const SPARK_RUNS = 40

/** Names, run ids and reasons come from configs and report files: no HTML or Markdown from them renders. */
const cell = escapeMarkdown

/** The trend as Markdown: runs, then per suite the version changes and a sparkline per evaluator with first and latest pass rate. */
export function renderTrendMarkdown(data: TrendData, meta: TrendMeta): string {
  const { runs } = data
  const out = [`# vouch trend — ${runs.length} run${runs.length === 1 ? '' : 's'}`, '']
  if (runs.length) out.push(`From ${runs[0]!.startedAt} to ${runs.at(-1)!.startedAt}, ordered by start time. Generated ${meta.generatedAt} by vouch ${meta.toolVersion}.`, '')
  for (const p of meta.problems) out.push(`> left out: ${cell(p.reason)}`)
  if (meta.problems.length) out.push('')
  const from = Math.max(0, runs.length - SPARK_RUNS)
  for (const s of data.suites) {
    out.push(`## ${cell(s.name)}`, '')
    const byRun = new Map<number, string[]>()
    for (const c of s.changes) byRun.set(c.run, [...(byRun.get(c.run) ?? []), describeChange(c)])
    if (byRun.size) {
      out.push('Version changes:', '')
      for (const [run, lines] of byRun) out.push(`- before run ${run + 1} (\`${escapeCodeCell(runs[run]!.runId)}\`, ${shortTime(runs[run]!.startedAt)}): ${cell(lines.join('; '))}`)
      out.push('')
    }
    const marks = runs.map((_, i) => (byRun.has(i) ? '|' : ' ')).slice(from).join('')
    out.push(`| evaluator | pass rate over runs${from ? ` (last ${SPARK_RUNS})` : ''} | first | latest | change |`, '| --- | --- | --- | --- | --- |')
    const rows = [{ name: `${s.name} (suite)`, values: s.points.map((p) => p?.passRate) }, ...s.evaluators.map((e) => ({ name: e.name, values: e.points.map((p) => p?.passRate) }))]
    for (const r of rows) {
      const present = r.values.filter((v): v is number => v !== undefined)
      const first = present[0]
      const last = present.at(-1)
      const d = first !== undefined && last !== undefined ? deltaPoints(last, first).text : '—'
      out.push(`| ${cell(r.name)} | \`${sparkline(r.values.slice(from))}\` | ${first === undefined ? '—' : pct(first)} | ${last === undefined ? '—' : pct(last)} | ${d} |`)
    }
    if (byRun.size) out.push(`| *version changes* | \`${marks}\` | | | |`)
    out.push('', `Gate per run: ${s.points.slice(from).map((p) => (p === null ? '·' : p.gate === 'pass' ? '✅' : '❌')).join('')}`, '')
  }
  out.push('## Runs', '', '| # | started | run | verdict | commit | judge calls | judge tokens in/out |' + (runs.some((r) => r.judge.costUsd !== undefined) ? ' cost |' : ''), '| --- | --- | --- | --- | --- | --- | --- |' + (runs.some((r) => r.judge.costUsd !== undefined) ? ' --- |' : ''))
  runs.forEach((r, i) => {
    out.push(
      `| ${i + 1} | ${r.startedAt} | \`${escapeCodeCell(r.runId)}\` | ${r.verdict} | ${r.git ? `\`${short(r.git.commit)}\`` : '—'} | ${r.judge.calls} | ${r.judge.inputTokens} / ${r.judge.outputTokens} |` +
        (r.judge.costUsd !== undefined ? ` $${r.judge.costUsd.toFixed(4)} |` : ''),
    )
  })
  return `${out.join('\n')}\n`
}
