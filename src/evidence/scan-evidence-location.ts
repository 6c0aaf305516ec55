import { resolve } from 'node:path'
import type { EvidenceRecord } from './evidence-record.js'
import type { EvidenceBreak } from './chain-checker.js'
import { isPostgresUrl, parsePostgresUrl } from './postgres/postgres-url.js'
import { scanPostgresEvidence } from './postgres/scan-postgres-evidence.js'
import { scanEvidence } from './verify-evidence.js'

/** One chain's verification within a location (a file log has one chain; a PostgreSQL store one per writer). */
export interface LocationChain {
  /** The file, or `chain <id>` of a store. */
  name: string
  count: number
  lastHash: string
  ok: boolean
  firstBad?: EvidenceBreak
}

export interface LocationScan {
  /** The location as shown to people (a URL without its password). */
  location: string
  kind: 'file' | 'postgres'
  ok: boolean
  count: number
  chains: LocationChain[]
  /** Problems outside any chain (records of a chain missing from the store's registry). */
  problems: string[]
}

/**
 * Streams and verifies the evidence at a location, a JSONL file or a `postgres://…?table=NAME`
 * store, calling `onRecord` for each intact record. The commands that read evidence (verify,
 * export, report) go through here, so both kinds of store get the same checks.
 */
export async function scanEvidenceLocation(
  location: string,
  onRecord: (record: EvidenceRecord) => void | Promise<void> = () => undefined,
  { cwd = process.cwd() }: { cwd?: string } = {},
): Promise<LocationScan> {
  if (isPostgresUrl(location)) {
    const loc = parsePostgresUrl(location)
    const r = await scanPostgresEvidence(loc, (record) => onRecord(record))
    return {
      location: r.location,
      kind: 'postgres',
      ok: r.ok,
      count: r.count,
      chains: r.chains.map((c) => ({ name: `chain ${c.chainId}`, count: c.count, lastHash: c.lastHash, ok: c.ok, ...(c.firstBad ? { firstBad: c.firstBad } : {}) })),
      problems: r.unregistered.map((id) => `records of chain "${id}" exist but the chain is missing from the store's registry`),
    }
  }
  const path = resolve(cwd, location)
  const r = await scanEvidence(path, {}, onRecord)
  return {
    location,
    kind: 'file',
    ok: r.ok,
    count: r.count,
    chains: [{ name: location, count: r.count, lastHash: r.lastHash, ok: r.ok, ...(r.firstBad ? { firstBad: r.firstBad } : {}) }],
    problems: [],
  }
}
