import { checkRecordLine, type CheckedLine } from './check-record.js'
import { expandEntry, type RecordContext } from './record-context.js'
import { GENESIS_HASH, type EvidenceRecord, type StoredSample, type Tombstone } from './evidence-record.js'
import type { FileLine } from './read-lines.js'

export interface EvidenceBreak {
  /** 1-based line of the first record that is not intact (or the first missing line on truncation). */
  line: number
  /** The seq that belongs on that line (`line - 1`). */
  seq: number
  /** What is wrong, never quoting record content. */
  reason: string
}

/** Payloads replaced by tombstones, by reason. */
export interface ErasedCounts {
  retention: number
  'subject-request': number
}

export type ChainStep =
  | { line: CheckedLine; record: EvidenceRecord; tombstone?: undefined }
  | { line: CheckedLine; record?: undefined; tombstone: Tombstone }
  | { bad: EvidenceBreak }

/**
 * Walks a log line by line and checks each record on its own (JSON, schema, canonical form, hash)
 * and in the chain (seq = position, prevHash = previous hash, a sample referenced by hash was
 * stored inline before). Shared by verify, export, retain/erase and the SOC 2 report.
 */
export class ChainChecker {
  count = 0
  lastHash = GENESIS_HASH
  readonly erased: ErasedCounts = { retention: 0, 'subject-request': 0 }
  /** The last sample stored inline, and whether a payload was erased since (it may have carried a newer one). */
  private lastSample: { hash: string; sample: StoredSample } | undefined
  private erasedSinceSample = false
  /** Format 3: the last run context stored inline, and whether a payload was erased since. */
  private lastContext: { hash: string; context: RecordContext } | undefined
  private erasedSinceContext = false

  /** The record when the line is intact and in place (or its tombstone), else where and why the chain breaks. */
  push({ line, text, terminated }: FileLine): ChainStep {
    const fail = (reason: string) => ({ bad: { line, seq: line - 1, reason } })
    if (text === undefined) return fail('not valid UTF-8')
    if (!terminated) return fail('last line has no trailing newline (torn or interrupted write)')
    if (text.trim() === '') return fail('empty line')
    const check = checkRecordLine(text)
    if (!check.ok) return fail(check.reason)
    const { seq, prevHash, hash } = check
    if (seq !== line - 1) return fail(`seq is ${seq}, expected ${line - 1}: a record was deleted, inserted or reordered at or before this line`)
    if (prevHash !== this.lastHash) {
      return fail("prevHash does not match the previous record's hash: a record was replaced, inserted or deleted before this line")
    }
    let record = check.record
    if (check.format === 3 && !check.tombstone) {
      // Join the record's own members with its run context (inline here, or the last one stored inline).
      if (check.context) {
        this.lastContext = { hash: check.contextHash!, context: check.context }
        this.erasedSinceContext = false
      } else if (this.lastContext?.hash !== check.contextHash && !this.erasedSinceContext) {
        return fail('the record references a run context that no earlier record holds')
      }
      const context = this.lastContext && this.lastContext.hash === check.contextHash ? this.lastContext.context : undefined
      record = { ...expandEntry(context, check.own!), ts: check.ts, ...(check.sample ? { sample: check.sample } : {}), seq, prevHash, hash } as EvidenceRecord
    }
    if (check.tombstone) {
      this.erased[check.tombstone.reason]++
      // An erased record may have carried a sample or context later records reference: those resolve to nothing.
      this.erasedSinceSample = true
      this.erasedSinceContext = true
    } else if (check.sampleHash !== undefined) {
      if (check.sampleInline) {
        this.lastSample = { hash: check.sampleHash, sample: record!.sample! }
        this.erasedSinceSample = false
      } else if (this.lastSample?.hash === check.sampleHash) record = { ...record!, sample: this.lastSample.sample }
      else if (!this.erasedSinceSample) return fail('the record references a stored sample that no earlier record holds')
    }
    this.count++
    this.lastHash = hash
    return record ? { line: check, record } : { line: check, tombstone: check.tombstone! }
  }
}
