import { redact } from '../redaction/redact.js'
import type { EvalResult, Finding, Sample } from '../core/types.js'

/** Most findings listed in one failure message. */
const MAX_FINDINGS = 20
/** Longest excerpt of redacted text in a failure message. */
const MAX_EXCERPT = 400

/** A finding as a line: type, field, path, offsets, score — never the matched value. */
export function describeFinding(f: Finding): string {
  return `${f.type} in ${f.field}${f.path ? ` at ${f.path}` : ''} [${f.start}, ${f.end}) score ${Number(f.score.toFixed(3))}${f.detector ? ` (${f.detector})` : ''}${f.message ? `: ${f.message}` : ''}`
}

/**
 * The text of a field with every finding in it replaced by `<TYPE>`: shows where the problem is
 * without repeating the value. Undefined for fields that are not plain text.
 */
export function redactedExcerpt(sample: Sample, field: string, findings: readonly Finding[]): string | undefined {
  const text = field === 'input' ? sample.input : field === 'output' ? sample.output : /^context\[(\d+)\]$/.test(field) ? sample.context?.[Number(field.slice(8, -1))] : undefined
  if (typeof text !== 'string') return undefined
  const own = findings.filter((f) => f.field === field)
  const shown = redact(text, own, { style: 'type' })
  return shown.length > MAX_EXCERPT ? `${shown.slice(0, MAX_EXCERPT)}…` : shown
}

/** The body of a failure message: status, score, reason, findings and redacted excerpts. */
export function describeResult(result: EvalResult, sample: Sample, { excerpts = true }: { excerpts?: boolean } = {}): string {
  const lines = [`${result.evaluator}@${result.version}: ${result.status} (score ${Number(result.score.toFixed(3))})${result.policyId ? ` [${result.policyId}]` : ''}`, `reason: ${result.reason}`]
  const criteria = result.details?.criteria
  if (Array.isArray(criteria)) {
    const notPassing = (criteria as { id: string; status: string; reason: string }[]).filter((c) => c.status !== 'pass' && c.status !== 'not_applicable')
    if (notPassing.length) lines.push('criteria:', ...notPassing.map((c) => `  - ${c.id}: ${c.status}: ${c.reason}`))
  }
  if (result.findings.length) {
    lines.push(`findings (${result.findings.length}):`, ...result.findings.slice(0, MAX_FINDINGS).map((f) => `  - ${describeFinding(f)}`))
    if (result.findings.length > MAX_FINDINGS) lines.push(`  …and ${result.findings.length - MAX_FINDINGS} more`)
    if (excerpts) {
      for (const field of [...new Set(result.findings.filter((f) => !f.path).map((f) => f.field))]) {
        const excerpt = redactedExcerpt(sample, field, result.findings)
        if (excerpt !== undefined) lines.push(`${field} (redacted): ${JSON.stringify(excerpt)}`)
      }
    }
  }
  return lines.join('\n')
}
