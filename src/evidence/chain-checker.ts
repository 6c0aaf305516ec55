import { checkRecordLine } from './check-record.js'
import { GENESIS_HASH, type EvidenceRecord } from './evidence-record.js'
import type { FileLine } from './read-lines.js'

export interface EvidenceBreak {
  /** 1-based line of the first record that is not intact (or the first missing line on truncation). */
  line: number
  /** The seq that belongs on that line (`line - 1`). */
  seq: number
  /** What is wrong, never quoting record content. */
  reason: string
}

/**
 * Walks a log line by line and checks each record on its own (JSON, schema, canonical form, hash)
 * and in the chain (seq = position, prevHash = previous hash). Shared by verify and export.
 */
export class ChainChecker {
  count = 0
  lastHash = GENESIS_HASH

  /** The record when the line is intact and in place, else where and why the chain breaks. */
  push({ line, text, terminated }: FileLine): { record: EvidenceRecord } | { bad: EvidenceBreak } {
    const fail = (reason: string) => ({ bad: { line, seq: line - 1, reason } })
    if (text === undefined) return fail('not valid UTF-8')
    if (!terminated) return fail('last line has no trailing newline (torn or interrupted write)')
    if (text.trim() === '') return fail('empty line')
    const check = checkRecordLine(text)
    if (!check.ok) return fail(check.reason)
    const { seq, prevHash, hash } = check.record
    if (seq !== line - 1) return fail(`seq is ${seq}, expected ${line - 1}: a record was deleted, inserted or reordered at or before this line`)
    if (prevHash !== this.lastHash) {
      return fail("prevHash does not match the previous record's hash: a record was replaced, inserted or deleted before this line")
    }
    this.count++
    this.lastHash = hash
    return { record: check.record }
  }
}
