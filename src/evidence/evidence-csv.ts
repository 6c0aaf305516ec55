import { formatModelRef } from '../core/model-ref.js'
import type { EvidenceRecord } from './evidence-record.js'

/** The columns of `vouch export --format csv`, one row per record. */
export const EVIDENCE_CSV_COLUMNS = [
  'ts',
  'seq',
  'runId',
  'requestId',
  'suite',
  'route',
  'caseId',
  'evaluator',
  'version',
  'configHash',
  'status',
  'score',
  'reason',
  'action',
  'review',
  'policyId',
  'findings',
  'promptId',
  'promptVersion',
  'rubricId',
  'rubricVersion',
  'owner',
  'controls',
  'model',
  'datasetRow',
  'gitCommit',
  'prevHash',
  'hash',
] as const

type Column = (typeof EVIDENCE_CSV_COLUMNS)[number]

/** The flattened key fields of a record. Findings are summarised by type (`EMAIL_ADDRESS×2`), never their values. */
export function evidenceCsvFields(record: EvidenceRecord): Record<Column, string | number | undefined> {
  const counts = new Map<string, number>()
  for (const f of record.result.findings) counts.set(f.type, (counts.get(f.type) ?? 0) + 1)
  return {
    ts: record.ts,
    seq: record.seq,
    runId: record.runId,
    requestId: record.requestId,
    suite: record.suite,
    route: record.route,
    caseId: record.caseId,
    evaluator: record.evaluator.name,
    version: record.evaluator.version,
    configHash: record.evaluator.configHash,
    status: record.result.status,
    score: record.result.score,
    reason: record.result.reason,
    action: record.action,
    review: record.result.action,
    policyId: record.result.policyId,
    findings: [...counts].map(([type, n]) => (n > 1 ? `${type}×${n}` : type)).join(' '),
    promptId: record.prompt?.id,
    promptVersion: record.prompt?.version,
    rubricId: (record.rubric ?? record.result.rubric)?.id,
    rubricVersion: (record.rubric ?? record.result.rubric)?.version,
    owner: record.owner,
    controls: record.controls?.join(' '),
    model: record.model ? formatModelRef(record.model) : undefined,
    datasetRow: record.dataset?.row,
    gitCommit: record.git ? `${record.git.commit}${record.git.dirty ? '+dirty' : ''}` : undefined,
    prevHash: record.prevHash,
    hash: record.hash,
  }
}

export function evidenceCsvHeader(): string {
  return `${EVIDENCE_CSV_COLUMNS.join(',')}\r\n`
}

export function evidenceCsvRow(record: EvidenceRecord): string {
  const fields = evidenceCsvFields(record)
  return `${EVIDENCE_CSV_COLUMNS.map((c) => csvCell(fields[c])).join(',')}\r\n`
}

/**
 * One RFC 4180 cell. Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
 * `@`, tab or carriage return) is prefixed with `'` (OWASP's CSV-injection advice): auditors open
 * these files in Excel, and reasons can carry text derived from model output.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return ''
  if (typeof value === 'number') return String(value)
  let text = value
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
