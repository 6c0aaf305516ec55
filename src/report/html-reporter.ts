import { sampleTexts, TEXT_FIELDS } from '../core/sample-texts.js'
import type { EvalResult } from '../core/types.js'
import type { CaseRecord, GateCheck, JudgeCriterionSummary, Regression, RunReport, SuiteReport } from '../runner/run-report.js'
import { describeFailures, num, pct, rateCells, short } from './format.js'
import { escapeHtml as h } from './html/escape-html.js'
import { highlightFindings, trustedPrefix, type LabelledFinding } from './html/highlight-findings.js'
import { htmlPage } from './html/html-page.js'
import { REPORT_SCRIPT } from './html/report-script.js'
import type { Reporter } from './reporter.js'

/** `report.html`: one self-contained page (no network) for reviewers: verdict, tables, filters, every case. */
export const htmlReporter: Reporter = {
  name: 'html',
  file: 'report.html',
  description: 'report.html — self-contained page: verdict, tables, filterable cases with findings, baseline diff',
  render: renderHtml,
}

/** Cases shown open (expanded) when they do not pass and the run is small enough to read them all. */
const OPEN_FAILURES_UP_TO = 200
/** Longest `details` JSON shown per result. */
const MAX_DETAILS_CHARS = 4000

const STATUS_ORDER = ['error', 'fail', 'skipped', 'pass'] as const

export function renderHtml(report: RunReport): string {
  const body: string[] = []
  body.push(header(report))
  if (report.baseline) body.push(baselineSection(report))
  body.push(suitesSection(report))
  for (const s of report.suites) body.push(suiteSection(s))
  body.push(casesSection(report))
  body.push(versionsSection(report))
  body.push(evidenceSection(report))
  return htmlPage({ title: `vouch ${report.verdict.toUpperCase()} — ${report.runId}`, body: body.join('\n'), css: CSS, script: REPORT_SCRIPT })
}

const badge = (status: string, text = status, extra = '') => `<span class="badge ${h(status)}${extra}">${h(text)}</span>`
const idFor = (prefix: string, name: string) => `${prefix}-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`

function header(r: RunReport): string {
  const facts = [
    `started ${h(r.startedAt)}`,
    `finished ${h(r.finishedAt)}`,
    `vouch ${h(r.tool.version)}`,
    r.git ? `commit <code>${h(short(r.git.commit))}</code>${r.git.dirty ? ' <strong>(dirty working tree)</strong>' : ''}` : 'no git commit',
    r.shard ? `shard ${r.shard.index + 1}/${r.shard.count}` : '',
    r.shards ? `merged from ${r.shards.length} shards` : '',
  ].filter(Boolean)
  const out = [
    '<header>',
    `<h1>vouch ${badge(r.verdict, r.verdict.toUpperCase(), ' verdict')} run <code>${h(r.runId)}</code></h1>`,
    `<p class="muted">${facts.join(' · ')}</p>`,
  ]
  if (!r.complete) out.push(`<div class="bad"><strong>The run did not complete:</strong> ${h(r.error ?? 'unknown error')}. The evidence log holds every case that finished.</div>`)
  out.push(
    '<nav class="muted">',
    [r.baseline ? '<a href="#baseline">Baseline</a>' : '', '<a href="#suites">Suites</a>', '<a href="#cases">Cases</a>', '<a href="#versions">Versions</a>', '<a href="#evidence">Evidence</a>']
      .filter(Boolean)
      .join(' · '),
    '</nav>',
    '</header>',
  )
  return out.join('\n')
}

function changeTable(rows: Regression[], limit = 500): string {
  if (rows.length === 0) return '<p class="muted">None.</p>'
  const out = ['<table><thead><tr><th>suite</th><th>case</th><th>evaluator</th><th>before</th><th>after</th><th class="n">score Δ</th><th>reason now</th></tr></thead><tbody>']
  for (const r of rows.slice(0, limit)) {
    const delta = r.scoreAfter - r.scoreBefore
    out.push(
      `<tr><td>${h(r.suite)}</td><td><a href="#${h(idFor('case', `${r.suite}/${r.caseId}`))}">${h(r.caseId)}</a></td><td>${h(r.evaluator)}</td>` +
        `<td><span class="s-${h(r.before)}">${h(r.before)}</span> (${num(r.scoreBefore)})</td><td><span class="s-${h(r.after)}">${h(r.after)}</span> (${num(r.scoreAfter)})</td>` +
        `<td class="n ${delta < 0 ? 's-fail' : 's-pass'}">${delta > 0 ? '+' : ''}${num(delta)}</td><td>${h(r.reason)}</td></tr>`,
    )
  }
  out.push('</tbody></table>')
  if (rows.length > limit) out.push(`<p class="muted">…and ${rows.length - limit} more in report.json.</p>`)
  return out.join('\n')
}

