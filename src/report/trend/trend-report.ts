import { relative, isAbsolute } from 'node:path'
import { z } from 'zod'
import { parseOptions } from '../../core/parse-options.js'
import { collectTrend, type TrendData } from './collect-trend.js'
import { findRunReports } from './find-run-reports.js'
import { renderTrendHtml } from './render-trend-html.js'
import { renderTrendMarkdown } from './render-trend-markdown.js'

export interface TrendReportOptions {
  /** A reports directory, run directories or report.json files. */
  inputs: string[]
  cwd?: string
  format?: 'html' | 'md' | 'json'
  /** USD per million input / output judge tokens, to show judge cost in dollars. */
  judgePrice?: { input: number; output: number }
  /** How report files are named in the output (default: relative to `cwd`). */
  display?: (path: string) => string
  toolVersion?: string
  _internal?: { now?: () => Date }
}

export interface TrendReportResult {
  text: string
  data: TrendData
  problems: { file: string; reason: string }[]
}

const schema = z
  .object({
    inputs: z.array(z.string().min(1)).min(1, 'name at least one reports directory, run directory or report.json'),
    cwd: z.string().optional(),
    format: z.enum(['html', 'md', 'json']).default('html'),
    judgePrice: z.object({ input: z.number().min(0), output: z.number().min(0) }).strict().optional(),
    display: z.custom<(p: string) => string>((v) => typeof v === 'function', 'must be a function').optional(),
    toolVersion: z.string().default('unknown'),
  })
  .strict()

/** The trend across runs (`vouch report trend`): reports read through `readRunReport`, ordered by start time. */
export function trendReport({ _internal: { now = () => new Date() } = {}, ...options }: TrendReportOptions): TrendReportResult {
  const { inputs, cwd = process.cwd(), format, judgePrice, display, toolVersion } = parseOptions(schema, options, 'trendReport')
  const show =
    display ??
    ((p: string) => {
      const r = relative(cwd, p)
      return r === '' || r.startsWith('..') || isAbsolute(r) ? p : r
    })
  const { reports, problems } = findRunReports(inputs, cwd)
  const data = collectTrend(
    reports.map((r) => ({ report: r.report, source: show(r.path) })),
    judgePrice ? { judgePrice } : {},
  )
  const shown = problems.map((p) => ({ file: show(p.file), reason: p.reason }))
  const meta = { generatedAt: now().toISOString(), toolVersion, problems: shown }
  const text =
    format === 'json'
      ? `${JSON.stringify({ generatedAt: meta.generatedAt, toolVersion, problems: shown, ...data }, null, 2)}\n`
      : format === 'md'
        ? renderTrendMarkdown(data, meta)
        : renderTrendHtml(data, meta)
  return { text, data, problems: shown }
}
