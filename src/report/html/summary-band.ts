import type { GateCheck, RunReport } from '../../runner/run-report.js'
import { describeFailures, num, pct } from '../format.js'
import { escapeHtml as h } from './escape-html.js'
import { failureGroups } from './failure-groups.js'
import { passRateRows } from '../pass-rate-rows.js'
import { passRateBars } from './pass-rate-bars.js'
import { binScores, scoreHistogram } from './score-histogram.js'
import { at, COLORS, dataTable, svg } from './svg.js'

export const caseAnchor = (suite: string, caseId: string) => `case-${`${suite}/${caseId}`.replace(/[^A-Za-z0-9_-]/g, '_')}`

export function checkText(c: GateCheck): string {
  const value = (x: number) => (c.metric === 'minPassRate' ? pct(x) : num(x))
  const op = c.metric === 'maxFailures' || c.metric === 'noRegressions' || c.metric === 'judgeRan' ? '≤' : '≥'
  const metric = c.metric === 'judgeRan' ? 'judge criteria not run (requireJudge)' : c.metric
  return `${c.scope} ${metric}: ${c.metric === 'maxFailures' ? describeFailures(c) : value(c.actual)} (needs ${op} ${value(c.threshold)})`
}

/**
 * The band at the top of report.html: the verdict and what it rests on (case counts, baseline
 * change), then per suite its gate lines and a pass-rate bar per evaluator against the baseline.
 */
export function summaryBand(r: RunReport): string {
  const cases = r.suites.reduce((n, s) => n + s.counts.cases, 0)
  const failed = r.suites.reduce((n, s) => n + s.counts.failedCases, 0)
  const totals = { fail: 0, error: 0, skipped: 0, pass: 0 }
  for (const s of r.suites) for (const k of ['fail', 'error', 'skipped', 'pass'] as const) totals[k] += s.counts[k]
  const out = ['<section id="summary" class="band">', '<div class="band-head">']
  out.push(`<div class="big-verdict ${h(r.verdict)}">${h(r.verdict.toUpperCase())}</div>`)
  out.push('<div>')
  out.push(`<p class="headline"><strong>${failed}</strong> of ${cases} case${cases === 1 ? '' : 's'} not passing in ${r.suites.length} suite${r.suites.length === 1 ? '' : 's'}.</p>`)
  out.push(`<p class="pills">${(['fail', 'error', 'skipped', 'pass'] as const).map((k) => `<span class="pill ${k}">${totals[k]} ${k}</span>`).join(' ')} <span class="muted">results</span></p>`)
  if (r.baseline) {
    out.push(
      `<p>Against baseline <code>${h(r.baseline.runId)}</code>: <strong class="${r.baseline.regressions ? 's-fail' : 's-pass'}">${r.baseline.regressions} new failure${r.baseline.regressions === 1 ? '' : 's'}</strong>, ${r.baseline.fixed} fixed${r.baseline.scoreDeltas !== undefined ? `, ${r.baseline.scoreDeltas} score changes` : ''}. <a href="#baseline">Details</a></p>`,
    )
    if (!r.baseline.byEvaluator) out.push('<p class="muted">The baseline\'s per-evaluator rates were not recorded in this report (written by an older vouch), so the bars carry no baseline mark.</p>')
  }
  out.push('</div></div>')
  out.push('<div class="charts">')
  for (const s of r.suites) {
    out.push(`<div class="chart-card suite-card"><h4>${h(s.name)} <span class="badge ${s.gate.passed ? 'pass' : 'fail'}">${s.gate.passed ? 'gate pass' : 'gate fail'}</span></h4>`)
    out.push('<ul class="checks">')
    for (const c of s.gate.checks) out.push(`<li class="${c.passed ? 's-pass' : 's-fail'}">${c.passed ? '✔' : '✘'} ${h(checkText(c))}</li>`)
    out.push('</ul>')
    const baselineName = r.baseline?.byEvaluator ? r.baseline.runId : undefined
    out.push(passRateBars(passRateRows(r, s), { title: `${s.name}: pass rate by evaluator${baselineName ? ` against baseline ${baselineName}` : ''}`, ...(baselineName ? { baselineName } : {}) }))
    if (baselineName) out.push('<p class="muted small-note">▮ bar: this run · ┃ dark tick: the baseline · change in percentage points beside the value.</p>')
    out.push('</div>')
  }
  out.push('</div></section>')
  return out.join('\n')
}

const BAR_W = 140

