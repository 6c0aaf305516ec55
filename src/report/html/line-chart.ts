import { escapeHtml as h } from './escape-html.js'
import { at, clip, COLORS, seriesStyle, svg, text } from './svg.js'

export interface LineSeries {
  name: string
  /** One value per run (x slot); undefined where the series has no value (a gap in the line). */
  values: readonly (number | undefined)[]
  /** Drawn thicker and dark (the suite's own line). */
  emphasis?: boolean
}

export interface LineMarker {
  /** The run (x slot) where the change first appears: drawn just before it. */
  at: number
  /** Short label over the line (`1`, `2`…); the full text is in its `<title>` and the legend under the chart. */
  label: string
  title: string
}

export interface LineChartOptions {
  title: string
  desc: string
  /** One label per run (x slot), e.g. a short date. */
  xLabels: readonly string[]
  /** Full description of each run for point tooltips. */
  xTitles: readonly string[]
  series: readonly LineSeries[]
  /** Version boundaries. */
  markers?: readonly LineMarker[]
  /** Value of the top of the axis (1 for rates and scores). */
  yMax?: number
  yFormat?: (v: number) => string
  /** A status per run drawn as a strip under the axis (gate verdicts); undefined where the run lacks the suite. */
  strip?: readonly ('pass' | 'fail' | 'error' | undefined)[]
  width?: number
  height?: number
}

const LEFT = 46
const RIGHT = 14
const TOP = 24
const MAX_X_LABELS = 12

/**
 * A line chart over runs in order (one x slot per run, labelled with its start time): one line per
 * series with a point per run (each point carries a tooltip), gaps where a series is absent,
 * dashed vertical lines at version boundaries numbered along the top, and optionally a strip of
 * gate verdicts under the axis. Series colours follow `seriesStyle(index)` so an HTML legend can match.
 */
export function lineChart(o: LineChartOptions): string {
  const width = o.width ?? 860
  const height = o.height ?? 260
  const yMax = o.yMax ?? 1
  const fmt = o.yFormat ?? ((v: number) => `${Math.round(v * 100)}%`)
  const stripH = o.strip ? 14 : 0
  const bottom = 28 + stripH
  const plotW = width - LEFT - RIGHT
  const plotH = height - TOP - bottom
  const n = Math.max(1, o.xLabels.length)
  const step = plotW / n
  const xOf = (i: number) => LEFT + (i + 0.5) * step
  const yOf = (v: number) => TOP + plotH - (Math.max(0, Math.min(yMax, v)) / yMax) * plotH
  const parts: string[] = []

  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    const y = yOf(t * yMax)
    parts.push(`<line x1="${LEFT}" y1="${at(y)}" x2="${width - RIGHT}" y2="${at(y)}" stroke="${t === 0 ? COLORS.muted : COLORS.grid}"/>`)
    parts.push(text(LEFT - 6, y + 4, fmt(t * yMax), 'class="muted small" text-anchor="end"'))
  }
  // Labels at most every `every` runs (about 75 px apart); the last run is labelled when it fits.
  const every = Math.max(Math.ceil(n / MAX_X_LABELS), Math.ceil(75 / step))
  o.xLabels.forEach((label, i) => {
    if (i % every !== 0 && i !== n - 1) return
    if (i === n - 1 && i % every !== 0 && ((n - 1) % every) * step < 75) return
    parts.push(`<line x1="${at(xOf(i))}" y1="${at(TOP + plotH)}" x2="${at(xOf(i))}" y2="${at(TOP + plotH + 4)}" stroke="${COLORS.muted}"/>`)
    parts.push(text(xOf(i), TOP + plotH + 16, label, 'class="muted small" text-anchor="middle"'))
  })
  for (const m of o.markers ?? []) {
    const x = LEFT + m.at * step
    parts.push(`<g class="marker"><title>${h(m.title)}</title>`)
    parts.push(`<line x1="${at(x)}" y1="${TOP - 6}" x2="${at(x)}" y2="${at(TOP + plotH)}" stroke="#7c3aed" stroke-width="1.5" stroke-dasharray="5 3"/>`)
    parts.push(`<rect x="${at(x - 9)}" y="${TOP - 22}" width="18" height="15" rx="7" fill="#7c3aed"/>`)
    parts.push(text(x, TOP - 11, m.label, 'class="small bold" text-anchor="middle" style="fill:#fff"'))
    parts.push('</g>')
  }
  o.series.forEach((s, si) => {
    const { color, dash } = s.emphasis ? { color: COLORS.ink, dash: '' } : seriesStyle(si - (o.series[0]?.emphasis ? 1 : 0))
    let d = ''
    let pen = false
    s.values.forEach((v, i) => {
      if (v === undefined || !Number.isFinite(v)) {
        pen = false
        return
      }
      d += `${pen ? 'L' : 'M'}${at(xOf(i))} ${at(yOf(v))}`
      pen = true
    })
    if (d) parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="${s.emphasis ? 3 : 2}"${dash ? ` stroke-dasharray="${dash}"` : ''} stroke-linejoin="round"/>`)
    s.values.forEach((v, i) => {
      if (v === undefined || !Number.isFinite(v)) return
      parts.push(`<circle cx="${at(xOf(i))}" cy="${at(yOf(v))}" r="${s.emphasis ? 3.5 : 2.8}" fill="${color}"><title>${h(`${s.name}: ${fmt(v)} — ${o.xTitles[i] ?? ''}`)}</title></circle>`)
    })
  })
  if (o.strip) {
    const y = height - stripH - 2
    o.strip.forEach((v, i) => {
      if (!v) return
      const w = Math.max(2, Math.min(step - 2, 18))
      parts.push(`<rect x="${at(xOf(i) - w / 2)}" y="${at(y)}" width="${at(w)}" height="10" rx="2" fill="${COLORS[v]}"><title>${h(`gate ${v} — ${o.xTitles[i] ?? ''}`)}</title></rect>`)
    })
    parts.push(text(LEFT - 6, y + 9, 'gate', 'class="muted small" text-anchor="end"'))
  }
  return svg({ width, height, title: o.title, desc: o.desc }, parts.join(''))
}

/** The HTML legend matching `lineChart`'s series colours. */
export function lineLegend(series: readonly LineSeries[]): string {
  const offset = series[0]?.emphasis ? 1 : 0
  return `<ul class="legend">${series
    .map((s, i) => {
      const { color, dash } = s.emphasis ? { color: COLORS.ink, dash: '' } : seriesStyle(i - offset)
      const sw = dash
        ? `<svg class="chart inline" width="22" height="8" viewBox="0 0 22 8" aria-hidden="true"><line x1="0" y1="4" x2="22" y2="4" stroke="${color}" stroke-width="2.5" stroke-dasharray="${dash}"/></svg>`
        : `<span class="sw" style="background:${color}${s.emphasis ? ';height:5px' : ''}"></span>`
      return `<li>${sw}${h(clip(s.name, 40))}</li>`
    })
    .join('')}</ul>`
}
