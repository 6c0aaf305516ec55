import { writeFileSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve } from 'node:path'
import { UsageError } from '../core/errors/usage-error.js'
import { trendReport } from '../report/trend/trend-report.js'
import type { CliIO } from './cli-io.js'
import { EXIT } from './exit-codes.js'
import { parseFlagTable, type FlagTable } from './flag-table.js'
import { toolVersion } from './tool-version.js'

const trendFlags = {
  format: { type: 'string', value: 'html|md|json', help: 'output format (default: html)' },
  out: { type: 'string', value: 'FILE', help: 'write to FILE (default: stdout)' },
  'judge-price': { type: 'string', value: 'IN,OUT', help: 'USD per million input and output tokens, for judge cost per run' },
} as const satisfies FlagTable

export const trendUsage = `Usage: vouch report trend [REPORTS_DIR | RUN_DIR | REPORT_JSON]... [--format html|md|json] [--out FILE] [--judge-price IN,OUT]

Writes one page across runs, ordered by run start time: per suite and evaluator the pass rate and
mean score over the runs (line charts), each run's gate verdict, numbered markers where the
prompt, a rubric, an evaluator version, the model or a dataset changed (so a drop lines up with
the change that caused it), and the LLM judge's calls, tokens (and cost) per run. Evaluators are
matched by name across config versions. A reports directory is scanned for <run>/report.json;
unreadable reports found that way are listed and left out.

Options:
  --format html|md|json  output format (default: html; md for a PR comment; json for tools)
  --out FILE             write to FILE (default: stdout)
  --judge-price IN,OUT   USD per million judge input and output tokens, e.g. 0.15,0.6

Exit 0: written. 2: bad usage or a named report that cannot be read.`

/** `vouch report trend …` */
export async function runTrend(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlagTable(trendFlags, argv, { positionals: true })
  const format = values.format ?? 'html'
  if (format !== 'html' && format !== 'md' && format !== 'json') throw new UsageError({ message: `--format takes html, md or json (got "${format}")` })
  let judgePrice: { input: number; output: number } | undefined
  if (values['judge-price'] !== undefined) {
    const m = /^(\d{1,6}(?:\.\d{1,9})?),(\d{1,6}(?:\.\d{1,9})?)$/.exec(values['judge-price'])
    if (!m) throw new UsageError({ message: `--judge-price takes two numbers IN,OUT in USD per million tokens (got "${values['judge-price']}")` })
    judgePrice = { input: Number(m[1]), output: Number(m[2]) }
  }
  const out = values.out === undefined ? undefined : resolve(io.cwd, values.out)
  const base = out ? dirname(out) : io.cwd
  const display = (path: string) => {
    const r = relative(base, path)
    return r === '' || r.startsWith('..') || isAbsolute(r) ? path : r
  }
  const { text, data, problems } = trendReport({ inputs: positionals.length ? positionals : ['reports'], cwd: io.cwd, format, display, toolVersion: await toolVersion(), ...(judgePrice ? { judgePrice } : {}) })
  for (const p of problems) io.stderr.write(`vouch report trend: left out ${p.reason}\n`)
  if (out) {
    writeFileSync(out, text)
    io.stderr.write(`vouch report trend: ${data.runs.length} runs, ${data.suites.length} suites → ${out}\n`)
  } else {
    io.stdout.write(text)
  }
  return EXIT.ok
}
