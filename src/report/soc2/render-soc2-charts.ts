import { pct } from '../format.js'
import { escapeHtml as h } from '../html/escape-html.js'
import { lineChart, lineLegend, type LineSeries } from '../html/line-chart.js'
import { at, clip, COLORS, dataTable, svg, text } from '../html/svg.js'
import { sparkline, textBar } from '../text-chart.js'
import type { ControlEvidence, ControlSection } from './collect-control-evidence.js'
import { perThousand, type TimelineBucket } from './control-timeline.js'

export interface CriterionFigures {
  control: string
  /** Σ covered / Σ population over the criterion's operations. */
  coverage?: number
  covered: number
  population: number
  decisions: number
  failing: number
  /** Failing (fail + error) per decision (pass + fail + error). */
  failureRate?: number
}

export function criterionFigures(c: ControlSection): CriterionFigures {
  let covered = 0
  let population = 0
  let decisions = 0
  let failing = 0
  for (const o of c.operations) {
    covered += o.covered
    population += o.population
    decisions += o.pass + o.fail + o.error
    failing += o.fail + o.error
  }
  return {
    control: c.control,
    ...(population > 0 ? { coverage: Math.min(1, covered / population) } : {}),
    covered,
    population,
    decisions,
    failing,
    ...(decisions > 0 ? { failureRate: failing / decisions } : {}),
  }
}

/** A round upper bound for the failure-rate axis: 1 %, 2 %, 5 %, 10 %, 20 %, 50 % or 100 %. */
const niceMax = (x: number) => [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1].find((m) => x <= m) ?? 1

const LABEL = 110
const BAR = 300
const GAP = 150
const ROW = 24

/**
 * Per criterion, two bars: coverage (cases or requests with a record, of those in scope; 0–100 %)
 * and failure rate (failing decisions; its own axis up to a round maximum so small rates show).
 */
export function criteriaChart(e: ControlEvidence): string {
  const rows = e.categories.flatMap((c) => c.controls.map(criterionFigures))
  if (rows.length === 0) return ''
  const fmax = niceMax(Math.max(0, ...rows.map((r) => r.failureRate ?? 0)))
  const width = LABEL + BAR + GAP + BAR + 70
  const height = 30 + rows.length * ROW
  const x1 = LABEL
  const x2 = LABEL + BAR + GAP
  const parts: string[] = [text(x1, 12, 'coverage (0–100%)', 'class="muted small"'), text(x2, 12, `failure rate (0–${pct(fmax)})`, 'class="muted small"')]
  rows.forEach((r, i) => {
    const y = 22 + i * ROW
    parts.push(`<g><title>${h(sentence(r))}</title>`)
    parts.push(text(x1 - 8, y + 15, clip(r.control, 14), 'text-anchor="end" class="bold"'))
    parts.push(`<rect x="${x1}" y="${y + 4}" width="${BAR}" height="14" rx="3" fill="${COLORS.track}"/>`)
    if (r.coverage !== undefined) parts.push(`<rect x="${x1}" y="${y + 4}" width="${at(r.coverage * BAR)}" height="14" rx="3" fill="${r.coverage >= 1 ? '#4e79a7' : '#d97706'}"/>`)
    parts.push(text(x1 + BAR + 8, y + 15, r.coverage === undefined ? '—' : pct(r.coverage), ''))
    parts.push(`<rect x="${x2}" y="${y + 4}" width="${BAR}" height="14" rx="3" fill="${COLORS.track}"/>`)
    if (r.failureRate !== undefined && r.failureRate > 0) parts.push(`<rect x="${x2}" y="${y + 4}" width="${at(Math.max(2, (r.failureRate / fmax) * BAR))}" height="14" rx="3" fill="${COLORS.fail}"/>`)
    parts.push(text(x2 + BAR + 8, y + 15, r.failureRate === undefined ? '—' : pct(r.failureRate), r.failing ? 'class="down"' : ''))
    parts.push('</g>')
  })
  const chart = svg({ width, height, title: 'Coverage and failure rate per Trust Services Criterion', desc: rows.map(sentence).join('. ') }, parts.join(''))
  const table = dataTable(
    'Coverage and failure rate as a table',
    ['criterion', 'covered', 'in scope', 'coverage', 'decisions', 'failing', 'failure rate'],
    rows.map((r) => [r.control, r.covered, r.population, r.coverage === undefined ? '—' : pct(r.coverage), r.decisions, r.failing, r.failureRate === undefined ? '—' : pct(r.failureRate)]),
  )
  return `<div class="chart-card">${chart}</div>${table}`
}

function sentence(r: CriterionFigures): string {
  return `${r.control}: coverage ${r.coverage === undefined ? 'unknown' : pct(r.coverage)} (${r.covered} of ${r.population}), failure rate ${r.failureRate === undefined ? 'none decided' : pct(r.failureRate)} (${r.failing} of ${r.decisions} decisions)`
}

