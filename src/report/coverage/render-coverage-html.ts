import { escapeHtml as h } from '../html/escape-html.js'
import type { CoverageBucket, CoverageMetrics, RateRow } from './collect-coverage.js'
import { coveragePct as pct } from './coverage-pct.js'

function table(head: string[], rows: string[][]): string {
  const th = head.map((c, i) => `<th${i > 0 ? ' class="n"' : ''}>${h(c)}</th>`).join('')
  return `<table><thead><tr>${th}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c, i) => `<td${i > 0 ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`
}

const rateRows = (rows: RateRow[]) => rows.map((r) => [h(r.key), String(r.requests), String(r.failed), pct(r.failRate), String(r.errored)])

/**
 * The coverage metrics as HTML sections (the SOC 2 report's HTML form): the same figures, in the
 * same order, as `coverageSectionsMarkdown`. Every value is escaped.
 */
export function coverageSectionsHtml(m: CoverageMetrics, { bucket }: { bucket: CoverageBucket }): string {
  const out: string[] = ['<h3>Audit-log coverage</h3>']
  if (m.audit.instances.length === 0) out.push('<p>No guardrail request ordinals in this evidence (release-gate runs or logs written before vouch recorded them): coverage cannot be computed.</p>')
  else {
    out.push(`<p>Requests with a record ÷ requests seen: <strong>${pct(m.audit.coverage)}</strong> (${m.audit.recorded} of ${m.audit.seen}).</p>`)
    out.push(
      table(
        ['guardrail instance', 'seen', 'recorded', 'coverage', 'first requests without a record'],
        m.audit.instances.map((i) => [h(i.instance), `${i.seen}${i.seenFrom === 'checkpoint' ? ' (signed count)' : ''}`, String(i.recorded), pct(i.coverage), i.missing.length ? i.missing.join(', ') : '—']),
      ),
    )
    if (m.audit.unknown > 0) out.push(`<p class="muted">${m.audit.unknown} requests carry no ordinal and are not counted in coverage.</p>`)
  }
  out.push('<h3>Failure rates</h3>')
  if (m.byRoute.length) out.push('<h4>By route</h4>', table(['route', 'requests', 'failed', 'fail rate', 'errors'], rateRows(m.byRoute)))
  if (m.byCohort.length) out.push('<h4>By cohort</h4>', table(['cohort', 'requests', 'failed', 'fail rate', 'errors'], rateRows(m.byCohort)))
  out.push(`<h3>Privacy failures per 1,000 requests (by ${h(bucket)})</h3>`)
  out.push(`<p>Overall: <strong>${m.privacy.per1000 === undefined ? '—' : m.privacy.per1000.toFixed(2)}</strong> (${m.privacy.failedRequests} requests).</p>`)
  if (m.privacy.byBucket.length) out.push(table([`${bucket} starting`, 'requests', 'privacy failures', 'per 1,000'], m.privacy.byBucket.map((b) => [h(b.bucket), String(b.requests), String(b.failed), b.per1000.toFixed(2)])))
  out.push(`<h3>Model and provider drift (by ${h(bucket)})</h3>`)
  if (m.drift.length === 0) out.push('<p>No model recorded.</p>')
  else {
    out.push(
      table(
        [`${bucket} starting`, 'models (requests)', 'new'],
        m.drift.map((d, i) => [h(d.bucket), Object.entries(d.models).map(([k, v]) => `${h(k)} (${v})`).join(', '), i > 0 && d.newModels.length ? d.newModels.map(h).join(', ') : '—']),
      ),
    )
  }
  out.push('<h3>LLM-judge agreement</h3>')
  out.push(m.judge.judged === 0 ? '<p>No judged criteria in this evidence.</p>' : `<p>${m.judge.judged} judged verdicts, mean agreement across votes ${pct(m.judge.meanAgreement)}; ${m.judge.split} were split decisions.</p>`)
  return out.join('\n')
}
