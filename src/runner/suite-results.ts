import type { SuiteConfig } from '../config/config-schema.js'
import type { EvalResult, ModelRef, VersionRef } from '../core/types.js'
import type { EvaluatorDescription } from '../evidence/build-evidence-entry.js'
import { applyGate, evaluatorSummary, Tally } from './gate.js'
import { JudgeSummary, requireJudgeCheck } from './judge-summary.js'
import type { CaseRecord, DatasetInfo, Regression, RunReport, SuiteReport } from './run-report.js'

/** A baseline run's results by `suite \0 caseId \0 evaluator`. */
export type BaselineIndex = Map<string, { status: EvalResult['status']; score: number }>

export function indexBaseline(baseline: RunReport): BaselineIndex {
  const index: BaselineIndex = new Map()
  for (const suite of baseline.suites) {
    for (const c of suite.cases) {
      for (const r of c.results) index.set(`${suite.name}\u0000${c.caseId}\u0000${r.evaluator}`, { status: r.status, score: r.score })
    }
  }
  return index
}

/**
 * What a suite's finished cases add up to: status counts per evaluator, judge usage (summed from
 * each result's typed `usage`), changes against a baseline, and the cases kept in the report.
 * Cases are accounted in dataset order.
 */
export class SuiteResults {
  readonly tally = new Tally()
  readonly tallies: Map<string, Tally>
  readonly cases: CaseRecord[] = []
  readonly regressions: Regression[] = []
  readonly fixed: Regression[] = []
  readonly scoreDeltas: Regression[] = []
  readonly judge = { calls: 0, inputTokens: 0, outputTokens: 0 }
  /** Each judged criterion and its judge; judge criteria that did not run (for `requireJudge`). */
  readonly judges = new JudgeSummary()
  casesOmitted = 0
  caseCount = 0
  failedCases = 0

  constructor(
    private readonly suite: SuiteConfig,
    private readonly maxReportCases: number,
    private readonly baseline: BaselineIndex | undefined,
    /** A judge criterion that did not run fails the gate (`requireJudge`). */
    private readonly requireJudge = false,
  ) {
    this.tallies = new Map(suite.evaluators.map((e) => [e.name, new Tally()]))
  }

  account(record: CaseRecord): void {
    this.caseCount++
    if (!record.passed) this.failedCases++
    for (const result of record.results) {
      if (result.usage) {
        this.judge.calls += result.usage.judgeCalls
        this.judge.inputTokens += result.usage.inputTokens
        this.judge.outputTokens += result.usage.outputTokens
      }
      this.judges.add(result)
      this.tally.add(result)
      this.tallies.get(result.evaluator)?.add(result)
      this.compare(record, result)
    }
    // The report keeps the first `maxReportCases` cases, then only failures (up to as many again);
    // the evidence log always has every case.
    if (this.cases.length < this.maxReportCases || (!record.passed && this.cases.length < 2 * this.maxReportCases)) this.cases.push(record)
    else this.casesOmitted++
  }

  private compare(record: CaseRecord, result: EvalResult): void {
    const before = this.baseline?.get(`${this.suite.name}\u0000${record.caseId}\u0000${result.evaluator}`)
    if (!before) return
    const change = { suite: this.suite.name, caseId: record.caseId, evaluator: result.evaluator, before: before.status, after: result.status, scoreBefore: before.score, scoreAfter: result.score, reason: result.reason }
    if (before.status === 'pass' && result.status !== 'pass') this.regressions.push(change)
    else if (before.status !== 'pass' && result.status === 'pass') this.fixed.push(change)
    if (before.score !== result.score) this.scoreDeltas.push(change)
  }

  /** The suite's section of report.json, with its gate applied. */
  report({ datasets, evaluators, skippedRows, prompt, model }: { datasets: DatasetInfo[]; evaluators: EvaluatorDescription[]; skippedRows: SuiteReport['skippedRows']; prompt?: VersionRef; model?: ModelRef }): SuiteReport {
    const { suite } = this
    const gateChecks = applyGate({ gate: suite.gate, suite: this.tally, evaluators: this.tallies })
    if (this.caseCount === 0) gateChecks.push({ scope: 'suite', metric: 'nonEmpty', threshold: 1, actual: 0, passed: true })
    if (this.requireJudge) gateChecks.push(requireJudgeCheck(this.judges))
    if (this.baseline) gateChecks.push({ scope: 'suite', metric: 'noRegressions', threshold: 0, actual: this.regressions.length, passed: this.regressions.length === 0 })
    const { evaluators: _per, ...suitePolicy } = suite.gate
    return {
      name: suite.name,
      ...(suite.description ? { description: suite.description } : {}),
      ...(prompt ? { prompt } : {}),
      ...(model ? { model } : {}),
      datasets,
      evaluators,
      counts: { ...this.tally.counts(), cases: this.caseCount, failedCases: this.failedCases, scoreSum: this.tally.scoreSum },
      byEvaluator: suite.evaluators.map((e) => ({
        ...evaluatorSummary(e.name, e.version, this.tallies.get(e.name)!, { ...suitePolicy, ...(suite.gate.evaluators?.[e.name] ?? {}) }),
        scoreSum: this.tallies.get(e.name)!.scoreSum,
      })),
      gate: { passed: gateChecks.every((c) => c.passed), checks: gateChecks },
      gatePolicy: suite.gate,
      skippedRows,
      cases: this.cases,
      casesOmitted: this.casesOmitted,
      regressions: this.regressions,
      fixed: this.fixed,
      ...(this.judge.calls ? { judge: this.judge } : {}),
      ...(this.judges.list().length ? { judges: this.judges.list() } : {}),
      ...(this.baseline ? { scoreDeltas: this.scoreDeltas } : {}),
    }
  }
}
