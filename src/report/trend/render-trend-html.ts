import { pct, short } from '../format.js'
import { escapeHtml as h } from '../html/escape-html.js'
import { htmlPage } from '../html/html-page.js'
import { lineChart, lineLegend, type LineMarker, type LineSeries } from '../html/line-chart.js'
import { at, CHART_CSS, COLORS, dataTable, svg, text } from '../html/svg.js'
import { describeChange, type TrendData, type TrendSuite } from './collect-trend.js'

export interface TrendMeta {
  generatedAt: string
  toolVersion: string
  problems: { file: string; reason: string }[]
}

/** `11-22 01:00` (UTC) from an ISO timestamp. */
export const shortTime = (iso: string) => (iso.length >= 16 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso)

/**
 * trend.html: one self-contained page (no script, no network) across runs, oldest first: per suite
 * the pass rate and mean score of the suite and of each evaluator as lines over the runs, the gate
 * verdict of every run under the axis, and numbered markers where the prompt, a rubric, an
 * evaluator, the model or a dataset changed; then the judge's usage per run and the runs table.
 */
export function renderTrendHtml(data: TrendData, meta: TrendMeta): string {
  const { runs } = data
  const out: string[] = ['<header>', '<h1>vouch trend</h1>']
  out.push(
    runs.length
      ? `<p class="muted">${runs.length} run${runs.length === 1 ? '' : 's'} from ${h(runs[0]!.startedAt)} to ${h(runs.at(-1)!.startedAt)} (ordered by start time, UTC) · ${data.suites.length} suite${data.suites.length === 1 ? '' : 's'} · generated ${h(meta.generatedAt)} by vouch ${h(meta.toolVersion)}</p>`
      : '<p>No runs.</p>',
  )
  if (meta.problems.length) {
    out.push(`<div class="warn"><strong>${meta.problems.length} report${meta.problems.length === 1 ? '' : 's'} could not be read and ${meta.problems.length === 1 ? 'is' : 'are'} left out:</strong><ul>`)
    for (const p of meta.problems.slice(0, 50)) out.push(`<li>${h(p.reason)}</li>`)
    out.push('</ul></div>')
  }
  out.push(`<nav class="muted">${[...data.suites.map((s) => `<a href="#suite-${h(anchor(s.name))}">${h(s.name)}</a>`), '<a href="#judge">Judge usage</a>', '<a href="#runs">Runs</a>'].join(' · ')}</nav>`, '</header>')
  const xLabels = runs.map((r) => shortTime(r.startedAt))
  const xTitles = runs.map((r) => `${r.runId}, ${r.startedAt}, ${r.verdict}`)
  for (const s of data.suites) out.push(suiteSection(s, xLabels, xTitles))
  out.push(judgeSection(data, xLabels, xTitles))
  out.push(runsSection(data))
  return htmlPage({ title: `vouch trend — ${runs.length} runs`, body: out.join('\n'), css: CHART_CSS + CSS })
}

const anchor = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_')

/** One numbered marker per run where something changed (several changes at one run share it). */
function markersOf(s: TrendSuite): { markers: LineMarker[]; legend: string } {
  const byRun = new Map<number, string[]>()
  for (const c of s.changes) byRun.set(c.run, [...(byRun.get(c.run) ?? []), describeChange(c)])
  const markers: LineMarker[] = []
  const items: string[] = []
  ;[...byRun].forEach(([run, lines], i) => {
    const label = String(i + 1)
    markers.push({ at: run, label, title: `Version change ${label}: ${lines.join('; ')}` })
    items.push(`<li><span class="mk">${label}</span> before run ${run + 1}: ${lines.map((l) => h(l)).join('; ')}</li>`)
  })
  return { markers, legend: items.length ? `<ol class="changes">${items.join('')}</ol>` : '<p class="muted">No prompt, rubric, evaluator, model or dataset change across these runs.</p>' }
}

