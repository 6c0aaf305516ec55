import { canonicalJson } from '../core/canonical-json.js'
import { formatPath } from '../core/parse-options.js'
import { sha256 } from '../core/hash.js'
import { evidenceRecordSchema, type EvidenceRecord } from './evidence-record.js'

export type RecordCheck = { ok: true; record: EvidenceRecord; raw: Record<string, unknown> } | { ok: false; reason: string; seq?: number }

/**
 * Checks one line on its own: JSON, the record schema, canonical form, and that `hash` matches the
 * content. Chain position (seq, prevHash) is the caller's business. Reasons never quote values.
 */
export function checkRecordLine(text: string): RecordCheck {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    // Node's message may quote the text around the error: keep only the position.
    const position = /position (\d{1,12})/.exec((error as Error).message)?.[1]
    return { ok: false, reason: `malformed JSON${position ? ` (at character ${position})` : ''}` }
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: 'not a JSON object' }
  const obj = raw as Record<string, unknown>
  const seq = typeof obj.seq === 'number' ? obj.seq : undefined
  const parsed = evidenceRecordSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    return { ok: false, reason: `schema violation at ${formatPath(issue.path) || '(root)'}: ${issue.message}`, ...(seq !== undefined ? { seq } : {}) }
  }
  const withSeq = seq !== undefined ? { seq } : {}
  const { hash: _hash, ...body } = obj
  let canonical: boolean
  let bodyText: string
  if (keysSorted(obj) && JSON.stringify(obj) === text) {
    // Fast path: JSON.parse keeps key order, so with every object's keys already in sorted order
    // native JSON.stringify gives exactly canonicalJson's output (same string and number encoding).
    canonical = true
    bodyText = JSON.stringify(body)
  } else {
    canonical = canonicalJson(obj) === text
    bodyText = canonicalJson(body)
  }
  if (sha256(String(obj.prevHash) + bodyText) !== obj.hash) {
    return { ok: false, reason: 'hash does not match the record content (the record was edited)', ...withSeq }
  }
  if (!canonical) return { ok: false, reason: 'line is not in canonical JSON form (the line was rewritten)', ...withSeq }
  return { ok: true, record: parsed.data, raw: obj }
}

/** True when every object's own keys are in canonicalJson's order (UTF-16 code units). */
function keysSorted(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true
  if (Array.isArray(value)) {
    for (const v of value) if (!keysSorted(v)) return false
    return true
  }
  let prev: string | undefined
  for (const key in value) {
    if (prev !== undefined && !(prev < key)) return false
    prev = key
    if (!keysSorted((value as Record<string, unknown>)[key])) return false
  }
  return true
}
