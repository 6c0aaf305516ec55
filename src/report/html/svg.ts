import { escapeHtml as h } from './escape-html.js'

/**
 * Shared pieces of the report charts: inline SVG drawn at report time (no script, so it survives
 * the page's Content-Security-Policy and prints), every chart with a `<title>` and `<desc>` for
 * screen readers and a data table as its text equivalent. All text goes through `escapeHtml`,
 * which also makes it valid XML (the SVG is well-formed on its own).
 */

/** Colours of the statuses, as in the page's style sheet. */
export const COLORS = { pass: '#17803d', fail: '#c62828', error: '#b45309', skipped: '#6b7280', ink: '#1d2330', muted: '#5b6475', grid: '#e3e7ee', track: '#eef1f5' } as const

/** Categorical series colours (Tableau 10: distinguishable, print well); beyond ten, dash patterns vary too. */
export const SERIES_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'] as const
const DASHES = ['', '6 3', '2 3', '8 3 2 3'] as const

export function seriesStyle(index: number): { color: string; dash: string } {
  return { color: SERIES_COLORS[index % SERIES_COLORS.length]!, dash: DASHES[Math.floor(index / SERIES_COLORS.length) % DASHES.length]! }
}

/** A coordinate with at most one decimal (short, stable output). */
export const at = (x: number) => String(Math.round(x * 10) / 10)

/** Shorten a label to `max` characters (the full text stays in a `<title>`). */
export function clip(text: string, max: number): string {
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

export interface SvgOptions {
  width: number
  height: number
  /** The accessible name (first child `<title>`). */
  title: string
  /** A sentence or two a screen reader reads for the chart. */
  desc: string
  className?: string
}

/** One standalone `<svg>` element: sized by viewBox (scales with the page), role img, title and desc. */
export function svg({ width, height, title, desc, className = 'chart' }: SvgOptions, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="${h(className)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" preserveAspectRatio="xMinYMin meet">` +
    `<title>${h(title)}</title><desc>${h(desc)}</desc>${body}</svg>`
  )
}

export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${at(x)}" y="${at(y)}"${attrs ? ` ${attrs}` : ''}>${h(content)}</text>`
}

/** A chart's data as a table in a closed `<details>`: the text equivalent, readable and printable. */
export function dataTable(caption: string, headers: readonly string[], rows: readonly (readonly (string | number)[])[], { numericFrom = 1 } = {}): string {
  const th = headers.map((x, i) => `<th${i >= numericFrom ? ' class="n"' : ''}>${h(x)}</th>`).join('')
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${i >= numericFrom ? ' class="n"' : ''}>${h(c)}</td>`).join('')}</tr>`).join('')
  return `<details class="chart-data"><summary>${h(caption)}</summary><table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></details>`
}

/** Style sheet for the charts (shared by report.html, trend.html and the SOC 2 page). */
export const CHART_CSS = `
svg.chart{display:block;max-width:100%;height:auto;overflow:visible;font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;-webkit-print-color-adjust:exact;print-color-adjust:exact}
svg.chart text{fill:${COLORS.ink}}svg.chart .muted{fill:${COLORS.muted}}svg.chart .up{fill:${COLORS.pass}}svg.chart .down{fill:${COLORS.fail}}
svg.chart .small{font-size:10.5px}svg.chart .bold{font-weight:600}
details.chart-data{margin:2px 0 10px}details.chart-data>summary{cursor:pointer;color:var(--muted);font-size:12px}
details.chart-data table{width:auto;min-width:50%}
.charts{display:flex;flex-wrap:wrap;gap:12px 20px;align-items:flex-start}
.chart-card{border:1px solid var(--line);border-radius:6px;padding:8px 10px 4px;background:#fff}
.chart-card h4{margin:0 0 4px;font-size:13px}
.legend li{white-space:nowrap}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;margin:4px 0 6px;padding:0;list-style:none;font-size:12.5px}
.legend .sw{display:inline-block;width:14px;height:4px;vertical-align:middle;margin-right:5px;border-radius:2px}
@media print{details.chart-data{display:none}.chart-card{break-inside:avoid}}
`
