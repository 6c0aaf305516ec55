import { canonicalJson } from '../core/canonical-json.js'
import { formatPath } from '../core/parse-options.js'
import { sha256 } from '../core/hash.js'
import { headerText, storedJson } from './chain-record.js'
import { ownMembersSchema, recordContextSchema, type OwnMembers, type RecordContext } from './record-context.js'
import {
  evidenceRecordSchema,
  recordLineV2Schema,
  recordPayloadSchema,
  storedSampleSchema,
  type EvidenceRecord,
  type StoredSample,
  type Tombstone,
} from './evidence-record.js'

/** One line checked on its own. `record` is absent for a tombstone (its payload was erased). */
export interface CheckedLine {
  ok: true
  format: 1 | 2 | 3
  seq: number
  prevHash: string
  hash: string
  ts: string
  /** The record as consumers see it; for format 2 a sample stored by reference is not resolved yet. */
  record: EvidenceRecord | undefined
  tombstone?: Tombstone
  /** Format 2 and 3: hash of the record's sample, and whether the sample is stored inline on this line. */
  sampleHash?: string
  sampleInline?: boolean
  /** Format 3: the record's own members, the hash of its run context, and the context when stored inline on this line. */
  own?: OwnMembers
  contextHash?: string
  context?: RecordContext
  /** Format 3: the sample when stored inline on this line. */
  sample?: StoredSample
}

export type RecordCheck = CheckedLine | { ok: false; reason: string; seq?: number }

/**
 * Checks one line on its own: JSON, the record schema, canonical form, and that `hash` (and for
 * format 2 `payloadHash`) match the content. Chain position (seq, prevHash) and sample references
 * are the caller's business. Reasons never quote values.
 */
export function checkRecordLine(text: string): RecordCheck {
  if (text.includes('\uFEFF')) return { ok: false, reason: 'the line holds a byte order mark (U+FEFF): evidence lines never do' }
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
  return obj.v === undefined ? checkV1(text, obj) : checkV2(text, obj)
}

function schemaViolation(issue: { path: PropertyKey[]; message: string }, prefix: string, seq: number | undefined) {
  const where = formatPath(issue.path)
  return { ok: false as const, reason: `schema violation at ${prefix}${where || (prefix ? '' : '(root)')}: ${issue.message}`, ...(seq !== undefined ? { seq } : {}) }
}

function checkV2(text: string, obj: Record<string, unknown>): RecordCheck {
  const seqRaw = typeof obj.seq === 'number' ? obj.seq : undefined
  if (obj.v !== 2 && obj.v !== 3) return { ok: false, reason: 'unknown record format version (this vouch reads formats 1, 2 and 3)', ...(seqRaw !== undefined ? { seq: seqRaw } : {}) }
  const line = recordLineV2Schema.safeParse(obj)
  if (!line.success) return schemaViolation(line.error.issues[0]!, '', seqRaw)
  const { v, seq, prevHash, ts, hash, payload, tombstone } = line.data
  const withSeq = { seq }
  const base = { ok: true as const, format: v, seq, prevHash, hash, ts }
  if (tombstone) {
    if (sha256(prevHash + headerText({ payloadHash: line.data.payloadHash!, prevHash, seq, ts, v })) !== hash) {
      return { ok: false, reason: 'hash does not match the record header (the record was edited)', ...withSeq }
    }
    if (storedJson(obj) !== text) return { ok: false, reason: 'line is not in canonical JSON form (the line was rewritten)', ...withSeq }
    return { ...base, record: undefined, tombstone }
  }
  // Schema first (as format 2 does), then the hashes.
  const v3 = v === 3 ? checkV3Payload(payload!, base) : undefined
  if (v3 && !v3.ok) return v3
  const parsed = v3 ? undefined : recordPayloadSchema.safeParse(payload)
  if (parsed && !parsed.success) return schemaViolation(parsed.error.issues[0]!, '', seq)
  let payloadText: string
  let canonical: boolean
  if (keysSorted(obj) && JSON.stringify(obj) === text) {
    // Fast path: JSON.parse keeps key order, so with every object's keys in sorted order native
    // JSON.stringify gives exactly the stored form (the line holds no U+FEFF, checked above).
    canonical = true
    payloadText = JSON.stringify(payload)
  } else {
    payloadText = storedJson(payload)
    canonical = storedJson(obj) === text
  }
  // Format 3 stores no payloadHash beside its payload: the header commits to the hash of the payload as it stands.
  const payloadHash = v3 ? sha256(payloadText) : line.data.payloadHash!
  if (sha256(prevHash + headerText({ payloadHash, prevHash, seq, ts, v })) !== hash) {
    return { ok: false, reason: v3 ? 'payload hash does not match the record hash (the record was edited)' : 'hash does not match the record header (the record was edited)', ...withSeq }
  }
  if (!v3 && sha256(payloadText) !== payloadHash) return { ok: false, reason: 'payload hash does not match the payload (the record was edited)', ...withSeq }
  if (!canonical) return { ok: false, reason: 'line is not in canonical JSON form (the line was rewritten)', ...withSeq }
  if (v3) return v3
  const { sampleHash, ...entry } = parsed!.data!
  const inline = entry.sample !== undefined
  if (inline && sampleHash === undefined) return { ok: false, reason: 'payload holds a sample without its sampleHash', ...withSeq }
  if (inline && sha256(storedJson(entry.sample)) !== sampleHash) return { ok: false, reason: 'sampleHash does not match the stored sample', ...withSeq }
  const record = { ...entry, ts, seq, prevHash, hash } as EvidenceRecord
  return { ...base, record, ...(sampleHash !== undefined ? { sampleHash, sampleInline: inline } : {}) }
}

