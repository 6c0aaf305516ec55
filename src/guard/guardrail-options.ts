import type { Tracer } from '@opentelemetry/api'
import { z } from 'zod'
import type { Evaluator, VersionRef } from '../core/index.js'
import type { EvidenceSink } from '../evidence/evidence-record.js'

/** Per-request facts stored in evidence. The user id is stored only as a salted hash. */
export interface GuardrailRequestMetadata {
  userId?: string
  cohort?: string
}

export interface GuardrailOptions {
  /**
   * Checked before the model, on everything that reaches the provider as text: system, user and
   * assistant-history text and reasoning, text-like file parts (`text/*`, JSON, XML, YAML, CSV)
   * joined as `input`; tool results and the arguments of earlier tool calls as `context[i]`.
   */
  input?: Evaluator[]
  /**
   * Checked on the answer: its text as the caller receives it (text parts joined with `''`) as
   * `output`, its tool calls as `toolCalls`, with the request's `input` and `context` (as sent to
   * the model), so rubric rules and judges see the sample the release gate sees.
   */
  output?: Evaluator[]
  /** What a failed input check does. Default `block`. */
  onInput?: 'block' | 'redact' | 'flag'
  /** What a failed output check does. Default `block`. */
  onOutput?: 'block' | 'redact' | 'fallback' | 'flag'
  /** Answer returned instead of a blocked one: on input block (instead of throwing) and for `onOutput: 'fallback'`. */
  fallback?: string
  /** `buffer` holds the whole stream until checked; `incremental` releases text once it is safe. Default `buffer`. */
  stream?: 'buffer' | 'incremental'
  /**
   * Incremental mode: characters held back at the end of the text seen so far. Must be at least
   * the longest entity a detector can match (plus the right context it needs). Default 256 (an
   * email address is at most 254 characters).
   */
  holdBack?: number
  /** Evaluator error or timeout: `closed` blocks (default), `open` passes; both are recorded. */
  failMode?: 'closed' | 'open'
  /** Per-evaluator time budget, in ms. Default 5000. */
  timeoutMs?: number
  /**
   * Before the first request is judged, run each evaluator once on a short neutral sample (model
   * calls refused, verdicts ignored), so one-time loading (the PII name model takes seconds on a
   * busy machine) is not charged to a request's `timeoutMs` and failed closed. Default true.
   */
  warmUp?: boolean
  evidence?: EvidenceSink
  /** Evidence sink cannot write: `closed` fails the request (default), `open` passes with a process warning. */
  evidenceFailMode?: 'closed' | 'open'
  /** A write the sink has not confirmed after this many ms is a failed write (so a hanging sink fails the request). Default 10000. */
  evidenceTimeoutMs?: number
  /** How the checked text is stored in evidence: redacted (default), raw, or not at all. */
  storeSample?: 'redacted' | 'raw' | 'none'
  /**
   * Salt for the user-id hash and the pseudonyms in stored text. Default: `VOUCH_EVIDENCE_SALT`,
   * else `.vouch/evidence-salt` in the working directory (read once, at construction; the
   * guardrail never creates it). The config's `evidence.salt` is not read by the guardrail: pass
   * it here. With an evidence sink and `storeSample: 'redacted'` (the default), a guardrail
   * without a salt throws at construction.
   */
  salt?: string
  /**
   * Reasoning parts of the answer: dropped (default), or `pass`: checked by the deterministic
   * output evaluators and released whole only when they all pass, else withheld (never redacted).
   */
  reasoning?: 'drop' | 'pass'
  route?: string
  prompt?: VersionRef
  requestId?: () => string
  /**
   * User id and cohort: fixed, or read from each call. Per call, `providerOptions.vouch` may also
   * carry `{ userId, cohort, requestId }`; it is removed before the call reaches the provider.
   */
  metadata?: GuardrailRequestMetadata | ((params: { providerOptions?: unknown }) => GuardrailRequestMetadata | undefined)
  /**
   * This guardrail's id in evidence (`metadata.guardInstance`): it numbers the requests it sees, so
   * `vouch report coverage` can show requests that left no record. Default `<host>-<pid>-<random>`.
   */
  instanceId?: string
  /** OpenTelemetry tracer for one span per decision (default: the global provider's `vouch` tracer, a no-op until the app registers one). */
  tracer?: Tracer
  /** For tests: clock (epoch ms), request ids, and where the default salt is looked up. */
  _internal?: { now?: () => number; generateId?: () => string; findSalt?: () => string | undefined }
}

const isFunction = (v: unknown) => typeof v === 'function'

const evaluatorSchema = z.custom<Evaluator>(
  (v) =>
    v != null &&
    typeof v === 'object' &&
    typeof (v as Evaluator).name === 'string' &&
    typeof (v as Evaluator).version === 'string' &&
    typeof (v as Evaluator).evaluate === 'function',
  { message: 'expected an Evaluator (an object with name, version and evaluate)' },
)

const sinkSchema = z.custom<EvidenceSink>(
  (v) => v != null && typeof v === 'object' && typeof (v as EvidenceSink).append === 'function',
  { message: 'expected an EvidenceSink (an object with append(entry))' },
)

const metadataObject = z.object({ userId: z.string().min(1).optional(), cohort: z.string().optional() }).strict()

export const guardrailOptionsSchema = z
  .object({
    input: z.array(evaluatorSchema).default([]),
    output: z.array(evaluatorSchema).default([]),
    onInput: z.enum(['block', 'redact', 'flag']).default('block'),
    onOutput: z.enum(['block', 'redact', 'fallback', 'flag']).default('block'),
    fallback: z.string().optional(),
    stream: z.enum(['buffer', 'incremental']).default('buffer'),
    holdBack: z.number().int().min(1).max(1_000_000).default(256),
    failMode: z.enum(['closed', 'open']).default('closed'),
    timeoutMs: z.number().positive().max(600_000).default(5_000),
    warmUp: z.boolean().default(true),
    evidence: sinkSchema.optional(),
    evidenceFailMode: z.enum(['closed', 'open']).default('closed'),
    evidenceTimeoutMs: z.number().int().positive().max(600_000).default(10_000),
    storeSample: z.enum(['redacted', 'raw', 'none']).default('redacted'),
    salt: z.string().min(16, 'use a salt of at least 16 characters').optional(),
    reasoning: z.enum(['drop', 'pass']).default('drop'),
    route: z.string().min(1).optional(),
    prompt: z.object({ id: z.string(), version: z.string(), sha256: z.string() }).optional(),
    requestId: z.custom<() => string>(isFunction, { message: 'expected a function returning a string' }).optional(),
    metadata: z
      .union([metadataObject, z.custom<(params: { providerOptions?: unknown }) => GuardrailRequestMetadata | undefined>(isFunction)])
      .optional(),
    instanceId: z.string().min(1).max(200).optional(),
    tracer: z.custom<Tracer>((v) => v != null && typeof (v as Tracer).startSpan === 'function', { message: 'expected an OpenTelemetry Tracer' }).optional(),
    _internal: z
      .object({
        now: z.custom<() => number>(isFunction).optional(),
        generateId: z.custom<() => string>(isFunction).optional(),
        findSalt: z.custom<() => string | undefined>(isFunction).optional(),
      })
      .optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.input.length === 0 && o.output.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['input'], message: 'give at least one evaluator in input or output' })
    }
    if (o.onOutput === 'fallback' && o.fallback === undefined) {
      ctx.addIssue({ code: 'custom', path: ['fallback'], message: "required when onOutput is 'fallback'" })
    }
  })

export type ResolvedGuardrailOptions = z.output<typeof guardrailOptionsSchema>
