import { z } from 'zod'
import { redact, type RedactableSpan } from '../redaction/redact.js'
import { parseOptions } from '../core/parse-options.js'
import type { Sample } from '../core/types.js'
import type { StoredSample } from './evidence-record.js'
import { saltId } from './resolve-salt.js'

/** Finds the spans to redact in one text: PII and secrets by default. */
export type StoredTextDetector = (text: string) => readonly RedactableSpan[]

export interface StoredSampleOptions {
  /**
   * `redacted` (default): every PII entity and secret is replaced by its type and salted
   * pseudonym, `<EMAIL_ADDRESS:3f9a1c2e>`, so a data-subject request can still find it.
   * `raw`: the text as judged (explicit opt-in; the log then holds personal data).
   * `none`: no text at all, only the verdicts.
   */
  storage?: 'redacted' | 'raw' | 'none'
  /** Keys the pseudonyms; required for `redacted` (see `resolveSalt`). */
  salt?: string
  /**
   * What to redact; required for `redacted`. The evidence layer knows no detector of its own: the
   * runner and the guardrail pass `defaultStoredTextDetectors()` (PII and secrets, from `evaluators/`).
   */
  detectors?: readonly StoredTextDetector[]
}

const schema = z
  .object({
    storage: z.enum(['redacted', 'raw', 'none']),
    salt: z.string().min(16, 'use a salt of at least 16 characters (see resolveSalt)').optional(),
    detectors: z.array(z.custom<StoredTextDetector>((v) => typeof v === 'function', 'must be a function')).optional(),
  })
  .strict()
  .refine((o) => o.storage !== 'redacted' || o.salt !== undefined, {
    path: ['salt'],
    message: 'storage "redacted" needs a salt (see resolveSalt): pseudonyms without one are reversible',
  })
  .refine((o) => o.storage !== 'redacted' || o.detectors !== undefined, {
    path: ['detectors'],
    message: 'storage "redacted" needs the detectors that find what to redact (e.g. defaultStoredTextDetectors())',
  })

/** Deeper tool-call arguments than this are replaced as a whole rather than walked. */
const MAX_DEPTH = 200
/** Numbers with this many digits may be identifiers (card, phone, account): they are checked as text. */
const NUMERIC_ID_DIGITS = 7

/** Texts up to this length have their redacted form cached (see `cacheSize`). */
const CACHE_TEXT_LIMIT = 4096

/**
 * The `sample` field of an evidence record: the judged text as it may be stored.
 * Redaction covers `input`, `output`, each `context` entry, and every string leaf (and key) of
 * tool-call arguments; long numeric leaves that are identifiers become redacted strings.
 * For many samples with the same options, compile once with `createStoredSampler`.
 */
export function storedSample(sample: Sample, options: StoredSampleOptions = {}): StoredSample {
  // One sample (the guardrail's per-decision path): a text cache would only cost.
  return createStoredSampler({ ...options, cacheSize: 0 })(sample)
}

export interface StoredSamplerOptions extends StoredSampleOptions {
  /**
   * Redacted texts remembered (texts up to 4 KiB; least recently used dropped first), so a text
   * that recurs (a shared context document, a repeated question, a case id also stored as text) is
   * scanned once. Default 2048; 0 turns the cache off. The cache lives as long as the sampler and
   * holds only redacted output keyed by the text it came from, in memory.
   */
  cacheSize?: number
}

/** A stored-sample function: options validated once, each text scanned once while it stays in the cache. */
export type StoredSampler = ((sample: Sample) => StoredSample) & {
  /** Redacts one text as stored text is (case ids, cassettes); the text itself when storage is `raw`. */
  text: (value: string) => string
}

