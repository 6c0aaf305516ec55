import { canonicalJson } from '../core/canonical-json.js'
import { sha256 } from '../core/hash.js'
import { parseOptions } from '../core/parse-options.js'
import { evidenceEntrySchema, type EvidenceEntry, type EvidenceRecord } from './evidence-record.js'

/** What a writer remembers between records of one chain: the hash of the last sample stored inline. */
export interface ChainState {
  lastSampleHash?: string | undefined
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

/** The hashed header of a format 2 record (keys in canonical order). */
export function headerText(h: { payloadHash: string; prevHash: string; seq: number; ts: string }): string {
  return `{"payloadHash":"${h.payloadHash}","prevHash":"${h.prevHash}","seq":${h.seq},"ts":${storedJson(h.ts)},"v":2}`
}

/**
 * Chains one entry as a format 2 record (see docs/evidence.md):
 * `payloadHash = sha256(storedJson(payload))`, `hash = sha256(prevHash + header)` where the header
 * is `{ payloadHash, prevHash, seq, ts, v: 2 }`. The stored sample goes inline only when it
 * differs from the last one this chain stored (`state.lastSampleHash`, updated here); otherwise
 * the payload references it by `sampleHash`, so a case judged by five evaluators stores its text once.
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
  parseOptions(evidenceEntrySchema, entry, 'evidence entry')
  const { ts, sample, ...rest } = entry as EvidenceEntry & { hash?: unknown; seq?: unknown; prevHash?: unknown }
  delete (rest as Record<string, unknown>).hash
  delete (rest as Record<string, unknown>).seq
  delete (rest as Record<string, unknown>).prevHash
  const members: [string, string][] = []
  for (const key of Object.keys(rest)) {
    const value = (rest as Record<string, unknown>)[key]
    if (value === undefined) continue
    members.push([key, `${JSON.stringify(key)}:${storedJson(value)}`])
  }
  if (sample !== undefined) {
    const sampleText = storedJson(sample)
    const sampleHash = sha256(sampleText)
    if (sampleHash !== state.lastSampleHash) members.push(['sample', `"sample":${sampleText}`])
    members.push(['sampleHash', `"sampleHash":"${sampleHash}"`])
    state.lastSampleHash = sampleHash
  }
  const payloadText = objectText(members)
  const payloadHash = sha256(payloadText)
  const header = headerText({ payloadHash, prevHash, seq, ts })
  const hash = sha256(prevHash + header)
  const line = `{"hash":"${hash}","payload":${payloadText},"payloadHash":"${payloadHash}","prevHash":"${prevHash}","seq":${seq},"ts":${storedJson(ts)},"v":2}\n`
  const record = { ...(rest as Omit<EvidenceEntry, 'ts' | 'sample'>), ts, ...(sample !== undefined ? { sample } : {}), seq, prevHash, hash } as EvidenceRecord
  return { record, line }
}

/** The record line of format 1 (before payload hashes): kept for tests that check old logs still verify. */
export function chainRecordV1(entry: EvidenceEntry, seq: number, prevHash: string): { record: EvidenceRecord; line: string } {
  const record = { ...entry, seq, prevHash } as Record<string, unknown>
  delete record.hash
  const body = canonicalJson(record)
  const hash = sha256(prevHash + body)
  return { record: { ...(record as EvidenceRecord), hash }, line: `${canonicalJson({ ...record, hash })}\n` }
}
