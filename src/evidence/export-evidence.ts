import { z } from 'zod'
import { parseOptions } from '../core/parse-options.js'
import type { EvidenceRecord } from './evidence-record.js'
import { subjectMatcher } from './subject-matcher.js'
import type { VerifyEvidenceResult } from './verify-evidence.js'
import { isPostgresUrl } from './postgres/postgres-url.js'
import { scanPostgresEvidence, type PostgresVerifyResult } from './postgres/scan-postgres-evidence.js'
import { verifyEvidenceLog, type SignatureCheck, type VerifyLogOptions } from './verify-log.js'

export interface ExportEvidenceOptions {
  /** Records with `ts` at or after this instant (ISO 8601). */
  from?: string
  /** Records with `ts` before this instant (ISO 8601, exclusive). */
  to?: string
  route?: string
  requestId?: string
  runId?: string
  suite?: string
  evaluator?: string
  /** One data subject's records: the value they gave (e-mail, phone, card…) and the salt the log was written with. */
  subject?: { value: string; salt: string }
}

export interface ExportEvidenceSummary {
  /** The chain check of the whole log, done while exporting (export stops at the first break). */
  verification: VerifyEvidenceResult
  /** The signed-checkpoint check (with `check.publicKey`), the same verify does. */
  signature: SignatureCheck
  /** Chain and signature both hold (and the expected end, when given). */
  ok: boolean
  /** Records read (intact) and records passed to `onRecord`. */
  scanned: number
  exported: number
  /** With `subject`: records pseudonymised with another salt, which could not be searched. */
  otherSalt: number
  /** A postgres:// store: every chain's verification (`verification` and `signature` then name the first problem). */
  store?: PostgresVerifyResult
}

const isoInstant = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date or date-time')

const schema = z
  .object({
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    route: z.string().optional(),
    requestId: z.string().optional(),
    runId: z.string().optional(),
    suite: z.string().optional(),
    evaluator: z.string().optional(),
    subject: z.object({ value: z.string().min(1, 'must not be empty'), salt: z.string().min(1, 'must not be empty') }).strict().optional(),
  })
  .strict()

/**
 * Streams the records of a log (a JSONL file, or a `postgres://…?table=NAME` store, read through a
 * cursor chain by chain) that match every given filter to `onRecord` (awaited: back-pressure),
 * checking the hash chain as it goes; it stops at the first break and says where in the summary.
 * Memory stays bounded by the longest line.
 */
export async function exportEvidence(
  path: string,
  options: ExportEvidenceOptions,
  onRecord: (record: EvidenceRecord) => void | Promise<void>,
  /** What verify checks: the expected end (from the run report) and the signing key. */
  check: VerifyLogOptions = {},
): Promise<ExportEvidenceSummary> {
  const { from, to, route, requestId, runId, suite, evaluator, subject } = parseOptions(schema, options, 'exportEvidence options')
  const fromMs = from === undefined ? undefined : Date.parse(from)
  const toMs = to === undefined ? undefined : Date.parse(to)
  const matcher = subject ? subjectMatcher(subject.value, subject.salt) : undefined
  let scanned = 0
  let exported = 0
  const take = async (record: EvidenceRecord) => {
    scanned++
    if (fromMs !== undefined || toMs !== undefined) {
      const ts = Date.parse(record.ts)
      if (fromMs !== undefined && !(ts >= fromMs)) return
      if (toMs !== undefined && !(ts < toMs)) return
    }
    if (route !== undefined && record.route !== route) return
    if (requestId !== undefined && record.requestId !== requestId) return
    if (runId !== undefined && record.runId !== runId) return
    if (suite !== undefined && record.suite !== suite) return
    if (evaluator !== undefined && record.evaluator.name !== evaluator) return
    if (matcher && !matcher.matches(record)) return
    exported++
    await onRecord(record)
  }
  if (isPostgresUrl(path)) {
    const store = await scanPostgresEvidence(path, take, check.publicKey ? { publicKey: check.publicKey } : {})
    return { ...summarizeStore(store, check.publicKey !== undefined), scanned, exported, otherSalt: matcher?.otherSalt ?? 0, store }
  }
  const { chain: verification, signature, ok } = await verifyEvidenceLog(path, check, take)
  return { verification, signature, ok, scanned, exported, otherSalt: matcher?.otherSalt ?? 0 }
}

/** A store's verification in the shape of one log's: the first broken chain and the first signature problem, each naming its chain. */
function summarizeStore(store: PostgresVerifyResult, keyed: boolean): Pick<ExportEvidenceSummary, 'verification' | 'signature' | 'ok'> {
  const broken = store.chains.find((c) => c.firstBad)
  const firstBad = broken
    ? { ...broken.firstBad!, reason: `chain ${broken.chainId}: ${broken.firstBad!.reason}` }
    : store.unregistered.length > 0
      ? { line: 0, seq: 0, reason: `records of chain "${store.unregistered[0]}" exist but the chain is missing from the store's registry` }
      : undefined
  const erased = store.erased.retention || store.erased['subject-request'] ? { erased: store.erased } : {}
  const verification: VerifyEvidenceResult = { ok: firstBad === undefined, count: store.count, lastHash: store.chains.at(-1)?.lastHash ?? '', ...(firstBad ? { firstBad } : {}), ...erased }
  const signed = store.chains.find((c) => c.signature.problem)
  const signature: SignatureCheck = {
    checked: keyed,
    checkpoints: store.chains.reduce((n, c) => n + c.signature.checkpoints, 0),
    ...(signed ? { problem: `chain ${signed.chainId}: ${signed.signature.problem}` } : {}),
  }
  return { verification, signature, ok: store.ok }
}
