import { z } from 'zod'

/**
 * The evidence record of DESIGN.md: one per evaluated sample × evaluator in a release gate, one
 * per evaluator decision in the guardrail. The sink adds `seq`, `prevHash` and `hash`:
 * `hash = sha256(prevHash + canonicalJson(record without hash))`.
 */

export const versionRefSchema = z.object({ id: z.string(), version: z.string(), sha256: z.string() })
export const modelRefSchema = z.object({ provider: z.string(), id: z.string(), region: z.string().optional() })

export const findingSchema = z.object({
  type: z.string(),
  field: z.string(),
  start: z.number(),
  end: z.number(),
  score: z.number(),
  detector: z.string().optional(),
  path: z.string().optional(),
  message: z.string().optional(),
})

/** An `EvalResult` as stored: without `durationMs`, so a replayed run reproduces the log byte for byte. */
export const storedResultSchema = z.object({
  evaluator: z.string(),
  version: z.string(),
  status: z.enum(['pass', 'fail', 'error', 'skipped']),
  passed: z.boolean(),
  score: z.number(),
  reason: z.string(),
  findings: z.array(findingSchema),
  policyId: z.string().optional(),
  rubric: versionRefSchema.optional(),
  action: z.literal('review').optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  usage: z.object({ judgeCalls: z.number(), inputTokens: z.number(), outputTokens: z.number() }).optional(),
})

/** Stored text of the judged sample: redacted by default (see stored-sample.ts), raw only by explicit option. */
export const storedSampleSchema = z.object({
  input: z.string().optional(),
  output: z.string().optional(),
  context: z.array(z.string()).optional(),
  toolCalls: z.array(z.object({ name: z.string(), args: z.unknown() })).optional(),
  /** How the text was stored: `redacted` (salted-hash pseudonyms), `raw`, or `none` (omitted). */
  storage: z.enum(['redacted', 'raw', 'none']),
  /** For `redacted`: public id of the salt keying the pseudonyms (`saltId(salt)`), so a subject search can tell salts apart. */
  saltId: z.string().optional(),
})

export const evidenceEntrySchema = z.object({
  ts: z.string(),
  runId: z.string().optional(),
  requestId: z.string().optional(),
  suite: z.string().optional(),
  route: z.string().optional(),
  caseId: z.string().optional(),
  prompt: versionRefSchema.optional(),
  rubric: versionRefSchema.optional(),
  /** Control owner and SOC 2 criteria (from the rubric / evaluator), so an auditor sees who owns the control. */
  owner: z.string().optional(),
  controls: z.array(z.string()).optional(),
  dataset: z.object({ path: z.string(), sha256: z.string(), row: z.number().int().nonnegative() }).optional(),
  model: modelRefSchema.optional(),
  evaluator: z.object({ name: z.string(), version: z.string(), configHash: z.string() }),
  result: storedResultSchema,
  /** What the guardrail did: `allow` on a pass, else the configured action. */
  action: z.enum(['allow', 'block', 'redact', 'fallback', 'flag']).optional(),
  sample: storedSampleSchema.optional(),
  git: z.object({ commit: z.string(), dirty: z.boolean() }).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
})

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/)

/** A record as consumers see it (both formats): the entry plus its chain position and hash. */
export const evidenceRecordSchema = evidenceEntrySchema.extend({
  seq: z.number().int().nonnegative(),
  prevHash: sha256Hex,
  hash: sha256Hex,
})

/** The current record format (see docs/evidence.md). Format 1 (no `v`) and format 2 lines are still verified. */
export const RECORD_FORMAT = 3

/**
 * Format 2 payload: the entry without `ts` (which stays in the chained header, so retention can
 * work on a tombstone). `sampleHash` is sha256 of the stored sample's canonical JSON; the sample
 * itself is stored inline only where it differs from the previous record's, later records of the
 * same case reference it by `sampleHash` alone.
 */
export const recordPayloadSchema = evidenceEntrySchema.omit({ ts: true }).extend({ sampleHash: sha256Hex.optional() })

/** What replaces an erased payload: why and when. The payload hash stays in the header. */
export const tombstoneSchema = z.object({ reason: z.enum(['retention', 'subject-request']), time: z.string() }).strict()

/**
 * One format 2 or 3 line (the same header; format 3 payloads reference a run context, see record-context.ts). `hash = sha256(prevHash + canonicalJson({ payloadHash, prevHash, seq, ts, v }))`
 * and `payloadHash = sha256(canonicalJson(payload))`: the chain commits to the payload through its
 * hash, so a payload can later be replaced by a tombstone without breaking the chain.
 */
export const recordLineV2Schema = z
  .object({
    v: z.union([z.literal(2), z.literal(3)]),
    seq: z.number().int().nonnegative(),
    prevHash: sha256Hex,
    ts: z.string(),
    /** Format 2: always. Format 3: only beside a tombstone (with the payload present it is recomputed from it). */
    payloadHash: sha256Hex.optional(),
    hash: sha256Hex,
    payload: z.record(z.string(), z.unknown()).optional(),
    tombstone: tombstoneSchema.optional(),
  })
  .strict()
  .refine((r) => (r.payload === undefined) !== (r.tombstone === undefined), 'a record holds exactly one of payload and tombstone')
  .refine((r) => (r.v === 3 && r.payload !== undefined ? r.payloadHash === undefined : r.payloadHash !== undefined), {
    path: ['payloadHash'],
    message: 'a format 2 line, and a format 3 tombstone, hold payloadHash; a format 3 line with its payload does not',
  })

export type EvidenceEntry = z.infer<typeof evidenceEntrySchema>
export type EvidenceRecord = z.infer<typeof evidenceRecordSchema>
export type StoredResult = z.infer<typeof storedResultSchema>
export type StoredSample = z.infer<typeof storedSampleSchema>
export type RecordPayload = z.infer<typeof recordPayloadSchema>
export type Tombstone = z.infer<typeof tombstoneSchema>
export type RecordLineV2 = z.infer<typeof recordLineV2Schema>

/** The `prevHash` of the first record of a chain. */
export const GENESIS_HASH = '0'.repeat(64)

/** Where evidence goes. `jsonlEvidence(path)` and `memoryEvidence()` are two; users may write their own. */
export interface EvidenceSink {
  /** Append one record; resolves once it is durable per the sink's policy, with seq and hashes filled in. */
  append(entry: EvidenceEntry): Promise<EvidenceRecord>
  /** The hash of the last record appended through this sink (or found at open), GENESIS_HASH when empty. */
  lastHash(): Promise<string>
  close(): Promise<void>
  /**
   * Optional: a guardrail instance tells the sink it has seen request number `seq` (1, 2, …). A
   * signing sink puts each instance's highest count in its next checkpoint, so audit-log coverage
   * counts requests that left no record, even after the last one.
   */
  countRequest?(instance: string, seq: number): void
}
