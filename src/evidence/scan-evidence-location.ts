import { resolve } from 'node:path'
import type { KeyObject } from 'node:crypto'
import type { EvidenceRecord } from './evidence-record.js'
import type { ErasedCounts, EvidenceBreak } from './chain-checker.js'
import { readCheckpointLines } from './checkpoint.js'
import { requestsSeen, type SignatureCheck } from './checkpoint-matcher.js'
import { isPostgresUrl, parsePostgresUrl } from './postgres/postgres-url.js'
import { scanPostgresEvidence } from './postgres/scan-postgres-evidence.js'
import { verifyEvidenceLog } from './verify-log.js'

/** One chain's verification within a location (a file log has one chain; a PostgreSQL store one per writer). */
export interface LocationChain {
  /** The file, or `chain <id>` of a store. */
  name: string
  count: number
  lastHash: string
  ok: boolean
  firstBad?: EvidenceBreak
  /** Its signed checkpoints (checked against the key when one was given). */
  signature: SignatureCheck
}

export interface LocationScan {
  /** The location as shown to people (a URL without its password). */
  location: string
  kind: 'file' | 'postgres'
  /** Every chain intact, and with a key every chain's checkpoints verified. */
  ok: boolean
  count: number
  chains: LocationChain[]
  /** Problems outside any chain (records of a chain missing from the store's registry). */
  problems: string[]
  /** Payloads replaced by tombstones (`vouch retain` / `vouch erase`). */
  erased: ErasedCounts
  /** Requests each guardrail instance had seen, from the signed checkpoints (see `requestsVerified`). */
  requests: Record<string, number>
  /** The request counts come from checkpoints whose signature was checked (a key was given). */
  requestsVerified: boolean
}

/**
 * Streams and verifies the evidence at a location, a JSONL file or a `postgres://…?table=NAME`
 * store, calling `onRecord` for each intact record; with `publicKey` also each chain's signed
 * checkpoints. The commands that read evidence (verify, export, report) go through here, so both
 * kinds of store get the same checks.
 */
export async function scanEvidenceLocation(
  location: string,
  onRecord: (record: EvidenceRecord) => void | Promise<void> = () => undefined,
  { cwd = process.cwd(), publicKey }: { cwd?: string; publicKey?: KeyObject | undefined } = {},
): Promise<LocationScan> {
  if (isPostgresUrl(location)) {
    const loc = parsePostgresUrl(location)
    const r = await scanPostgresEvidence(loc, (record) => onRecord(record), publicKey ? { publicKey } : {})
    return {
      location: r.location,
      kind: 'postgres',
      ok: r.ok,
      count: r.count,
      chains: r.chains.map((c) => ({ name: `chain ${c.chainId}`, count: c.count, lastHash: c.lastHash, ok: c.ok, signature: c.signature, ...(c.firstBad ? { firstBad: c.firstBad } : {}) })),
      problems: r.unregistered.map((id) => `records of chain "${id}" exist but the chain is missing from the store's registry`),
      erased: r.erased,
      requests: r.requests,
      requestsVerified: r.signed,
    }
  }
  const path = resolve(cwd, location)
  const r = await verifyEvidenceLog(path, publicKey ? { publicKey } : {}, onRecord)
  const c = r.chain
  return {
    location,
    kind: 'file',
    ok: r.ok,
    count: c.count,
    chains: [{ name: location, count: c.count, lastHash: c.lastHash, ok: c.ok, signature: r.signature, ...(c.firstBad ? { firstBad: c.firstBad } : {}) }],
    problems: [],
    erased: c.erased ?? { retention: 0, 'subject-request': 0 },
    requests: requestsSeen((await readCheckpointLines(path)) ?? [], publicKey),
    requestsVerified: publicKey !== undefined,
  }
}