function baselineSection(r: RunReport): string {
  const b = r.baseline!
  const regressions = r.suites.flatMap((s) => s.regressions)
  const fixed = r.suites.flatMap((s) => s.fixed)
  const deltas = r.suites.flatMap((s) => s.scoreDeltas ?? [])
  const known = r.suites.some((s) => s.scoreDeltas !== undefined)
  return [
    '<section id="baseline">',
    '<h2>Baseline comparison</h2>',
    `<p>Compared with run <code>${h(b.runId)}</code> (<code>${h(b.path)}</code>): <strong class="${regressions.length ? 's-fail' : 's-pass'}">${regressions.length} new failures</strong>, ${fixed.length} fixed, ${known ? `${deltas.length} score changes` : 'score changes not recorded'}.</p>`,
    `<h3>New failures (passed in the baseline, not now) — ${regressions.length}</h3>`,
    changeTable(regressions),
    `<h3>Fixed (failed in the baseline, pass now) — ${fixed.length}</h3>`,
    changeTable(fixed),
    ...(known ? [`<h3>Score changes — ${deltas.length}</h3>`, changeTable([...deltas].sort((a, b) => a.scoreAfter - a.scoreBefore - (b.scoreAfter - b.scoreBefore)))] : []),
    '</section>',
  ].join('\n')
}

function suitesSection(r: RunReport): string {
  const out = [
    '<section id="suites"><h2>Suites</h2>',
    '<table><thead><tr><th>suite</th><th>gate</th><th class="n">cases</th><th class="n">failed cases</th><th class="n">results</th><th class="n">pass</th><th class="n">fail</th><th class="n">error</th><th class="n">skipped</th></tr></thead><tbody>',
  ]
  for (const s of r.suites) {
    out.push(
      `<tr><td><a href="#${h(idFor('suite', s.name))}">${h(s.name)}</a></td><td>${badge(s.gate.passed ? 'pass' : 'fail')}</td><td class="n">${s.counts.cases}</td><td class="n">${s.counts.failedCases}</td>` +
        `<td class="n">${s.counts.total}</td><td class="n">${s.counts.pass}</td><td class="n">${s.counts.fail}</td><td class="n">${s.counts.error}</td><td class="n">${s.counts.skipped}</td></tr>`,
    )
  }
  out.push('</tbody></table></section>')
  return out.join('\n')
}

function checkText(c: GateCheck): string {
  const value = (x: number) => (c.metric === 'minPassRate' ? pct(x) : num(x))
  const op = c.metric === 'maxFailures' || c.metric === 'noRegressions' || c.metric === 'judgeRan' ? '≤' : '≥'
  const metric = c.metric === 'judgeRan' ? 'judge criteria not run (requireJudge)' : c.metric
  return `${c.scope} ${metric}: ${c.metric === 'maxFailures' ? describeFailures(c) : value(c.actual)} (needs ${op} ${value(c.threshold)})`
}

