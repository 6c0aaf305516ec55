import type { SuiteReport } from '../runner/run-report.js'
import { num, pct, short } from './format.js'

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')

/**
 * summary.md's "LLM judge" table: each judged criterion with who judged it (provider:model, API
 * flavour, endpoint host, temperature, votes, prompt template hash, redaction) and its verdicts,
 * so nobody takes the app's model for the judge. Empty when the suite judged nothing.
 */
export function judgeLines(s: Pick<SuiteReport, 'judges'>): string[] {
  if (!s.judges?.length) return []
  const out = [
    'LLM judge, per criterion (the judge is not the app model):',
    '',
    '| evaluator | criterion | judge | API | endpoint | temperature | votes | prompt | redaction | pass | fail | n/a | error | skipped | agreement |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ]
  for (const j of s.judges) {
    const redaction = j.judge.redaction === 'pseudonymize' ? `pseudonymised (${j.pseudonymized} values)` : j.judge.redaction === 'none' ? '**opted out: sent raw**' : j.judge.redaction
    out.push(
      `| ${cell(j.evaluator)} | ${cell(j.criterion)} | \`${cell(`${j.judge.provider}:${j.judge.modelId}`)}\` | ${cell(j.judge.api)} | ${j.judge.endpoint ? `\`${cell(j.judge.endpoint)}\`` : '—'} | ${num(j.judge.temperature)} | ${j.judge.votes} | \`${short(j.judge.promptSha256)}\` | ${redaction} | ${j.pass} | ${j.fail} | ${j.notApplicable} | ${j.error} | ${j.skipped} | ${j.meanAgreement === undefined ? '—' : pct(j.meanAgreement)} |`,
    )
  }
  out.push('')
  return out
}
