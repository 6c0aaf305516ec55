import { access } from 'node:fs/promises'
import { z } from 'zod'
import { EvidenceReadError } from '../core/errors/evidence-read-error.js'
import { VouchError } from '../core/errors/vouch-error.js'
import { parseOptions } from '../core/parse-options.js'
import { ChainChecker, type ChainStep, type ErasedCounts, type EvidenceBreak } from './chain-checker.js'
import { GENESIS_HASH, type EvidenceRecord } from './evidence-record.js'
import { readLines } from './read-lines.js'

export type { EvidenceBreak, ErasedCounts } from './chain-checker.js'

export interface VerifyEvidenceOptions {
  /** The last hash the log must end with (a run's `report.json` names it): detects truncation. */
  expectedLastHash?: string
  /** The number of records the log must hold (also from `report.json`). */
  expectedCount?: number
}

export interface VerifyEvidenceResult {
  /** True when every line is an intact record in chain order and the expectations hold. */
  ok: boolean
  /** Records verified intact, from the start of the log up to the first break. */
  count: number
  /** Hash of the last intact record (GENESIS_HASH for an empty log). */
  lastHash: string
  firstBad?: EvidenceBreak
  /** Payloads replaced by tombstones (`vouch retain` / `vouch erase`), present when any were. */
  erased?: ErasedCounts
}

const optionsSchema = z
  .object({
    expectedLastHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a 64-character lowercase hex sha256').optional(),
    expectedCount: z.number().int().nonnegative().optional(),
  })
  .strict()

/**
 * Verifies an evidence log as a stream (bounded memory on million-line logs). Each line must be
 * valid UTF-8 JSON matching the record schema, in canonical form, with a `hash` matching its
 * content, `seq` equal to its position and `prevHash` equal to the previous record's hash. This
 * detects an edited record (hash), a deleted, inserted or reordered one (seq / prevHash), a torn
 * or rewritten line. Truncation at the end leaves a valid chain: it is detected against the
 * expected last hash or count (from the run's report). Stops at the first break.
 */
export async function verifyEvidence(path: string, options: VerifyEvidenceOptions = {}): Promise<VerifyEvidenceResult> {
  const expected = parseOptions(optionsSchema, options, 'verifyEvidence options')
  return scanEvidence(path, expected, () => undefined)
}

/**
 * Streams a log through the chain check, calling `onRecord` for each intact record (awaited, so a
 * slow consumer applies back-pressure). Stops at the first break. Used by verify and export.
 */
export async function scanEvidence(
  path: string,
  { expectedLastHash, expectedCount }: VerifyEvidenceOptions,
  onRecord: (record: EvidenceRecord) => void | Promise<void>,
  /** Every intact step (records and tombstones) in order, after `onRecord`: for checkpoints and rewrites. */
  onStep?: (step: Exclude<ChainStep, { bad: EvidenceBreak }>) => void | Promise<void>,
): Promise<VerifyEvidenceResult> {
  try {
    await access(path)
  } catch (error) {
    throw new EvidenceReadError({ file: path, detail: 'no such file or not readable', cause: error })
  }
  const checker = new ChainChecker()
  let consumerError: unknown
  let expectedSeenAt: number | undefined = expectedLastHash === GENESIS_HASH ? 0 : undefined
  const result = (firstBad?: EvidenceBreak): VerifyEvidenceResult => ({
    ok: firstBad === undefined,
    count: checker.count,
    lastHash: checker.lastHash,
    ...(firstBad ? { firstBad } : {}),
    ...(checker.erased.retention || checker.erased['subject-request'] ? { erased: { ...checker.erased } } : {}),
  })
  try {
    for await (const line of readLines(path)) {
      const step = checker.push(line)
      if ('bad' in step) return result(step.bad)
      if (expectedLastHash !== undefined && step.line.hash === expectedLastHash) expectedSeenAt = checker.count
      try {
        if (step.record) await onRecord(step.record)
        if (onStep) await onStep(step)
      } catch (error) {
        consumerError = error
        throw error
      }
    }
  } catch (error) {
    if (error === consumerError || VouchError.isInstance(error)) throw error
    throw new EvidenceReadError({ file: path, detail: 'read failed', cause: error })
  }
  const count = checker.count
  const at = (line: number, reason: string) => result({ line, seq: line - 1, reason })
  if (expectedCount !== undefined && count !== expectedCount) {
    return count < expectedCount
      ? at(count + 1, `log ends after ${count} records, expected ${expectedCount}: truncated`)
      : at(expectedCount + 1, `log holds ${count} records, expected ${expectedCount}: records were added after the expected end`)
  }
  if (expectedLastHash !== undefined && checker.lastHash !== expectedLastHash) {
    return expectedSeenAt !== undefined
      ? at(expectedSeenAt + 1, `the expected last record is on line ${expectedSeenAt}, but ${count - expectedSeenAt} more records follow it`)
      : at(count + 1, 'the expected last hash is not in the chain: the log was truncated, or rewritten from an earlier record')
  }
  return result()
}