function suiteSection(s: TrendSuite, allLabels: string[], allTitles: string[]): string {
  // The suite's charts have one slot per run that included the suite, so its lines are continuous.
  const slots = s.points.flatMap((p, i) => (p === null ? [] : [i]))
  const pick = <T,>(values: readonly T[]) => slots.map((i) => values[i]!)
  const xLabels = pick(allLabels)
  const xTitles = pick(allTitles)
  const { markers: atRuns, legend } = markersOf(s)
  const markers = atRuns.map((m) => ({ ...m, at: Math.max(0, slots.indexOf(m.at)) }))
  const strip = pick(s.points).map((p) => p?.gate)
  const ran = slots.length
  const rateSeries: LineSeries[] = [{ name: `${s.name} (suite)`, values: pick(s.points).map((p) => p?.passRate), emphasis: true }, ...s.evaluators.map((e) => ({ name: e.name, values: pick(e.points).map((p) => p?.passRate) }))]
  const scoreSeries: LineSeries[] = [{ name: `${s.name} (suite)`, values: pick(s.points).map((p) => p?.meanScore), emphasis: true }, ...s.evaluators.map((e) => ({ name: e.name, values: pick(e.points).map((p) => p?.meanScore) }))]
  const lastIdx = s.points.findLastIndex((p) => p !== null)
  const last = s.points[lastIdx]
  const describe = (what: string, series: LineSeries[], fmt: (v: number) => string) =>
    `${what} of suite ${s.name} over ${ran} run${ran === 1 ? '' : 's'}. ` +
    series.map((x) => `${x.name}: ${x.values.filter((v) => v !== undefined).map((v) => fmt(v!)).join(', ') || 'no values'}`).join('. ') +
    (s.changes.length ? `. Version changes: ${s.changes.map(describeChange).join('; ')}` : '')
  const out = [`<section id="suite-${h(anchor(s.name))}">`, `<h2>${h(s.name)} <span class="muted">${ran} run${ran === 1 ? '' : 's'}${last ? ` · latest ${last.passRate === undefined ? '—' : pct(last.passRate)} pass rate, gate ${h(last.gate)}` : ''}</span></h2>`]
  out.push('<h3>Version changes</h3>', legend)
  out.push('<div class="chart-card wide"><h4>Pass rate</h4>')
  out.push(lineChart({ title: `${s.name}: pass rate per run`, desc: describe('Pass rate', rateSeries, pct), xLabels, xTitles, series: rateSeries, markers, strip }))
  out.push(lineLegend(rateSeries), '</div>')
  out.push('<div class="chart-card wide"><h4>Mean score</h4>')
  out.push(lineChart({ title: `${s.name}: mean score per run`, desc: describe('Mean score', scoreSeries, (v) => v.toFixed(3)), xLabels, xTitles, series: scoreSeries, markers, yFormat: (v) => v.toFixed(2), height: 220 }))
  out.push(lineLegend(scoreSeries), '</div>')
  const rows = s.points.flatMap((p, i) => (p === null ? [] : [[String(i + 1), allTitles[i]!.split(',')[0]!, allLabels[i]!, p.gate, p.passRate === undefined ? '—' : pct(p.passRate), ...s.evaluators.map((e) => (e.points[i]?.passRate === undefined ? '—' : pct(e.points[i]!.passRate!)))]]))
  out.push(dataTable(`${s.name}: pass rates as a table`, ['#', 'run', 'started', 'gate', 'suite', ...s.evaluators.map((e) => e.name)], rows, { numericFrom: 4 }))
  out.push('</section>')
  return out.join('\n')
}

