import type { PassRateRow } from '../pass-rate-rows.js'
import { escapeHtml as h } from './escape-html.js'
import { deltaPoints, pct } from '../format.js'
import { at, clip, COLORS, dataTable, svg, text } from './svg.js'

const ROW = 26
const LABEL_W = 190
const TRACK_W = 360
const VALUE_W = 220
const TOP = 22

/**
 * Horizontal pass-rate bars, one per row, 0–100 %: the bar is green at 100 %, red below when a
 * result failed or errored; a dark tick marks the baseline's rate and the change in percentage
 * points is written beside the value (`66.7%  ▼33.3 pts`). Rows with nothing counted show a grey
 * “all skipped” track. Returns the SVG and its data table.
 */
export function passRateBars(rows: readonly PassRateRow[], { title, baselineName }: { title: string; baselineName?: string }): string {
  const width = LABEL_W + TRACK_W + VALUE_W
  const height = TOP + rows.length * ROW + 6
  const x0 = LABEL_W
  const scale = (r: number) => x0 + r * TRACK_W
  const parts: string[] = []
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${at(scale(tick))}" y1="${TOP - 4}" x2="${at(scale(tick))}" y2="${height - 4}" stroke="${COLORS.grid}"/>`)
    parts.push(text(scale(tick), TOP - 8, `${tick * 100}%`, `class="muted small" text-anchor="${tick === 0 ? 'start' : tick === 1 ? 'end' : 'middle'}"`))
  }
  rows.forEach((row, i) => {
    const y = TOP + i * ROW
    const mid = y + ROW / 2
    const tip = rowSentence(row, baselineName)
    parts.push(`<g><title>${h(tip)}</title>`)
    parts.push(text(x0 - 8, mid + 4, clip(row.label, 26), 'text-anchor="end"'))
    parts.push(`<rect x="${x0}" y="${at(y + 5)}" width="${TRACK_W}" height="${ROW - 10}" rx="3" fill="${COLORS.track}"/>`)
    if (row.rate !== undefined) {
      const color = row.fail + row.error === 0 ? COLORS.pass : row.gateFailed === false ? '#d97706' : COLORS.fail
      parts.push(`<rect x="${x0}" y="${at(y + 5)}" width="${at(Math.max(row.rate * TRACK_W, row.rate > 0 ? 2 : 0))}" height="${ROW - 10}" rx="3" fill="${color}"/>`)
    } else {
      parts.push(text(x0 + 8, mid + 4, 'all skipped', 'class="muted small"'))
    }
    if (row.baseline !== undefined) {
      const bx = scale(row.baseline)
      parts.push(`<line x1="${at(bx)}" y1="${at(y + 1)}" x2="${at(bx)}" y2="${at(y + ROW - 1)}" stroke="${COLORS.ink}" stroke-width="2.5"/>`)
      parts.push(`<path d="M${at(bx - 4)} ${at(y)}h8l-4 5z" fill="${COLORS.ink}"/>`)
    }
    const value = row.rate === undefined ? '—' : pct(row.rate)
    parts.push(text(x0 + TRACK_W + 10, mid + 4, value, 'class="bold"'))
    if (row.rate !== undefined && row.baseline !== undefined) {
      const d = deltaPoints(row.rate, row.baseline)
      parts.push(text(x0 + TRACK_W + 68, mid + 4, `${d.text} pts`, `class="${d.sign > 0 ? 'up' : d.sign < 0 ? 'down' : 'muted'}"`))
      parts.push(text(x0 + TRACK_W + 140, mid + 4, `was ${pct(row.baseline)}`, 'class="muted small"'))
    } else if (baselineName !== undefined) {
      parts.push(text(x0 + TRACK_W + 68, mid + 4, row.inBaseline ? 'baseline: all skipped' : 'not in baseline', 'class="muted small"'))
    }
    parts.push('</g>')
  })
  const desc = rows.map((r) => rowSentence(r, baselineName)).join('. ')
  const chart = svg({ width, height, title, desc }, parts.join(''))
  const table = dataTable(
    'Pass rates as a table',
    ['evaluator', 'pass', 'fail', 'error', 'skipped', 'pass rate', ...(baselineName !== undefined ? ['baseline', 'change (pts)'] : [])],
    rows.map((r) => [
      r.label,
      r.pass,
      r.fail,
      r.error,
      r.skipped,
      r.rate === undefined ? '—' : pct(r.rate),
      ...(baselineName !== undefined ? [r.baseline === undefined ? '—' : pct(r.baseline), r.rate !== undefined && r.baseline !== undefined ? deltaPoints(r.rate, r.baseline).text : '—'] : []),
    ]),
  )
  return chart + table
}

function rowSentence(r: PassRateRow, baselineName: string | undefined): string {
  const counts = `${r.pass} pass, ${r.fail} fail, ${r.error} error, ${r.skipped} skipped`
  const now = r.rate === undefined ? `${r.label}: nothing counted (${counts})` : `${r.label}: ${pct(r.rate)} pass rate (${counts})`
  if (baselineName === undefined) return now
  if (r.baseline === undefined) return `${now}; ${r.inBaseline ? 'nothing counted in the baseline (all skipped)' : 'not in the baseline'}`
  const d = r.rate === undefined ? '' : `, ${deltaPoints(r.rate, r.baseline).text} points`
  return `${now}; baseline ${pct(r.baseline)}${d}`
}