function suiteSection(s: SuiteReport): string {
  const out = [`<section id="${h(idFor('suite', s.name))}">`, `<h2>${h(s.name)} ${badge(s.gate.passed ? 'pass' : 'fail')}</h2>`]
  if (s.description) out.push(`<p>${h(s.description)}</p>`)
  out.push('<h3>Gate</h3><ul class="checks">')
  for (const c of s.gate.checks) out.push(`<li class="${c.passed ? 's-pass' : 's-fail'}">${c.passed ? '✔' : '✘'} ${h(checkText(c))}</li>`)
  out.push('</ul>')
  out.push(
    '<h3>Evaluators</h3>',
    '<table><thead><tr><th>evaluator</th><th>version</th><th>rubric</th><th>owner</th><th>controls</th><th class="n">pass</th><th class="n">fail</th><th class="n">error</th><th class="n">skipped</th><th class="n">pass rate</th><th class="n">mean score</th></tr></thead><tbody>',
  )
  for (const e of s.byEvaluator) {
    const info = s.evaluators.find((i) => i.name === e.name)
    out.push(
      `<tr><td>${h(e.name)}</td><td>${h(e.version)}</td><td>${info?.rubric ? `${h(info.rubric.id)}@${h(info.rubric.version)} <span class="muted mono">${h(short(info.rubric.sha256))}</span>` : '—'}</td>` +
        `<td>${h(info?.owner ?? '—')}</td><td>${h(info?.controls?.join(', ') ?? '—')}</td>` +
        `<td class="n">${e.pass}</td><td class="n">${e.fail}</td><td class="n">${e.error}</td><td class="n">${e.skipped}</td><td class="n">${rateCells(e)[0]}</td><td class="n">${rateCells(e)[1]}</td></tr>`,
    )
  }
  out.push('</tbody></table>')
  if (s.skippedRows.length) {
    out.push(`<div class="warn"><strong>${s.skippedRows.length} malformed rows skipped</strong><ul>`)
    for (const r of s.skippedRows.slice(0, 100)) out.push(`<li><code>${h(r.file)}${r.line ? `:${r.line}` : ''}</code>${r.field ? ` field <code>${h(r.field)}</code>` : ''}: ${h(r.detail)}</li>`)
    out.push('</ul></div>')
  }
  if (s.judge) out.push(`<p class="muted">LLM judge: ${s.judge.calls} calls, ${s.judge.inputTokens} input and ${s.judge.outputTokens} output tokens.</p>`)
  if (s.judges?.length) out.push(judgeTable(s.judges))
  if (s.casesOmitted) out.push(`<p class="warn">${s.casesOmitted} passing cases are not listed in this report (too many to list); every case is in the evidence log.</p>`)
  out.push('</section>')
  return out.join('\n')
}

function worst(results: EvalResult[]): EvalResult['status'] {
  for (const status of STATUS_ORDER) if (results.some((r) => r.status === status)) return status
  return 'pass'
}

function casesSection(r: RunReport): string {
  const cases = r.suites.flatMap((s) => s.cases.map((c) => ({ s, c })))
  const failing = cases.filter(({ c }) => !c.passed).length
  const evaluators = [...new Set(r.suites.flatMap((s) => s.evaluators.map((e) => e.name)))]
  const changes = new Map<string, Set<string>>()
  const mark = (list: Regression[] | undefined, tag: string) => {
    for (const x of list ?? []) {
      const key = `${x.suite}\u0000${x.caseId}`
      if (!changes.has(key)) changes.set(key, new Set())
      changes.get(key)!.add(tag)
    }
  }
  for (const s of r.suites) {
    mark(s.regressions, 'regressed')
    mark(s.fixed, 'fixed')
    mark(s.scoreDeltas, 'score-changed')
  }
  const option = (value: string, label = value) => `<option value="${h(value)}">${h(label)}</option>`
  const out = [
    '<section id="cases">',
    `<h2>Cases <span class="muted">(${cases.length}, ${failing} not passing)</span></h2>`,
    '<p class="muted">Input and output are shown as stored in the evidence log (redacted unless the run stored raw text). Findings are highlighted in place where their offsets are exact in the stored text: always for raw text; for redacted text, up to the first redaction marker (later offsets are shifted by the markers, so those findings are listed with their type, field and offsets instead).</p>',
    '<form id="filters" class="filters" autocomplete="off">',
    `<label>status <select name="status">${option('', 'all')}${option('nonpass', 'not passing')}${['fail', 'error', 'skipped', 'pass'].map((x) => option(x)).join('')}</select></label>`,
    `<label>suite <select name="suite">${option('', 'all')}${r.suites.map((s) => option(s.name)).join('')}</select></label>`,
    `<label>evaluator <select name="evaluator">${option('', 'all')}${evaluators.map((e) => option(e)).join('')}</select></label>`,
    r.baseline ? `<label>baseline <select name="change">${option('', 'all')}${option('regressed', 'new failures')}${option('fixed')}${option('score-changed', 'score changed')}</select></label>` : '',
    '<label>search <input type="search" name="q" placeholder="case id, text, reason…"></label>',
    `<output id="shown">${cases.length} cases</output>`,
    '</form>',
    '<div id="case-list">',
  ]
  for (const { s, c } of cases) out.push(caseBlock(s, c, [...(changes.get(`${s.name}\u0000${c.caseId}`) ?? [])], failing <= OPEN_FAILURES_UP_TO))
  out.push('</div></section>')
  return out.join('\n')
}

