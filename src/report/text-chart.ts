import { deltaPoints, pct } from './format.js'

/**
 * Text charts for Markdown (GitHub renders no SVG in a step summary): aligned lines in a code
 * block, one per evaluator — name, pass rate, change against the baseline in percentage points,
 * and a bar of block characters.
 *
 *     output-range   66.7% ▼33.3  █████████████▍······
 *     pii            93.3%  ▼6.7  ██████████████████▋·
 */

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉']
const SPARKS = '▁▂▃▄▅▆▇█'

/** A bar of `width` cells for a rate in [0, 1], in eighths of a cell, padded with `·`. */
export function textBar(rate: number, width = 20): string {
  const eighths = Math.round(Math.max(0, Math.min(1, rate)) * width * 8)
  const full = Math.floor(eighths / 8)
  const part = EIGHTHS[eighths % 8]!
  return `${'█'.repeat(full)}${part}${'·'.repeat(width - full - (part ? 1 : 0))}`
}

/** One character per value in [0, 1] (`▁`…`█`), `·` where there is none. */
export function sparkline(values: readonly (number | undefined)[]): string {
  return values.map((v) => (v === undefined || !Number.isFinite(v) ? '·' : SPARKS[Math.min(7, Math.max(0, Math.floor(v * 8 - 1e-9)))]!)).join('')
}

export interface TextChartRow {
  label: string
  rate?: number
  baseline?: number
  /** In the baseline, even if nothing was counted there (`—` instead of `new`). */
  inBaseline?: boolean
}

/** The lines of a pass-rate chart (without the code fence); names are padded to align, not escaped (it goes in a code block). */
export function passRateTextChart(rows: readonly TextChartRow[], { width = 20 } = {}): string[] {
  const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f`]/g, ' ')
  const labels = rows.map((r) => clean([...r.label].slice(0, 32).join('')))
  const pad = Math.max(...labels.map((l) => [...l].length), 4)
  const deltas = rows.map((r) => (r.rate !== undefined && r.baseline !== undefined ? deltaPoints(r.rate, r.baseline).text : rows.some((x) => x.baseline !== undefined) ? (r.inBaseline ? '—' : 'new') : ''))
  const dpad = Math.max(0, ...deltas.map((d) => d.length))
  return rows.map((r, i) => {
    const label = labels[i]! + ' '.repeat(pad - [...labels[i]!].length)
    const value = (r.rate === undefined ? '—' : pct(r.rate)).padStart(6)
    const bar = r.rate === undefined ? 'all skipped' : textBar(r.rate, width)
    return `${label}  ${value}${dpad ? ` ${deltas[i]!.padStart(dpad)}` : ''}  ${bar}`.trimEnd()
  })
}