/** Failures grouped by rubric criterion, policy id or finding type, with counts and links to cases. */
export function failuresSection(r: RunReport): string {
  const groups = failureGroups(r)
  const out = ['<section id="failures"><h2>Where the failures are</h2>']
  if (groups.length === 0) {
    out.push('<p class="s-pass">No failing or erroring results.</p></section>')
    return out.join('\n')
  }
  const omitted = r.suites.reduce((n, s) => n + s.casesOmitted, 0)
  out.push(`<p class="muted">Failing and erroring results by rubric criterion, policy id, or finding type${omitted ? ` (from the listed cases; ${omitted} passing cases are not listed)` : ''}. A result that fails several criteria counts under each.</p>`)
  const max = Math.max(...groups.map((g) => g.fail + g.error))
  out.push('<table class="groups"><thead><tr><th>criterion / policy / finding</th><th>evaluator</th><th class="n">results</th><th></th><th class="n">cases</th><th>cases (first 5)</th><th>a reason</th></tr></thead><tbody>')
  for (const g of groups.slice(0, 100)) {
    const n = g.fail + g.error
    const bar = svg(
      { width: BAR_W, height: 14, title: `${g.key}: ${g.fail} failing, ${g.error} erroring`, desc: `${n} results`, className: 'chart inline' },
      `<rect x="0" y="2" width="${at((g.fail / max) * BAR_W)}" height="10" fill="${COLORS.fail}"/><rect x="${at((g.fail / max) * BAR_W)}" y="2" width="${at((g.error / max) * BAR_W)}" height="10" fill="${COLORS.error}"/>`,
    )
    out.push(
      `<tr><td><code>${h(g.key)}</code></td><td>${h(g.evaluators.join(', '))}</td><td class="n">${n}${g.error ? ` <span class="muted">(${g.error} error)</span>` : ''}</td><td>${bar}</td><td class="n">${g.cases}</td>` +
        `<td>${g.examples.map((e) => `<a href="#${h(caseAnchor(e.suite, e.caseId))}">${h(e.caseId)}</a>`).join(', ')}${g.cases > g.examples.length ? ' …' : ''}</td><td>${h(g.reason.length > 140 ? `${g.reason.slice(0, 140)}…` : g.reason)}</td></tr>`,
    )
  }
  out.push('</tbody></table>')
  if (groups.length > 100) out.push(`<p class="muted">…and ${groups.length - 100} smaller groups.</p>`)
  out.push('</section>')
  return out.join('\n')
}

/** A small score histogram per evaluator and suite (scores of pass and fail results; errors and skips carry none). */
export function distributionSection(r: RunReport): string {
  const out = ['<section id="scores"><h2>Score distribution</h2>']
  for (const s of r.suites) {
    const scores = new Map<string, number[]>(s.byEvaluator.map((e) => [e.name, []]))
    for (const c of s.cases) for (const x of c.results) if (x.status === 'pass' || x.status === 'fail') (scores.get(x.evaluator) ?? scores.set(x.evaluator, []).get(x.evaluator)!).push(x.score)
    out.push(`<h3>${h(s.name)}</h3>`)
    if (s.casesOmitted) out.push(`<p class="muted">From the ${s.cases.length} listed cases; ${s.casesOmitted} passing cases are not listed in this report.</p>`)
    out.push('<div class="charts">')
    const rows: (string | number)[][] = []
    for (const [name, list] of scores) {
      const bins = binScores(list)
      rows.push([name, ...bins])
      out.push(`<div class="chart-card"><h4>${h(name)} <span class="muted">${list.length} scored</span></h4>${scoreHistogram(name, bins)}</div>`)
    }
    out.push('</div>')
    out.push(dataTable(`${s.name}: score distributions as a table`, ['evaluator', ...Array.from({ length: 10 }, (_, i) => `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`)], rows))
  }
  out.push('</section>')
  return out.join('\n')
}

export const SUMMARY_CSS = `
.band{border:1px solid var(--line);border-radius:8px;padding:14px 16px;margin:14px 0;background:var(--soft)}
.band-head{display:flex;gap:18px;align-items:center;margin-bottom:10px}
.band-head p{margin:2px 0}
.big-verdict{font-size:26px;font-weight:700;color:#fff;border-radius:8px;padding:10px 18px;letter-spacing:.5px}
.big-verdict.pass{background:var(--pass)}.big-verdict.fail{background:var(--fail)}.big-verdict.error{background:var(--error)}
.headline{font-size:16px}
.pill{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;border:1px solid var(--line);background:#fff}
.pill.fail{color:var(--fail)}.pill.error{color:var(--error)}.pill.skipped{color:var(--skipped)}.pill.pass{color:var(--pass)}
.suite-card{flex:1 1 760px}.suite-card ul.checks{margin:2px 0 6px;padding-left:2px;font-size:13px}
.small-note{font-size:12px;margin:0 0 4px}
svg.chart.inline{display:inline-block;vertical-align:middle}
table.groups td{vertical-align:middle}table.groups td:first-child{min-width:220px}
`
