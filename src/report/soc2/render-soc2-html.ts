import { pct, short } from '../format.js'
import { escapeHtml as h } from '../html/escape-html.js'
import { htmlPage } from '../html/html-page.js'
import { CHART_CSS } from '../html/svg.js'
import { criteriaChart, overTimeHtml } from './render-soc2-charts.js'
import { coverageSectionsHtml } from '../coverage/render-coverage-html.js'
import type { ControlEvidence, ControlOperation, SampledRecord } from './collect-control-evidence.js'
import type { Soc2ReportMeta } from './render-soc2-markdown.js'

const rate = (n: number, d: number) => (d === 0 ? '—' : pct(n / d))

/** The SOC 2 control report as one self-contained HTML page (no script, no network). */
export function renderSoc2Html(e: ControlEvidence, meta: Soc2ReportMeta): string {
  const out: string[] = []
  out.push('<header><h1>SOC 2 control evidence report</h1>')
  out.push(`<p class="muted">Generated ${h(meta.generatedAt)} by vouch ${h(meta.toolVersion)} from ${e.sources.length} evidence log${e.sources.length === 1 ? '' : 's'}, ${e.records} verified records${e.period ? `, ${h(e.period.from)} to ${h(e.period.to)}` : ''}.</p>`)
  if (e.runs.length) out.push(`<p>Release-gate runs: ${e.runs.map((r) => `<code>${h(r)}</code>`).join(', ')}.</p>`)
  out.push(
    e.intact
      ? '<div class="ok"><strong>Integrity: every evidence log verified intact</strong> (hash chain, and each log’s end against the last hash and count its run recorded where one was available).</div>'
      : '<div class="bad"><strong>Integrity: evidence verification FAILED.</strong> The figures below count only the records before the first break in each broken log. See <a href="#integrity">Evidence integrity</a>.</div>',
  )
  out.push('</header>')
  out.push('<section id="summary"><h2>Summary</h2><table><thead><tr><th>category</th><th>criteria evidenced</th><th class="n">records</th><th class="n">fail</th><th class="n">error</th></tr></thead><tbody>')
  for (const c of e.categories) {
    const ops = [...new Set(c.controls.flatMap((x) => x.operations))]
    out.push(
      `<tr><td><a href="#${h(c.id)}">${h(c.name)}</a></td><td>${c.controls.length ? c.controls.map((x) => `<a href="#control-${h(x.control)}">${h(x.control)}</a>`).join(', ') : '<span class="muted">none</span>'}</td>` +
        `<td class="n">${ops.reduce((n, o) => n + o.records, 0)}</td><td class="n">${ops.reduce((n, o) => n + o.fail, 0)}</td><td class="n">${ops.reduce((n, o) => n + o.error, 0)}</td></tr>`,
    )
  }
  out.push('</tbody></table>')
  out.push(criteriaChart(e))
  out.push('</section>')
  out.push(overTimeHtml(e))
  for (const c of e.categories) {
    out.push(`<section id="${h(c.id)}"><h2>${h(c.name)}</h2><p class="muted">${h(c.summary)}</p>`)
    if (c.controls.length === 0) out.push('<p>No evaluator or rubric in this evidence declares a criterion in this category.</p>')
    for (const control of c.controls) {
      out.push(`<h3 id="control-${h(control.control)}">${h(control.control)}</h3>`, operationsTable(control.operations))
      if (control.failing === 0) out.push('<p class="s-pass">No failing or erroring records.</p>')
      else {
        out.push(`<p>Failing or erroring records: <strong>${control.failing}</strong>. Sample of ${control.sample.length} (the records with the smallest hashes — reproducible, not hand-picked):</p>`)
        out.push(sampleTable(control.sample))
      }
    }
    out.push('</section>')
  }
  out.push(
    '<section id="coverage"><h2>Production coverage</h2>',
    `<p class="muted">From the same verified records (as <code>vouch report coverage</code>).${e.coverageSigned ? '' : ' Request counts taken from checkpoints were not checked against a signing key (--key).'}</p>`,
    coverageSectionsHtml(e.coverage, { bucket: 'week' }),
    '</section>',
  )
  if (e.unmapped.length) out.push('<section id="unmapped"><h2>Evaluators that declare no criterion</h2>', operationsTable(e.unmapped), '</section>')
  out.push('<section id="integrity"><h2>Evidence integrity</h2><table><thead><tr><th>log</th><th>source</th><th class="n">records verified</th><th>last hash</th><th>result</th><th>checked against</th></tr></thead><tbody>')
  for (const s of e.sources) {
    const result = !s.ok
      ? `<strong class="s-fail">TAMPERED</strong> at line ${s.firstBad!.line} (seq ${s.firstBad!.seq}): ${h(s.firstBad!.reason)}`
      : s.signatureProblem
        ? `<strong class="s-fail">SIGNATURE CHECK FAILED</strong>: ${h(s.signatureProblem)}`
        : '<span class="s-pass">intact</span>'
    out.push(
      `<tr><td><code>${h(s.file)}</code></td><td>${h(s.kind)}${s.runId ? ` <code>${h(s.runId)}</code>` : ''}</td><td class="n">${s.records}</td><td><code>${h(s.lastHash)}</code></td><td>${result}</td>` +
        `<td>${s.checkedAgainst ? `<code>${h(s.checkedAgainst)}</code> (last hash and count)` : 'nothing: truncation at the end is not detectable'}</td></tr>`,
    )
  }
  out.push('</tbody></table>')
  if (e.problems.length) out.push(`<ul class="bad">${e.problems.map((p) => `<li><code>${h(p.file)}</code>: ${h(p.reason)}</li>`).join('')}</ul>`)
  out.push('<p class="muted">Re-check any log with <code>vouch verify FILE</code>; pull a record by its line or hash with <code>vouch export FILE</code>.</p></section>')
  return htmlPage({ title: 'SOC 2 control evidence report', body: out.join('\n'), css: CHART_CSS + '.chart-card.wide{max-width:900px}' })
}

