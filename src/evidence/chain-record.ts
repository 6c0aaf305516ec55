import { canonicalJson } from '../core/canonical-json.js'
import { sha256 } from '../core/hash.js'
import { parseOptions } from '../core/parse-options.js'
import { compactEntry, CONTEXT_REPEAT, type EvaluatorContext } from './record-context.js'
import { evidenceEntrySchema, type EvidenceEntry, type EvidenceRecord } from './evidence-record.js'

/**
 * What a writer remembers between records of one chain: the hash of the last sample stored inline,
 * and the last run context it stored inline (format 3). The context is trusted only while the
 * chain continues from this writer's own last record (`lastHash`): after another writer appended,
 * or a batch was rolled back, the next record stores its context inline again.
 */
export interface ChainState {
  lastSampleHash?: string | undefined
  context?: ContextState | undefined
  lastHash?: string | undefined
  /** The last sample serialised, so the records of one case (one sample object, several evaluators) serialise and hash it once. */
  sample?: SampleMemo | undefined
}

/** A sample's stored text and hash, valid while the same object holds the same members (`sampleMembers`). */
interface SampleMemo {
  ref: object
  members: unknown[]
  text: string
  hash: string
}

/**
 * What a memoised sample is compared on: its members (strings compare by value) and each context
 * entry. A sample with tool calls (arguments of any depth) is never memoised.
 */
function sampleMembers(sample: NonNullable<EvidenceEntry['sample']>): unknown[] | undefined {
  if (sample.toolCalls !== undefined) return undefined
  const keys = Object.keys(sample)
  const members: unknown[] = [keys.length]
  for (const key of keys) members.push(key, (sample as Record<string, unknown>)[key])
  if (sample.context) members.push(...sample.context)
  return members
}

