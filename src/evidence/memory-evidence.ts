import { EvidenceWriteError } from '../core/errors/evidence-write-error.js'
import { chainRecord, type ChainState } from './chain-record.js'
import { GENESIS_HASH, type EvidenceEntry, type EvidenceRecord, type EvidenceSink } from './evidence-record.js'

export interface MemoryEvidenceSink extends EvidenceSink {
  /** Every record appended so far, in chain order. */
  readonly records: readonly EvidenceRecord[]
  /** The exact lines a JSONL sink would have written (canonical JSON, newline-terminated). */
  readonly lines: readonly string[]
}

/**
 * An in-memory evidence sink for tests: the same chaining and schema check as `jsonlEvidence`,
 * so `records` hold exactly what the file would. Appending after `close()` rejects.
 */
export function memoryEvidence(): MemoryEvidenceSink {
  const records: EvidenceRecord[] = []
  const lines: string[] = []
  let closed = false
  const chain: ChainState = {}
  return {
    records,
    lines,
    async append(entry: EvidenceEntry): Promise<EvidenceRecord> {
      if (closed) throw new EvidenceWriteError({ file: 'memoryEvidence', detail: 'the sink is closed' })
      const last = records.at(-1)
      const { record, line } = chainRecord(entry, last ? last.seq + 1 : 0, last ? last.hash : GENESIS_HASH, chain)
      records.push(record)
      lines.push(line)
      return record
    },
    async lastHash(): Promise<string> {
      return records.at(-1)?.hash ?? GENESIS_HASH
    },
    async close(): Promise<void> {
      closed = true
    },
  }
}
