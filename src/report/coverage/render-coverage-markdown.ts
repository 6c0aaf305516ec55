import type { LocationScan } from '../../evidence/scan-evidence-location.js'
import type { CoverageBucket, CoverageMetrics, RateRow } from './collect-coverage.js'

const pct = (x: number | undefined) => (x === undefined ? '—' : `${(x * 100).toFixed(x === 1 || x === 0 ? 0 : 2)}%`)

/** Escapes text for a Markdown table cell: no HTML, no Markdown control characters, no line breaks. */
export function mdCell(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~&]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')
}

function rateTable(title: string, rows: RateRow[]): string[] {
  if (rows.length === 0) return []
  return [
    `### ${title}`,
    '',
    '| | requests | failed | fail rate | errors |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${mdCell(r.key)} | ${r.requests} | ${r.failed} | ${pct(r.failRate)} | ${r.errored} |`),
    '',
  ]
}

export function renderCoverageMarkdown(
  m: CoverageMetrics,
  meta: { generatedAt: string; bucket: CoverageBucket; sources: LocationScan[]; intact: boolean },
): string {
  const lines: string[] = ['# vouch coverage report', '']
  lines.push(`Generated ${meta.generatedAt}. ${m.records} records, ${m.requests} requests${m.from ? `, ${m.from} to ${m.to}` : ''}.`, '')
  lines.push('## Evidence integrity', '')
  for (const s of meta.sources) {
    lines.push(`- ${mdCell(s.location)}: ${s.ok ? 'intact' : '**BROKEN**'} (${s.count} records in ${s.chains.length} chain${s.chains.length === 1 ? '' : 's'})`)
    for (const c of s.chains.filter((x) => !x.ok)) lines.push(`  - ${mdCell(c.name)}: breaks at seq ${c.firstBad!.seq}: ${mdCell(c.firstBad!.reason)}`)
    for (const p of s.problems) lines.push(`  - ${mdCell(p)}`)
  }
  lines.push('')
  lines.push('## Audit-log coverage', '')
  if (m.audit.instances.length === 0) {
    lines.push('No guardrail request ordinals in this evidence (release-gate runs or logs written before vouch recorded them): coverage cannot be computed.', '')
  } else {
    lines.push(`Requests with a record ÷ requests seen: **${pct(m.audit.coverage)}** (${m.audit.recorded} of ${m.audit.seen}).`, '')
    lines.push('| guardrail instance | seen | recorded | coverage | first requests without a record |', '| --- | ---: | ---: | ---: | --- |')
    for (const i of m.audit.instances) lines.push(`| ${mdCell(i.instance)} | ${i.seen} | ${i.recorded} | ${pct(i.coverage)} | ${i.missing.length ? i.missing.join(', ') : '—'} |`)
    lines.push('')
    if (m.audit.unknown > 0) lines.push(`${m.audit.unknown} requests carry no ordinal and are not counted in coverage.`, '')
    lines.push('Requests seen after an instance\'s last record are visible only through its signed checkpoints; a log whose tail was cut looks complete here unless verified against them.', '')
  }
  lines.push('## Failure rates', '')
  lines.push(...rateTable('By route', m.byRoute), ...rateTable('By cohort', m.byCohort))
  lines.push(`## Privacy failures per 1,000 requests (by ${meta.bucket})`, '')
  lines.push(`Overall: **${m.privacy.per1000 === undefined ? '—' : m.privacy.per1000.toFixed(2)}** (${m.privacy.failedRequests} requests).`, '')
  if (m.privacy.byBucket.length) {
    lines.push(`| ${meta.bucket} starting | requests | privacy failures | per 1,000 |`, '| --- | ---: | ---: | ---: |')
    for (const b of m.privacy.byBucket) lines.push(`| ${b.bucket} | ${b.requests} | ${b.failed} | ${b.per1000.toFixed(2)} |`)
    lines.push('')
  }
  lines.push(`## Model and provider drift (by ${meta.bucket})`, '')
  if (m.drift.length === 0) lines.push('No model recorded.', '')
  else {
    lines.push(`| ${meta.bucket} starting | models (requests) | new |`, '| --- | --- | --- |')
    for (const d of m.drift) {
      lines.push(`| ${d.bucket} | ${Object.entries(d.models).map(([k, v]) => `${mdCell(k)} (${v})`).join(', ')} | ${d.newModels.length && d !== m.drift[0] ? d.newModels.map(mdCell).join(', ') : '—'} |`)
    }
    lines.push('')
  }
  lines.push('## LLM-judge agreement', '')
  lines.push(
    m.judge.judged === 0
      ? 'No judged criteria in this evidence.'
      : `${m.judge.judged} judged verdicts, mean agreement across votes ${pct(m.judge.meanAgreement)}; ${m.judge.split} were split decisions.`,
    '',
  )
  return `${lines.join('\n')}\n`
}