function caseBlock(s: SuiteReport, c: CaseRecord, change: string[], openFailures: boolean): string {
  const status = worst(c.results)
  const open = openFailures && status !== 'pass' ? ' open' : ''
  const out = [
    `<details class="case" id="${h(idFor('case', `${s.name}/${c.caseId}`))}" data-status="${status}" data-suite="${h(s.name)}" data-change="${h(change.join(' '))}"${open}>`,
    `<summary>${badge(status)} <code>${h(c.caseId)}</code> <span class="muted">${h(s.name)} · row ${c.row + 1} (line ${c.line})</span>${change.map((x) => ` <span class="tag">${h(x)}</span>`).join('')}` +
      `${c.results
        .filter((x) => x.status !== 'pass')
        .slice(0, 3)
        .map((x) => ` <span class="reason">${h(x.evaluator)}: ${h(x.reason.length > 160 ? `${x.reason.slice(0, 160)}…` : x.reason)}</span>`)
        .join('')}</summary>`,
    '<div class="case-body">',
  ]
  // Every finding of every evaluator, placed in the stored text of its field where its offsets hold.
  const findings: LabelledFinding[] = c.results.flatMap((x) => x.findings.map((f) => ({ ...f, evaluator: x.evaluator })))
  const unplaced: LabelledFinding[] = []
  const sample = c.sample
  const storage = sample?.storage
  // The one sample-text walker: input, output, context entries, and tool-call string leaves (by JSON path).
  const texts = sample ? [...sampleTexts(sample, TEXT_FIELDS)] : []
  const key = (field: string, path: string | undefined) => `${field}\u0000${path ?? ''}`
  const shownFields = new Set(texts.map((t) => key(t.field, t.path)))
  for (const { field, path, text } of texts) {
    const own = findings.filter((f) => f.field === field && (f.path ?? undefined) === path)
    // Tool-call leaves are listed only when a finding points into them (the whole call is shown below).
    if (path !== undefined && own.length === 0) continue
    const { html, unplaced: rest } = highlightFindings(text, own, trustedPrefix(text, storage))
    unplaced.push(...rest)
    out.push(`<div class="field"><div class="field-name">${h(field)}${path ? ` ${h(path)}` : ''}${own.length ? ` <span class="muted">(${own.length} finding${own.length === 1 ? '' : 's'})</span>` : ''}</div><pre>${html}</pre></div>`)
  }
  if (sample?.toolCalls?.length) {
    out.push(`<div class="field"><div class="field-name">toolCalls</div><pre>${h(JSON.stringify(sample.toolCalls, null, 2))}</pre></div>`)
  }
  unplaced.push(...findings.filter((f) => !shownFields.has(key(f.field, f.path))))
  if (!sample || storage === 'none') out.push('<p class="muted">No text stored for this case (storage: none).</p>')
  else out.push(`<p class="muted">stored text: ${h(storage ?? 'unknown')}${c.model ? ` · model ${h(c.model.provider)}:${h(c.model.id)}` : ''}</p>`)

  out.push('<table class="results"><thead><tr><th>evaluator</th><th>version</th><th>status</th><th class="n">score</th><th>policy</th><th>reason</th></tr></thead><tbody>')
  for (const x of c.results) {
    out.push(
      `<tr class="result" data-evaluator="${h(x.evaluator)}" data-status="${h(x.status)}"><td>${h(x.evaluator)}</td><td>${h(x.version)}${x.rubric ? `<br><span class="muted">rubric ${h(x.rubric.id)}@${h(x.rubric.version)}</span>` : ''}</td>` +
        `<td>${badge(x.status)}${x.action ? ` <span class="tag">${h(x.action)}</span>` : ''}</td><td class="n">${num(x.score)}</td><td>${h(x.policyId ?? '')}</td><td>${h(x.reason)}${detailsHtml(x)}</td></tr>`,
    )
  }
  out.push('</tbody></table>')
  if (unplaced.length) {
    out.push('<div class="findings"><strong>Findings not highlighted</strong> <span class="muted">(offsets refer to the original text)</span><ul>')
    for (const f of unplaced.slice(0, 200)) {
      out.push(
        `<li><code>${h(f.type)}</code> in <code>${h(f.field)}</code>${f.path ? ` at <code>${h(f.path)}</code>` : ''} [${f.start}, ${f.end}) score ${num(f.score)} <span class="muted">(${h(f.evaluator)}${f.detector ? `/${h(f.detector)}` : ''})</span>${f.message ? `: ${h(f.message)}` : ''}</li>`,
      )
    }
    if (unplaced.length > 200) out.push(`<li class="muted">…and ${unplaced.length - 200} more in report.json</li>`)
    out.push('</ul></div>')
  }
  out.push('</div></details>')
  return out.join('\n')
}