function operationsTable(ops: ControlOperation[]): string {
  const out = ['<table><thead><tr><th>evaluator</th><th>version</th><th>rubric</th><th>owner</th><th>scope</th><th class="n">records</th><th>coverage</th><th class="n">pass</th><th class="n">fail</th><th class="n">error</th><th class="n">skipped</th></tr></thead><tbody>']
  for (const o of ops) {
    out.push(
      `<tr><td>${h(o.evaluator)}</td><td>${h(o.version)}</td><td>${o.rubric ? `${h(o.rubric.id)}@${h(o.rubric.version)} <code>${h(short(o.rubric.sha256))}</code>` : '—'}</td><td>${h(o.owners.join(', ') || '—')}</td><td>${h(o.scope)}</td>` +
        `<td class="n">${o.records}</td><td>${o.covered}/${o.population} ${h(o.subject)}s (${rate(o.covered, o.population)})${o.populationFrom === 'evidence' ? ' <span class="muted" title="population = distinct cases or requests seen in the evidence (no run report at hand)">¹</span>' : ''}</td>` +
        `<td class="n">${o.pass} (${rate(o.pass, o.records)})</td><td class="n">${o.fail} (${rate(o.fail, o.records)})</td><td class="n">${o.error} (${rate(o.error, o.records)})</td><td class="n">${o.skipped}</td></tr>`,
    )
  }
  out.push('</tbody></table>')
  if (ops.some((o) => o.populationFrom === 'evidence')) out.push('<p class="muted">¹ population = distinct cases or requests seen in the evidence for that scope (no run report at hand).</p>')
  return out.join('\n')
}

function sampleTable(sample: SampledRecord[]): string {
  const out = ['<table><thead><tr><th>record</th><th class="n">seq</th><th>hash</th><th>time</th><th>scope</th><th>case / request</th><th>evaluator</th><th>status</th><th>policy</th><th>reason</th></tr></thead><tbody>']
  for (const s of sample) {
    out.push(
      `<tr><td>${/^postgres(ql)?:/i.test(s.file) ? `${h(s.file)} seq ${s.seq}` : `<a href="${h(encodeURI(s.file))}">${h(s.file)}</a>:${s.line}`}</td><td class="n">${s.seq}</td><td><code title="${h(s.hash)}">${h(short(s.hash, 16))}</code></td><td>${h(s.ts)}</td><td>${h(s.scope)}</td><td>${h(s.subject)}</td>` +
        `<td>${h(s.evaluator)}@${h(s.version)}</td><td><span class="s-${h(s.status)}">${h(s.status)}</span>${s.action ? ` (${h(s.action)})` : ''}</td><td>${h(s.policyId ?? '')}</td><td>${h(s.reason)}</td></tr>`,
    )
  }
  out.push('</tbody></table>')
  return out.join('\n')
}
