import { canonicalJson } from '../core/canonical-json.js'
import { sha256 } from '../core/hash.js'
import { parseOptions } from '../core/parse-options.js'
import { evidenceEntrySchema, type EvidenceEntry, type EvidenceRecord } from './evidence-record.js'

/**
 * Chains one entry: adds `seq` and `prevHash`, computes
 * `hash = sha256(prevHash + canonicalJson(record without hash))`, and returns the record with
 * the exact line to append (canonical JSON of the full record, newline-terminated).
 *
 * The entry is checked against the record schema first, so a sink never writes a line that
 * `verifyEvidence` would later call a schema violation. Top-level members are serialised once and
 * spliced into both the hashed text and the line (1 MB field values are encoded once, not twice).
 */
export function chainRecord(entry: EvidenceEntry, seq: number, prevHash: string): { record: EvidenceRecord; line: string } {
  parseOptions(evidenceEntrySchema, entry, 'evidence entry')
  const record = { ...entry, seq, prevHash } as Record<string, unknown>
  delete record.hash
  const members: [string, string][] = []
  for (const key of Object.keys(record).sort()) {
    const value = record[key]
    if (value === undefined) continue
    members.push([key, `${JSON.stringify(key)}:${canonicalJson(value)}`])
  }
  const body = `{${members.map((m) => m[1]).join(',')}}`
  const hash = sha256(prevHash + body)
  const hashMember = `"hash":${JSON.stringify(hash)}`
  // "hash" takes its sorted place among the members (code-unit order, as canonicalJson sorts).
  let at = members.findIndex(([key]) => key > 'hash')
  if (at === -1) at = members.length
  const parts = members.map((m) => m[1])
  parts.splice(at, 0, hashMember)
  return { record: { ...(record as EvidenceRecord), hash }, line: `{${parts.join(',')}}\n` }
}