/**
 * A format 3 payload: its own members, `contextHash` with the context inline or not, and the
 * sample as in format 2. `record` is left to the chain walker, which holds the context.
 */
function checkV3Payload(payload: Record<string, unknown>, base: { ok: true; format: 2 | 3; seq: number; prevHash: string; hash: string; ts: string }): RecordCheck {
  const withSeq = { seq: base.seq }
  const { context, contextHash, sample, sampleHash, ...rest } = payload
  if (typeof contextHash !== 'string' || !/^[0-9a-f]{64}$/.test(contextHash)) return { ok: false, reason: 'schema violation at contextHash: must be a sha256 hex digest', ...withSeq }
  const own = ownMembersSchema.safeParse(rest)
  if (!own.success) return schemaViolation(own.error.issues[0]!, '', base.seq)
  let ctx: RecordContext | undefined
  if (context !== undefined) {
    const parsed = recordContextSchema.safeParse(context)
    if (!parsed.success) return schemaViolation(parsed.error.issues[0]!, 'context.', base.seq)
    if (sha256(storedJson(context)) !== contextHash) return { ok: false, reason: 'contextHash does not match the stored context', ...withSeq }
    ctx = context as RecordContext
  }
  let stored: StoredSample | undefined
  if (sample !== undefined || sampleHash !== undefined) {
    if (typeof sampleHash !== 'string' || !/^[0-9a-f]{64}$/.test(sampleHash)) return { ok: false, reason: 'payload holds a sample without its sampleHash', ...withSeq }
    if (sample !== undefined) {
      const parsed = storedSampleSchema.safeParse(sample)
      if (!parsed.success) return schemaViolation(parsed.error.issues[0]!, 'sample.', base.seq)
      if (sha256(storedJson(sample)) !== sampleHash) return { ok: false, reason: 'sampleHash does not match the stored sample', ...withSeq }
      stored = sample as StoredSample
    }
  }
  return {
    ...base,
    record: undefined,
    own: own.data,
    contextHash,
    ...(ctx ? { context: ctx } : {}),
    ...(typeof sampleHash === 'string' ? { sampleHash, sampleInline: stored !== undefined } : {}),
    ...(stored ? { sample: stored } : {}),
  }
}

function checkV1(text: string, obj: Record<string, unknown>): RecordCheck {
  const seq = typeof obj.seq === 'number' ? obj.seq : undefined
  const parsed = evidenceRecordSchema.safeParse(obj)
  if (!parsed.success) return schemaViolation(parsed.error.issues[0]!, '', seq)
  const withSeq = seq !== undefined ? { seq } : {}
  const { hash: _hash, ...body } = obj
  let canonical: boolean
  let bodyText: string
  if (keysSorted(obj) && JSON.stringify(obj) === text) {
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
  const r = parsed.data
  return { ok: true, format: 1, seq: r.seq, prevHash: r.prevHash, hash: r.hash, ts: r.ts, record: r }
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