function judgeSection(data: TrendData, xLabels: string[], xTitles: string[]): string {
  const out = ['<section id="judge"><h2>LLM judge usage per run</h2>']
  const priced = data.runs.some((r) => r.judge.costUsd !== undefined)
  if (!data.runs.some((r) => r.judge.calls > 0)) {
    out.push('<p class="muted">No LLM-judge calls in these runs (no judge model configured, or judge criteria skipped).</p></section>')
    return out.join('\n')
  }
  const values = data.runs.map((r) => (priced ? (r.judge.costUsd ?? 0) : r.judge.inputTokens + r.judge.outputTokens))
  const fmt = (v: number) => (priced ? `$${v.toFixed(v < 1 ? 4 : 2)}` : v >= 10_000 ? `${Math.round(v / 1000)}k` : String(v))
  const width = 860
  const height = 180
  const left = 56
  const plotW = width - left - 14
  const plotH = height - 24 - 28
  const max = Math.max(...values, 1e-9)
  const step = plotW / Math.max(1, values.length)
  const parts: string[] = [`<line x1="${left}" y1="${24 + plotH}" x2="${width - 14}" y2="${24 + plotH}" stroke="${COLORS.muted}"/>`, text(left - 6, 24 + 4, fmt(max), 'class="muted small" text-anchor="end"'), text(left - 6, 24 + plotH + 4, fmt(0), 'class="muted small" text-anchor="end"')]
  values.forEach((v, i) => {
    const bh = v > 0 ? Math.max(2, (v / max) * plotH) : 0
    const w = Math.max(2, Math.min(step * 0.7, 36))
    const x = left + (i + 0.5) * step
    parts.push(`<rect x="${at(x - w / 2)}" y="${at(24 + plotH - bh)}" width="${at(w)}" height="${at(bh)}" fill="#4e79a7"><title>${h(`${xTitles[i]}: ${fmt(v)} (${data.runs[i]!.judge.calls} calls)`)}</title></rect>`)
  })
  const every = Math.ceil(values.length / 12)
  xLabels.forEach((l, i) => {
    if (i % every === 0) parts.push(text(left + (i + 0.5) * step, 24 + plotH + 16, l, 'class="muted small" text-anchor="middle"'))
  })
  const what = priced ? 'judge cost in USD' : 'judge tokens (input + output)'
  out.push(`<div class="chart-card wide"><h4>${h(what)}</h4>`)
  out.push(svg({ width, height, title: `${what} per run`, desc: data.runs.map((r, i) => `${r.runId}: ${fmt(values[i]!)}, ${r.judge.calls} calls`).join('; ') }, parts.join('')))
  out.push('</div>')
  if (!priced) out.push('<p class="muted">Pass <code>--judge-price IN,OUT</code> (USD per million input and output tokens) to show cost in dollars.</p>')
  return `${out.join('\n')}</section>`
}

function runsSection(data: TrendData): string {
  const priced = data.runs.some((r) => r.judge.costUsd !== undefined)
  const out = [
    '<section id="runs"><h2>Runs</h2>',
    `<table><thead><tr><th class="n">#</th><th>started (UTC)</th><th>run</th><th>verdict</th><th>commit</th><th>config</th><th class="n">judge calls</th><th class="n">judge tokens in / out</th>${priced ? '<th class="n">judge cost</th>' : ''}<th>report</th></tr></thead><tbody>`,
  ]
  data.runs.forEach((r, i) => {
    out.push(
      `<tr><td class="n">${i + 1}</td><td>${h(r.startedAt)}</td><td><code>${h(r.runId)}</code>${r.complete ? '' : ' <strong class="s-error">incomplete</strong>'}</td><td><span class="badge ${h(r.verdict)}">${h(r.verdict)}</span></td>` +
        `<td>${r.git ? `<code>${h(short(r.git.commit))}</code>${r.git.dirty ? ' (dirty)' : ''}` : '—'}</td><td><code>${h(short(r.configSha256, 8))}</code></td><td class="n">${r.judge.calls}</td><td class="n">${r.judge.inputTokens} / ${r.judge.outputTokens}</td>` +
        `${priced ? `<td class="n">$${(r.judge.costUsd ?? 0).toFixed(4)}</td>` : ''}<td><code>${h(r.source)}</code></td></tr>`,
    )
  })
  out.push('</tbody></table></section>')
  return out.join('\n')
}

const CSS = `
.chart-card.wide{margin:8px 0 12px;max-width:900px}
ol.changes{list-style:none;padding-left:0;margin:4px 0 10px}ol.changes li{margin:3px 0}
.mk{display:inline-block;min-width:18px;height:16px;border-radius:8px;background:#7c3aed;color:#fff;font-size:11px;font-weight:700;text-align:center;line-height:16px;margin-right:6px}
`