/** Each judged criterion and its judge (model, API, endpoint host, temperature, votes, prompt hash) — not the app model. */
function judgeTable(judges: JudgeCriterionSummary[]): string {
  const head = ['evaluator', 'criterion', 'judge', 'API', 'endpoint', 'temperature', 'votes', 'prompt', 'redaction', 'pass', 'fail', 'n/a', 'error', 'skipped', 'agreement']
  const rows = judges.map((j) =>
    [j.evaluator, j.criterion, `${j.judge.provider}:${j.judge.modelId}`, j.judge.api, j.judge.endpoint ?? '—', num(j.judge.temperature), String(j.judge.votes), short(j.judge.promptSha256), j.judge.redaction, ...[j.pass, j.fail, j.notApplicable, j.error, j.skipped].map(String), j.meanAgreement === undefined ? '—' : pct(j.meanAgreement)]
      .map((v) => `<td>${h(v)}</td>`)
      .join(''),
  )
  return `<h3>LLM judge</h3><table class="judges"><thead><tr>${head.map((x) => `<th>${h(x)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r}</tr>`).join('')}</tbody></table>`
}

/** Judge reasons and other evaluator details: per-criterion verdicts when present, else the JSON. */
function detailsHtml(x: EvalResult): string {
  if (!x.details) return ''
  const criteria = x.details.criteria
  const parts: string[] = []
  if (Array.isArray(criteria)) {
    parts.push('<ul class="criteria">')
    for (const c of criteria as { id?: unknown; status?: unknown; reason?: unknown; judge?: { verdict?: unknown; score?: unknown; agreement?: unknown; error?: { code?: unknown; problem?: unknown; answer?: unknown } } }[]) {
      const judge = c.judge?.error
        ? ` <span class="muted">judge error ${h(c.judge.error.code)}${c.judge.error.problem ? `: ${h(c.judge.error.problem)}` : ''}${c.judge.error.answer !== undefined ? `; answered <code>${h(c.judge.error.answer)}</code>` : ''}</span>`
        : c.judge ? ` <span class="muted">judge: ${h(c.judge.verdict)} (score ${h(c.judge.score)}, agreement ${h(c.judge.agreement)})</span>` : ''
      parts.push(`<li><span class="s-${h(c.status)}">${h(c.status)}</span> <code>${h(c.id)}</code>: ${h(c.reason)}${judge}</li>`)
    }
    parts.push('</ul>')
  }
  const { criteria: _c, ...rest } = x.details
  if (Object.keys(rest).length) {
    const json = JSON.stringify(rest, null, 2)
    parts.push(`<details class="raw"><summary class="muted">details</summary><pre>${h(json.length > MAX_DETAILS_CHARS ? `${json.slice(0, MAX_DETAILS_CHARS)}\n…` : json)}</pre></details>`)
  }
  return parts.join('')
}