function sameMembers(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** The record schema without the sample: for an entry whose sample was checked when it was first serialised. */
const entryWithoutSampleSchema = evidenceEntrySchema.omit({ sample: true })

/** The last context stored inline: its hash, its base members' text, its evaluators' texts, and where it was written. */
interface ContextState {
  hash: string
  baseText: string
  evaluators: Record<string, EvaluatorContext>
  evaluatorTexts: Map<string, string>
  seq: number
}

/**
 * Canonical JSON as stored in a format 2 line: `canonicalJson` with U+FEFF written as `\ufeff`, so
 * a valid line never holds a raw byte order mark (verify rejects one anywhere in the log).
 */
export function storedJson(value: unknown): string {
  const text = canonicalJson(value)
  return text.includes('\uFEFF') ? text.replace(/\uFEFF/g, '\\ufeff') : text
}

/** `{"k":v,...}` from members already serialised (`"key":value`), sorted by key as canonicalJson sorts. */
function objectText(members: [string, string][]): string {
  members.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  return `{${members.map((m) => m[1]).join(',')}}`
}

/** The hashed header of a format 2 or 3 record (keys in canonical order). */
export function headerText(h: { payloadHash: string; prevHash: string; seq: number; ts: string; v?: 2 | 3 }): string {
  return `{"payloadHash":"${h.payloadHash}","prevHash":"${h.prevHash}","seq":${h.seq},"ts":${storedJson(h.ts)},"v":${h.v ?? 2}}`
}

/**
 * Chains one entry as a format 3 record (see docs/evidence.md):
 * `payloadHash = sha256(storedJson(payload))`, `hash = sha256(prevHash + header)` where the header
 * is `{ payloadHash, prevHash, seq, ts, v: 3 }`; the line holds no `payloadHash` (a reader recomputes
 * it from the payload; a tombstone keeps it). Two things are stored once and referenced by hash:
 *
 * - the stored sample: inline only when it differs from the last one this chain stored
 *   (`state.lastSampleHash`), so a case judged by five evaluators stores its text once;
 * - the run context (`compactEntry`): run id, suite, route, prompt, git, dataset path and hash, and
 *   each evaluator's version, config hash, controls, owner and rubric. Inline only when it changed,
 *   at least every CONTEXT_REPEAT records, and whenever the chain did not continue from this
 *   writer's last record; the other records carry `contextHash` and their own members alone.
 *
 * The entry is checked against the record schema first, so a sink never writes a line that verify
 * would call a schema violation. Every member is serialised once and spliced into the line.
 */
export function chainRecord(
  entry: EvidenceEntry,
  seq: number,
  prevHash: string,
  state: ChainState = {},
): { record: EvidenceRecord; line: string } {
  const memo = sampleMemo(entry.sample, state)
  parseOptions(memo ? entryWithoutSampleSchema : evidenceEntrySchema, entry, 'evidence entry')
  const { ts, sample } = entry
  if (state.lastHash !== prevHash) state.context = undefined
  const { own, base, evaluator } = compactEntry(entry)
  const members: [string, string][] = []
  for (const key of Object.keys(own)) {
    const value = own[key]
    if (value === undefined) continue
    members.push([key, `${JSON.stringify(key)}:${storedJson(value)}`])
  }
  // The context: referenced while base and this evaluator's description are what was last stored inline.
  const baseText = storedJson(base)
  const evaluatorText = storedJson(evaluator.context)
  let context = state.context
  const reuse = context !== undefined && context.baseText === baseText && context.evaluatorTexts.get(evaluator.name) === evaluatorText && seq - context.seq < CONTEXT_REPEAT
  if (!reuse) {
    const keep = context !== undefined && context.baseText === baseText
    const evaluators = { ...(keep ? context!.evaluators : {}), [evaluator.name]: evaluator.context }
    const evaluatorTexts = new Map(keep ? context!.evaluatorTexts : [])
    evaluatorTexts.set(evaluator.name, evaluatorText)
    const contextText = storedJson({ ...base, evaluators })
    context = { hash: sha256(contextText), baseText, evaluators, evaluatorTexts, seq }
    members.push(['context', `"context":${contextText}`])
  }
  members.push(['contextHash', `"contextHash":"${context!.hash}"`])
  const { payloadText, payloadHash } = sealPayload(members, sample, state)
  const header = headerText({ payloadHash, prevHash, seq, ts, v: 3 })
  const hash = sha256(prevHash + header)
  const line = `{"hash":"${hash}","payload":${payloadText},"prevHash":"${prevHash}","seq":${seq},"ts":${storedJson(ts)},"v":3}\n`
  state.context = context
  state.lastHash = hash
  // One copy of the entry (a rest copy would be a slow dictionary object on this hot path).
  const record = Object.assign({}, entry, { seq, prevHash, hash }) as EvidenceRecord
  if (sample === undefined && 'sample' in record) delete (record as { sample?: unknown }).sample
  return { record, line }
}

/** The memo of `sample` when it is the object last serialised and still holds the same members. */
function sampleMemo(sample: EvidenceEntry['sample'], state: Pick<ChainState, 'sample'>): SampleMemo | undefined {
  const memo = state.sample
  if (sample === undefined || memo === undefined || memo.ref !== sample) return undefined
  const members = sampleMembers(sample)
  return members && sameMembers(members, memo.members) ? memo : undefined
}

/** Adds the sample (inline only when it differs from the last one stored inline) and its hash; returns the payload text and hash. */
function sealPayload(members: [string, string][], sample: EvidenceEntry['sample'], state: Pick<ChainState, 'lastSampleHash' | 'sample'>): { payloadText: string; payloadHash: string } {
  if (sample !== undefined) {
    let memo = sampleMemo(sample, state)
    if (!memo) {
      const text = storedJson(sample)
      const sampleMemberList = sampleMembers(sample)
      memo = { ref: sample, members: sampleMemberList ?? [], text, hash: sha256(text) }
      state.sample = sampleMemberList ? memo : undefined
    }
    const { text: sampleText, hash: sampleHash } = memo
    if (sampleHash !== state.lastSampleHash) members.push(['sample', `"sample":${sampleText}`])
    members.push(['sampleHash', `"sampleHash":"${sampleHash}"`])
    state.lastSampleHash = sampleHash
  }
  const payloadText = objectText(members)
  return { payloadText, payloadHash: sha256(payloadText) }
}

/** The record line of format 2 (payload hashes, samples by reference, no run context): kept for tests that check such logs still verify. */
export function chainRecordV2(entry: EvidenceEntry, seq: number, prevHash: string, state: { lastSampleHash?: string | undefined } = {}): { record: EvidenceRecord; line: string } {
  const { ts, sample, ...rest } = entry
  const members: [string, string][] = []
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) members.push([key, `${JSON.stringify(key)}:${storedJson(value)}`])
  const { payloadText, payloadHash } = sealPayload(members, sample, state)
  const hash = sha256(prevHash + headerText({ payloadHash, prevHash, seq, ts }))
  const line = `{"hash":"${hash}","payload":${payloadText},"payloadHash":"${payloadHash}","prevHash":"${prevHash}","seq":${seq},"ts":${storedJson(ts)},"v":2}\n`
  return { record: { ...entry, seq, prevHash, hash } as EvidenceRecord, line }
}

/** The record line of format 1 (before payload hashes): kept for tests that check old logs still verify. */
export function chainRecordV1(entry: EvidenceEntry, seq: number, prevHash: string): { record: EvidenceRecord; line: string } {
  const record = { ...entry, seq, prevHash } as Record<string, unknown>
  delete record.hash
  const body = canonicalJson(record)
  const hash = sha256(prevHash + body)
  return { record: { ...(record as EvidenceRecord), hash }, line: `${canonicalJson({ ...record, hash })}\n` }
}