export interface OverTime {
  by: 'week' | 'run'
  keys: string[]
  series: { control: string; buckets: (TimelineBucket | undefined)[] }[]
}

/** Weekly when the evidence spans two weeks or more, else per run when it holds two runs or more; undefined otherwise. */
export function overTime(e: ControlEvidence): OverTime | undefined {
  const controls = e.categories.flatMap((c) => c.controls)
  for (const by of ['week', 'run'] as const) {
    const buckets = controls.map((c) => ({ control: c.control, list: (by === 'week' ? c.timeline?.byWeek : c.timeline?.byRun) ?? [] }))
    const first = new Map<string, string>()
    for (const b of buckets.flatMap((x) => x.list)) if (!first.has(b.key) || b.from < first.get(b.key)!) first.set(b.key, b.from)
    if (first.size < 2) continue
    const keys = [...first.keys()].sort((a, b) => (by === 'week' ? a.localeCompare(b) : first.get(a)!.localeCompare(first.get(b)!) || a.localeCompare(b)))
    return { by, keys, series: buckets.map((x) => ({ control: x.control, buckets: keys.map((k) => x.list.find((b) => b.key === k)) })) }
  }
  return undefined
}

/** The over-time view: failures per 1,000 decisions per criterion, by week or by run. */
export function overTimeHtml(e: ControlEvidence): string {
  const t = overTime(e)
  if (!t) return ''
  const series: LineSeries[] = t.series.map((s) => ({ name: s.control, values: s.buckets.map((b) => (b ? perThousand(b) : undefined)) }))
  const max = Math.max(1, ...series.flatMap((s) => s.values.filter((v): v is number => v !== undefined)))
  const yMax = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].find((m) => max <= m) ?? 1000
  const labels = t.keys.map((k) => (t.by === 'week' ? `wk ${k.slice(5)}` : clip(k, 14)))
  const titles = t.keys.map((k) => (t.by === 'week' ? `week of ${k}` : `run ${k}`))
  const out = [`<section id="over-time"><h2>Over time: failures per 1,000 decisions, by ${t.by}</h2>`]
  out.push(`<p class="muted">A decision is one pass, fail or error record for a criterion (skipped records are not decisions). ${t.by === 'week' ? 'Weeks start on Monday (UTC).' : 'Runs in order of their first record.'}</p>`)
  out.push('<div class="chart-card wide">')
  out.push(lineChart({ title: `Failures per 1,000 decisions per criterion, by ${t.by}`, desc: series.map((s) => `${s.name}: ${s.values.map((v) => (v === undefined ? 'none' : v.toFixed(1))).join(', ')}`).join('. '), xLabels: labels, xTitles: titles, series, yMax, yFormat: (v) => String(Math.round(v * 10) / 10) }))
  out.push(lineLegend(series), '</div>')
  out.push(dataTable('Failures per 1,000 decisions as a table', [t.by, ...t.series.map((s) => s.control)], t.keys.map((k, i) => [titles[i]!, ...t.series.map((s) => { const b = s.buckets[i]; return b ? `${perThousand(b).toFixed(1)} (${b.failing}/${b.decisions})` : '—' })])))
  out.push('</section>')
  return out.join('\n')
}

/** Markdown: a coverage and failure-rate line per criterion (text bars), and the over-time view as sparklines. */
export function criteriaMarkdown(e: ControlEvidence): string[] {
  const rows = e.categories.flatMap((c) => c.controls.map(criterionFigures))
  if (rows.length === 0) return []
  const pad = Math.max(9, ...rows.map((r) => r.control.length))
  const out = ['```text', `${'criterion'.padEnd(pad)}  coverage                       failure rate`]
  for (const r of rows) {
    const cov = r.coverage === undefined ? '—'.padStart(6) : pct(r.coverage).padStart(6)
    const fail = r.failureRate === undefined ? '—' : pct(r.failureRate)
    out.push(`${r.control.replace(/[\u0000-\u001f`]/g, ' ').padEnd(pad)}  ${r.coverage === undefined ? '·'.repeat(20) : textBar(r.coverage)} ${cov}  ${fail.padStart(6)} (${r.failing}/${r.decisions})`)
  }
  out.push('```', '')
  const t = overTime(e)
  if (t) {
    out.push(`Failures per 1,000 decisions, by ${t.by} (${t.keys.length} ${t.by}s, ${t.by === 'week' ? `${t.keys[0]} to ${t.keys.at(-1)}` : 'oldest first'}):`, '', '```text')
    for (const s of t.series) {
      const values = s.buckets.map((b) => (b ? perThousand(b) : undefined))
      const max = Math.max(0, ...values.filter((v): v is number => v !== undefined))
      out.push(`${s.control.replace(/[\u0000-\u001f`]/g, ' ').padEnd(pad)}  ${sparkline(values.map((v) => (v === undefined ? undefined : max === 0 ? 0 : v / max)))}  latest ${values.at(-1)?.toFixed(1) ?? '—'}, max ${max.toFixed(1)}`)
    }
    out.push('```', '')
  }
  return out
}