function versionsSection(r: RunReport): string {
  const out = ['<section id="versions"><h2>Versions</h2><dl class="kv">']
  out.push(`<dt>vouch</dt><dd>${h(r.tool.version)}</dd>`)
  out.push(`<dt>config</dt><dd><code>${h(r.config.file)}</code> sha256 <code>${h(r.config.sha256)}</code></dd>`)
  out.push(`<dt>git</dt><dd>${r.git ? `<code>${h(r.git.commit)}</code>${r.git.dirty ? ' <strong>(dirty working tree)</strong>' : ''}` : '—'}</dd>`)
  out.push(`<dt>model calls</dt><dd>${r.cassettes === 'replay' ? 'replayed from cassettes' : r.cassettes === 'record' ? 'live, recorded to cassettes' : 'live (no cassettes)'}</dd>`)
  out.push('</dl>')
  for (const s of r.suites) {
    out.push(`<h3>${h(s.name)}</h3><ul>`)
    out.push(`<li>prompt ${s.prompt ? `<code>${h(s.prompt.id)}@${h(s.prompt.version)}</code> sha256 <code>${h(s.prompt.sha256)}</code>` : '—'}</li>`)
    out.push(`<li>model ${s.model ? `<code>${h(s.model.provider)}:${h(s.model.id)}</code>` : '—'}</li>`)
    for (const d of s.datasets) out.push(`<li>dataset <code>${h(d.path)}</code> sha256 <code>${h(d.sha256)}</code>, ${d.rows} rows${d.skippedRows ? `, <strong>${d.skippedRows} skipped as malformed</strong>` : ''}</li>`)
    for (const e of s.evaluators) {
      out.push(
        `<li>evaluator <code>${h(e.name)}@${h(e.version)}</code> config <code>${h(short(e.configHash))}</code>${e.rubric ? `, rubric <code>${h(e.rubric.id)}@${h(e.rubric.version)}</code> (${h(short(e.rubric.sha256))})` : ''}${e.owner ? `, owner ${h(e.owner)}` : ''}${e.controls?.length ? `, controls ${h(e.controls.join(', '))}` : ''}</li>`,
      )
    }
    out.push('</ul>')
  }
  out.push('</section>')
  return out.join('\n')
}

function evidenceSection(r: RunReport): string {
  const out = ['<section id="evidence"><h2>Evidence</h2>']
  if (r.shards?.length) {
    out.push(`<p>Merged from ${r.shards.length} shards, one hash chain each; <code>${h(r.evidence.path)}</code> sha256 <code>${h(r.evidence.lastHash)}</code>, ${r.evidence.count} records in all.</p>`)
    out.push('<table><thead><tr><th>shard</th><th>run</th><th>evidence file</th><th class="n">records</th><th>last hash</th></tr></thead><tbody>')
    for (const sh of r.shards) out.push(`<tr><td>${sh.index + 1}/${sh.count}</td><td><code>${h(sh.runId)}</code></td><td><code>${h(sh.file)}</code></td><td class="n">${sh.records}</td><td><code>${h(sh.lastHash)}</code></td></tr>`)
    out.push('</tbody></table>')
    out.push('<p class="muted">Verify a shard with <code>vouch verify FILE --expect-last-hash HASH --expect-count N</code> from this table.</p>')
  } else {
    out.push(`<p><code>${h(r.evidence.path)}</code>: ${r.evidence.count} records, last hash <code>${h(r.evidence.lastHash)}</code>.</p>`)
    out.push(`<p class="muted">Verify with <code>vouch verify ${h(r.evidence.path)}</code> in the run directory.</p>`)
  }
  out.push('</section>')
  return out.join('\n')
}

const CSS = `
header nav a{margin:0 2px}
.filters{display:flex;flex-wrap:wrap;gap:10px 18px;align-items:center;background:var(--soft);border:1px solid var(--line);padding:8px 12px;margin:8px 0 12px;position:sticky;top:0;z-index:1}
.filters select,.filters input{font:inherit;padding:2px 4px}
.filters output{margin-left:auto;color:var(--muted)}
details.case{border:1px solid var(--line);border-radius:4px;margin:6px 0;background:#fff}
details.case>summary{cursor:pointer;padding:6px 10px;list-style-position:inside}
details.case[data-status=fail]{border-left:4px solid var(--fail)}details.case[data-status=error]{border-left:4px solid var(--error)}details.case[data-status=skipped]{border-left:4px solid var(--skipped)}details.case[data-status=pass]{border-left:4px solid var(--pass)}
.case-body{padding:4px 12px 10px}
.field-name{font-weight:600;margin-top:6px}
.reason{color:var(--muted);margin-left:6px}
.tag{display:inline-block;border:1px solid var(--line);border-radius:3px;padding:0 5px;font-size:11px;background:var(--soft)}
ul.checks{list-style:none;padding-left:4px}ul.criteria{margin:4px 0 0;padding-left:18px}
details.raw summary{cursor:pointer}
`
