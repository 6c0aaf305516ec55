import { ChainChecker } from '../../src/evidence/chain-checker.js'
import type { EvidenceRecord } from '../../src/evidence/evidence-record.js'
import { canonicalJson } from '../../src/core/canonical-json.js'
import { sha256 } from '../../src/core/hash.js'

/**
 * Recomputes a format 2 or 3 line's hashes from the documented formula (docs/evidence.md), independently
 * of chain-record.ts: `payloadHash = sha256(canonicalJson(payload))`,
 * `hash = sha256(prevHash + canonicalJson({ payloadHash, prevHash, seq, ts, v }))`.
 */
export function recomputeV2(line: string): { payloadHash: string; hash: string; parsed: Record<string, any> } {
  const parsed = JSON.parse(line) as Record<string, any>
  const payloadHash = parsed.payload === undefined ? parsed.payloadHash : sha256(canonicalJson(parsed.payload))
  const { payloadHash: _p, prevHash, seq, ts, v } = parsed
  const hash = sha256(prevHash + canonicalJson({ payloadHash, prevHash, seq, ts, v }))
  return { payloadHash, hash, parsed }
}

/** A forger's rechain: edit payloads with `edit`, then recompute every payloadHash, prevHash and hash. */
export function rechainV2(lines: string[], edit: (payload: Record<string, any>, index: number) => void): string[] {
  let prev = '0'.repeat(64)
  return lines.map((line, i) => {
    const r = JSON.parse(line) as Record<string, any>
    edit(r.payload, i)
    const payloadHash = r.payload === undefined ? r.payloadHash : sha256(canonicalJson(r.payload))
    if (r.v === 2 || r.payload === undefined) r.payloadHash = payloadHash // format 3 keeps it only beside a tombstone
    r.prevHash = prev
    r.seq = i
    r.hash = sha256(prev + canonicalJson({ payloadHash, prevHash: prev, seq: i, ts: r.ts, v: r.v }))
    prev = r.hash
    return canonicalJson(r)
  })
}

/** A forger's edit of one record: change its payload and recompute its payloadHash and hash (seq and prevHash kept). */
export function forgeRecordV2(line: string, edit: (payload: Record<string, any>) => void): string {
  const r = JSON.parse(line) as Record<string, any>
  edit(r.payload)
  const payloadHash = sha256(canonicalJson(r.payload))
  if (r.v === 2) r.payloadHash = payloadHash // format 3 recomputes it from the payload
  r.hash = sha256(r.prevHash + canonicalJson({ payloadHash, prevHash: r.prevHash, seq: r.seq, ts: r.ts, v: r.v }))
  return canonicalJson(r)
}

/** The records of a log's lines as readers see them (run context and samples resolved), through the chain walker. */
export function readRecords(lines: string[]): EvidenceRecord[] {
  const checker = new ChainChecker()
  return lines.map((text, i) => {
    const step = checker.push({ line: i + 1, text: text.endsWith('\n') ? text.slice(0, -1) : text, terminated: true })
    if ('bad' in step) throw new Error(`line ${i + 1}: ${step.bad!.reason}`)
    return step.record!
  })
}
