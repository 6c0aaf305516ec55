import type { LocationScan } from '../../evidence/scan-evidence-location.js'
import { escapeMarkdown as mdCell } from '../escape-markdown.js'
import type { CoverageBucket, CoverageMetrics, RateRow } from './collect-coverage.js'
import { coveragePct as pct } from './coverage-pct.js'

function rateTable(title: string, rows: RateRow[], h: string): string[] {
  if (rows.length === 0) return []
  return [
    `${h}# ${title}`,
    '',
    '| | requests | failed | fail rate | errors |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${mdCell(r.key)} | ${r.requests} | ${r.failed} | ${pct(r.failRate)} | ${r.errored} |`),
    '',
  ]
}

export function renderCoverageMarkdown(
  m: CoverageMetrics,
  meta: { generatedAt: string; bucket: CoverageBucket; sources: LocationScan[]; intact: boolean; signed: boolean },
): string {
  const lines: string[] = ['# vouch coverage report', '']
  lines.push(`Generated ${meta.generatedAt}. ${m.records} records, ${m.requests} requests${m.from ? `, ${m.from} to ${m.to}` : ''}.`, '')
  lines.push('## Evidence integrity', '')
  for (const s of meta.sources) {
    lines.push(`- ${mdCell(s.location)}: ${s.ok ? 'intact' : '**BROKEN**'} (${s.count} records in ${s.chains.length} chain${s.chains.length === 1 ? '' : 's'})`)
    for (const c of s.chains.filter((x) => !x.ok)) lines.push(`  - ${mdCell(c.name)}: breaks at seq ${c.firstBad!.seq}: ${mdCell(c.firstBad!.reason)}`)
    for (const c of s.chains.filter((x) => x.signature.problem)) lines.push(`  - ${mdCell(c.name)}: signature check failed: ${mdCell(c.signature.problem!)}`)
    for (const p of s.problems) lines.push(`  - ${mdCell(p)}`)
  }
  lines.push('', meta.signed ? 'Signed checkpoints were checked against the given key.' : 'Not checked against a signing key (--key): a complete rewrite of the evidence cannot be detected, and request counts from checkpoints are unverified.', '')
  lines.push(...coverageSectionsMarkdown(m, { bucket: meta.bucket, level: 2 }))
  return `${lines.join('\n')}\n`
}

/**
 * The metric sections (audit-log coverage, failure rates, privacy failures per 1,000 requests,
 * drift, judge agreement) as Markdown lines, headed at `level`: the coverage report and the SOC 2
 * report render the same sections from the same metrics.
 */
export function coverageSectionsMarkdown(m: CoverageMetrics, { bucket, level }: { bucket: CoverageBucket; level: number }): string[] {
  const h = '#'.repeat(level)
  const lines: string[] = []
  lines.push(`${h} Audit-log coverage`, '')
  if (m.audit.instances.length === 0) {
    lines.push('No guardrail request ordinals in this evidence (release-gate runs or logs written before vouch recorded them): coverage cannot be computed.', '')
  } else {
    lines.push(`Requests with a record ÷ requests seen: **${pct(m.audit.coverage)}** (${m.audit.recorded} of ${m.audit.seen}).`, '')
    lines.push('| guardrail instance | seen | recorded | coverage | first requests without a record |', '| --- | ---: | ---: | ---: | --- |')
    for (const i of m.audit.instances) lines.push(`| ${mdCell(i.instance)} | ${i.seen}${i.seenFrom === 'checkpoint' ? ' ²' : ''} | ${i.recorded} | ${pct(i.coverage)} | ${i.missing.length ? i.missing.join(', ') : '—'} |`)
    lines.push('')
    if (m.audit.instances.some((i) => i.seenFrom === 'checkpoint')) lines.push('² from the requests-seen count its sink signed in a checkpoint: higher than the last request ordinal in the records (requests after the last record, or a cut tail).', '')
    if (m.audit.unknown > 0) lines.push(`${m.audit.unknown} requests carry no ordinal and are not counted in coverage.`, '')
    lines.push("Requests seen are the highest of the request ordinals recorded and the counts signed in checkpoints; without signed checkpoints, requests after an instance's last record (or a cut tail) cannot be seen.", '')
  }
  lines.push(`${h} Failure rates`, '')
  lines.push(...rateTable('By route', m.byRoute, h), ...rateTable('By cohort', m.byCohort, h))
  lines.push(`${h} Privacy failures per 1,000 requests (by ${bucket})`, '')
  lines.push(`Overall: **${m.privacy.per1000 === undefined ? '—' : m.privacy.per1000.toFixed(2)}** (${m.privacy.failedRequests} requests).`, '')
  if (m.privacy.byBucket.length) {
    lines.push(`| ${bucket} starting | requests | privacy failures | per 1,000 |`, '| --- | ---: | ---: | ---: |')
    for (const b of m.privacy.byBucket) lines.push(`| ${b.bucket} | ${b.requests} | ${b.failed} | ${b.per1000.toFixed(2)} |`)
    lines.push('')
  }
  lines.push(`${h} Model and provider drift (by ${bucket})`, '')
  if (m.drift.length === 0) lines.push('No model recorded.', '')
  else {
    lines.push(`| ${bucket} starting | models (requests) | new |`, '| --- | --- | --- |')
    for (const d of m.drift) {
      lines.push(`| ${d.bucket} | ${Object.entries(d.models).map(([k, v]) => `${mdCell(k)} (${v})`).join(', ')} | ${d.newModels.length && d !== m.drift[0] ? d.newModels.map(mdCell).join(', ') : '—'} |`)
    }
    lines.push('')
  }
  lines.push(`${h} LLM-judge agreement`, '')
  lines.push(
    m.judge.judged === 0
      ? 'No judged criteria in this evidence.'
      : `${m.judge.judged} judged verdicts, mean agreement across votes ${pct(m.judge.meanAgreement)}; ${m.judge.split} were split decisions.`,
    '',
  )
  return lines
}
