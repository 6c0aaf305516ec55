import type { RunReport, SuiteReport } from '../runner/run-report.js'

/** One evaluator's pass rate in a suite, with the baseline's (the input of the bar chart and the Markdown text chart). */
export interface PassRateRow {
  label: string
  /** Pass rate in [0, 1]; undefined when nothing was counted (every result skipped). */
  rate?: number
  /** The baseline's pass rate, when the baseline ran this evaluator and counted something. */
  baseline?: number
  /** The baseline ran this evaluator (its rate may still be absent: everything skipped). */
  inBaseline?: boolean
  /** Counts behind the rate, for the text equivalent. */
  pass: number
  fail: number
  error: number
  skipped: number
  /** A gate check on this row failed. */
  gateFailed?: boolean
}

/** The pass-rate rows of one suite, with the baseline's rate of the same evaluator (matched by suite and name). */
export function passRateRows(report: RunReport, s: SuiteReport): PassRateRow[] {
  const failedScopes = new Set(s.gate.checks.filter((c) => !c.passed).map((c) => c.scope))
  return s.byEvaluator.map((e) => {
    const counted = e.pass + e.fail + e.error
    const before = report.baseline?.byEvaluator?.find((b) => b.suite === s.name && b.name === e.name)
    const beforeCounted = before ? before.pass + before.fail + before.error : 0
    return {
      label: e.name,
      ...(counted > 0 ? { rate: e.passRate } : {}),
      ...(before && beforeCounted > 0 ? { baseline: before.passRate } : {}),
      inBaseline: before !== undefined,
      pass: e.pass,
      fail: e.fail,
      error: e.error,
      skipped: e.skipped,
      gateFailed: failedScopes.has('suite') || failedScopes.has(e.name),
    }
  })
}