/** Compile `storedSample` options once (validation, detectors, the text cache) for many samples. */
export function createStoredSampler({ storage = 'redacted', salt, detectors, cacheSize = 2048 }: StoredSamplerOptions = {}): StoredSampler {
  parseOptions(schema, { storage, salt, detectors }, 'storedSample options')
  if (storage !== 'redacted') {
    const plain = (sample: Sample): StoredSample => (storage === 'none' ? { storage: 'none' } : rawSample(sample))
    return Object.assign(plain, { text: (value: string) => value })
  }
  const found = detectors!
  const id = saltId(salt!)
  const cache = cacheSize > 0 ? new Map<string, string>() : undefined
  /**
   * Redacts one text. `context` (a tool-argument key such as `phone` or `accountNumber`) is put in
   * front as words while detecting, so weak identifiers that need a context word (a bare phone or
   * account number in `{ "phone": "4155550132" }`) are still caught; spans are mapped back.
   */
  const scan = (value: string, context?: string): string => {
    const prefix = context ? `${keyWords(context)}: ` : ''
    const subject = prefix + value
    const spans: RedactableSpan[] = []
    for (const detect of found) {
      for (const span of detect(subject)) {
        const start = Math.max(0, span.start - prefix.length)
        const end = span.end - prefix.length
        if (end > start) spans.push({ type: span.type, start, end })
      }
    }
    return spans.length ? redact(value, spans, { style: 'hash', salt: salt! }) : value
  }
  const text = (value: string, context?: string): string => {
    if (value === '') return value
    // Only texts without a key context are cached (a tool-argument value is scanned with its key).
    if (context || !cache || value.length > CACHE_TEXT_LIMIT) return scan(value, context)
    const key = value
    const hit = cache.get(key)
    if (hit !== undefined) {
      cache.delete(key) // most recently used goes last
      cache.set(key, hit)
      return hit
    }
    const out = scan(value, context)
    cache.set(key, out)
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value!)
    return out
  }
  const sampler = (sample: Sample): StoredSample => {
    const toolCalls = sample.toolCalls?.map((call) => ({ name: call.name, args: call.args }))
    return {
      storage: 'redacted',
      saltId: id,
      ...(sample.input !== undefined ? { input: text(sample.input) } : {}),
      ...(sample.output !== undefined ? { output: text(sample.output) } : {}),
      ...(sample.context ? { context: sample.context.map((c) => text(c)) } : {}),
      ...(toolCalls ? { toolCalls: toolCalls.map((call) => ({ name: call.name, args: redactValue(call.args, text, 0, new Set()) })) } : {}),
    }
  }
  return Object.assign(sampler, { text: (value: string) => text(value) })
}

function rawSample(sample: Sample): StoredSample {
  const toolCalls = sample.toolCalls?.map((call) => ({ name: call.name, args: call.args }))
  return {
    storage: 'raw',
    ...(sample.input !== undefined ? { input: sample.input } : {}),
    ...(sample.output !== undefined ? { output: sample.output } : {}),
    ...(sample.context ? { context: [...sample.context] } : {}),
    ...(toolCalls ? { toolCalls } : {}),
  }
}

function redactValue(value: unknown, text: (s: string, context?: string) => string, depth: number, seen: Set<object>, key?: string): unknown {
  if (typeof value === 'string') return text(value, key)
  if (typeof value === 'number' || typeof value === 'bigint') {
    const asText = String(value)
    if (asText.replace(/\D/g, '').length < NUMERIC_ID_DIGITS) return value
    const redacted = text(asText, key)
    return redacted === asText ? value : redacted
  }
  if (value === null || typeof value !== 'object') return value
  if (depth >= MAX_DEPTH) return '<REDACTED:TOO_DEEP>'
  if (seen.has(value)) return '<REDACTED:CYCLE>'
  seen.add(value)
  try {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      return redactValue((value as { toJSON(): unknown }).toJSON(), text, depth + 1, seen, key)
    }
    if (Array.isArray(value)) return value.map((v) => redactValue(v, text, depth + 1, seen, key))
    if (value instanceof Set) return redactValue([...value], text, depth + 1, seen, key)
    if (value instanceof Map) return redactValue(Object.fromEntries(value), text, depth + 1, seen, key)
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[text(k)] = redactValue(v, text, depth + 1, seen, k)
    return out
  } finally {
    seen.delete(value)
  }
}

/** `accountNumber`, `account_number`, `account-number` → `account number` (at most 64 characters). */
function keyWords(key: string): string {
  return key
    .slice(0, 64)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .toLowerCase()
}
