import { describeFailures } from '../report/format.js'
import type { RunReport } from '../runner/run-report.js'
import type { CliIO } from './cli-io.js'
import { colors, table } from './terminal.js'

/** The summary a person reads at the end of `vouch eval`. */
export function summaryTable(report: RunReport, runDir: string, io: CliIO, stream: CliIO['stdout']): string {
  const c = colors(stream, io.env)
  const rows: string[][] = [['suite', 'evaluator', 'pass', 'fail', 'error', 'skipped', 'pass rate', 'mean', 'gate']]
  for (const s of report.suites) {
    const failedScopes = new Set(s.gate.checks.filter((x) => !x.passed).map((x) => x.scope))
    for (const e of s.byEvaluator) {
      rows.push([
        s.name,
        `${e.name}@${e.version}`,
        String(e.pass),
        e.fail ? c.red(String(e.fail)) : '0',
        e.error ? c.yellow(String(e.error)) : '0',
        String(e.skipped),
        // nothing counted (all results skipped and allowed): no rate to show
        e.pass + e.fail + e.error === 0 ? '—' : `${(e.passRate * 100).toFixed(1)}%`,
        e.pass + e.fail + e.error === 0 ? '—' : e.meanScore.toFixed(3),
        failedScopes.has(e.name) ? c.red('fail') : '',
      ])
    }
    rows.push([s.name, c.bold('(suite)'), String(s.counts.pass), String(s.counts.fail), String(s.counts.error), String(s.counts.skipped), '', '', s.gate.passed ? c.green('pass') : c.red('FAIL')])
  }
  const lines = [table(rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'l']), '']
  for (const s of report.suites) {
    for (const check of s.gate.checks.filter((x) => !x.passed)) {
      const actual = check.metric === 'maxFailures' ? describeFailures(check) : fmt(check.metric, check.actual)
      const what = check.metric === 'judgeRan' ? 'judge criteria not run (--require-judge / requireJudge)' : check.metric
      lines.push(c.red(`✗ ${s.name}: ${check.scope} ${what} = ${actual} (threshold ${fmt(check.metric, check.threshold)})`))
    }
    for (const r of s.regressions.slice(0, 20)) lines.push(c.red(`  regression: ${r.caseId} › ${r.evaluator}: ${r.before} → ${r.after}: ${r.reason}`))
  }
  const verdict = report.verdict === 'pass' ? c.green('PASS') : report.verdict === 'fail' ? c.red('FAIL') : c.red('ERROR')
  lines.push(`${c.bold('verdict:')} ${verdict}   evidence: ${report.evidence.count} records, last hash ${report.evidence.lastHash.slice(0, 16)}…`)
  lines.push(`reports: ${runDir}`)
  return `${lines.join('\n')}\n`
}

function fmt(metric: string, x: number): string {
  return metric === 'minPassRate' ? `${(x * 100).toFixed(1)}%` : Number.isInteger(x) ? String(x) : x.toFixed(3)
}
