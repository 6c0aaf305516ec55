import { at, COLORS, svg, text } from './svg.js'

/** Score bins: [0, 0.1), [0.1, 0.2) … [0.9, 1.0]. */
export const BINS = 10

/** Count scores into `BINS` equal bins over [0, 1] (the last bin holds 1.0; out-of-range scores are clamped). */
export function binScores(scores: Iterable<number>): number[] {
  const bins = new Array<number>(BINS).fill(0)
  for (const s of scores) {
    if (!Number.isFinite(s)) continue
    const i = Math.min(BINS - 1, Math.max(0, Math.floor(s * BINS)))
    bins[i]!++
  }
  return bins
}

export const binLabel = (i: number) => `${(i / BINS).toFixed(1)}–${((i + 1) / BINS).toFixed(1)}`

const W = 230
const H = 104
const LEFT = 8
const BOTTOM = 20
const TOP = 16

/**
 * A small histogram of one evaluator's scores over [0, 1]. Non-empty bins are at least 2 px tall
 * and carry their count, so one low score among hundreds of 1.0s still shows.
 */
export function scoreHistogram(name: string, bins: readonly number[]): string {
  const total = bins.reduce((a, b) => a + b, 0)
  const max = Math.max(1, ...bins)
  const plotW = W - 2 * LEFT
  const plotH = H - TOP - BOTTOM
  const bw = plotW / bins.length
  const parts: string[] = [`<line x1="${LEFT}" y1="${H - BOTTOM}" x2="${W - LEFT}" y2="${H - BOTTOM}" stroke="${COLORS.muted}"/>`]
  bins.forEach((n, i) => {
    if (n === 0) return
    const bh = Math.max(2, (n / max) * plotH)
    const x = LEFT + i * bw
    const color = i === bins.length - 1 ? COLORS.pass : i >= bins.length / 2 ? '#d97706' : COLORS.fail
    parts.push(`<rect x="${at(x + 1)}" y="${at(H - BOTTOM - bh)}" width="${at(bw - 2)}" height="${at(bh)}" fill="${color}"><title>${binLabel(i)}: ${n}</title></rect>`)
    parts.push(text(x + bw / 2, H - BOTTOM - bh - 3, String(n), 'class="small" text-anchor="middle"'))
  })
  parts.push(text(LEFT, H - 5, '0', 'class="muted small"'))
  parts.push(text(W / 2, H - 5, '0.5', 'class="muted small" text-anchor="middle"'))
  parts.push(text(W - LEFT, H - 5, '1', 'class="muted small" text-anchor="end"'))
  const nonEmpty = bins.map((n, i) => [n, i] as const).filter(([n]) => n > 0)
  const desc = total === 0 ? `${name}: no scored results` : `${name}: ${total} scored results; ${nonEmpty.map(([n, i]) => `${binLabel(i)}: ${n}`).join(', ')}`
  return svg({ width: W, height: H, title: `${name} score distribution`, desc }, parts.join(''))
}
