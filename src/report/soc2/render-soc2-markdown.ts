import { escapeCodeCell, escapeMarkdown } from '../escape-markdown.js'
import { pct, short } from '../format.js'
import { criteriaMarkdown } from './render-soc2-charts.js'
import { coverageSectionsMarkdown } from '../coverage/render-coverage-markdown.js'
import type { ControlEvidence, ControlOperation, SampledRecord } from './collect-control-evidence.js'

export interface Soc2ReportMeta {
  /** When the report was generated (ISO). */
  generatedAt: string
  toolVersion: string
}

const cell = escapeMarkdown
const rate = (n: number, d: number) => (d === 0 ? '—' : pct(n / d))
const link = (file: string, line: number) => (/^postgres(ql)?:/i.test(file) ? `${cell(file)} seq ${line - 1}` : fileLink(file, line))
const fileLink = (file: string, line: number) => `[${cell(file)}:${line}](${encodeURI(file).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}#L${line})`

/** The SOC 2 control report as Markdown: by Trust Services Criteria category, then criterion. */
export function renderSoc2Markdown(e: ControlEvidence, meta: Soc2ReportMeta): string {
  const out: string[] = []
  out.push('# SOC 2 control evidence report', '')
  out.push(`Generated ${meta.generatedAt} by vouch ${meta.toolVersion} from ${e.sources.length} evidence log${e.sources.length === 1 ? '' : 's'}, ${e.records} verified records${e.period ? `, ${e.period.from} to ${e.period.to}` : ''}.`, '')
  if (e.runs.length) out.push(`Release-gate runs: ${e.runs.map((r) => `\`${r}\``).join(', ')}.`, '')
  out.push(
    e.intact
      ? '**Integrity: every evidence log verified intact** (hash chain, and each log\'s end against the last hash and count its run recorded where one was available).'
      : '> **Integrity: evidence verification FAILED.** The figures below count only the records before the first break in each broken log. See "Evidence integrity".',
    '',
  )
  out.push('## Summary', '', '| category | criteria evidenced | records | fail | error |', '| --- | --- | --- | --- | --- |')
  for (const c of e.categories) {
    const ops = unique(c.controls.flatMap((x) => x.operations))
    out.push(`| ${c.name} | ${c.controls.length ? c.controls.map((x) => x.control).join(', ') : '— none'} | ${sum(ops, 'records')} | ${sum(ops, 'fail')} | ${sum(ops, 'error')} |`)
  }
  out.push('')
  out.push(...criteriaMarkdown(e))
  for (const c of e.categories) {
    out.push(`## ${c.name}`, '', `_${c.summary}_`, '')
    if (c.controls.length === 0) {
      out.push('No evaluator or rubric in this evidence declares a criterion in this category.', '')
      continue
    }
    for (const control of c.controls) {
      out.push(`### ${control.control}`, '')
      out.push(...operationsTable(control.operations))
      if (control.failing === 0) out.push('No failing or erroring records.', '')
      else {
        out.push(`Failing or erroring records: ${control.failing}. Sample of ${control.sample.length} (the records with the smallest hashes — reproducible, not hand-picked):`, '')
        out.push(...sampleTable(control.sample))
      }
    }
  }
  out.push('## Production coverage', '')
  out.push(
    `From the same verified records (as \`vouch report coverage\`).${e.coverageSigned ? '' : ' Request counts taken from checkpoints were not checked against a signing key (--key).'}`,
    '',
  )
  out.push(...coverageSectionsMarkdown(e.coverage, { bucket: 'week', level: 3 }))
  if (e.unmapped.length) {
    out.push('## Evaluators that declare no criterion', '', 'Their records are verified and counted above in no category.', '')
    out.push(...operationsTable(e.unmapped))
  }
  out.push('## Evidence integrity', '')
  out.push('| log | source | records verified | last hash | result | checked against |', '| --- | --- | --- | --- | --- | --- |')
  for (const s of e.sources) {
    const result = !s.ok
      ? `**TAMPERED** at line ${s.firstBad!.line} (seq ${s.firstBad!.seq}): ${cell(s.firstBad!.reason)}`
      : s.signatureProblem
        ? `**SIGNATURE CHECK FAILED**: ${cell(s.signatureProblem)}`
        : 'intact'
    out.push(`| \`${escapeCodeCell(s.file)}\` | ${s.kind}${s.runId ? ` \`${s.runId}\`` : ''} | ${s.records} | \`${s.lastHash}\` | ${result} | ${s.checkedAgainst ? `\`${escapeCodeCell(s.checkedAgainst)}\` (last hash and count)` : 'nothing: truncation at the end is not detectable'} |`)
  }
  for (const p of e.problems) out.push('', `- **${cell(p.file)}**: ${cell(p.reason)}`)
  out.push('', 'Re-check any log with `vouch verify FILE`; pull a record by its line or hash with `vouch export FILE`.', '')
  return `${out.join('\n')}\n`
}

function unique(ops: ControlOperation[]): ControlOperation[] {
  return [...new Set(ops)]
}

function sum(ops: ControlOperation[], k: 'records' | 'fail' | 'error'): number {
  return ops.reduce((n, o) => n + o[k], 0)
}

function operationsTable(ops: ControlOperation[]): string[] {
  const out = ['| evaluator | version | rubric | owner | scope | records | coverage | pass | fail | error | skipped |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |']
  for (const o of ops) {
    const coverage = `${o.covered}/${o.population} ${o.subject}s (${rate(o.covered, o.population)})${o.populationFrom === 'evidence' ? ' ¹' : ''}`
    out.push(
      `| ${cell(o.evaluator)} | ${cell(o.version)} | ${o.rubric ? `${cell(o.rubric.id)}@${cell(o.rubric.version)} \`${short(o.rubric.sha256)}\`` : '—'} | ${o.owners.length ? cell(o.owners.join(', ')) : '—'} | ${cell(o.scope)} | ${o.records} | ${coverage} | ${o.pass} (${rate(o.pass, o.records)}) | ${o.fail} (${rate(o.fail, o.records)}) | ${o.error} (${rate(o.error, o.records)}) | ${o.skipped} |`,
    )
  }
  if (ops.some((o) => o.populationFrom === 'evidence')) out.push('', '¹ population = distinct cases or requests seen in the evidence for that scope (no run report at hand).')
  out.push('')
  return out
}

function sampleTable(sample: SampledRecord[]): string[] {
  const out = ['| record | seq | hash | time | scope | case / request | evaluator | status | policy | reason |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |']
  for (const s of sample) {
    out.push(
      `| ${link(s.file, s.line)} | ${s.seq} | \`${short(s.hash, 16)}\` | ${s.ts} | ${cell(s.scope)} | ${cell(s.subject)} | ${cell(s.evaluator)}@${cell(s.version)} | ${s.status}${s.action ? ` (${s.action})` : ''} | ${cell(s.policyId ?? '')} | ${cell(s.reason)} |`,
    )
  }
  out.push('')
  return out
}
