import { z } from 'zod'
import { InvalidArgumentError } from '../../src/core/errors/invalid-argument-error.js'
import { parseOptions } from '../../src/core/parse-options.js'
import { compileCustomRecognizer, customRecognizerSchema, type CustomRecognizer } from './custom-recognizer.js'
import { normalizePiiValue } from '../../src/redaction/normalize-pii-value.js'
import { normalizeText } from './normalize-text.js'
import { NAME_ENTITIES } from './pii-entity.js'
import { addressRecognizer } from './recognizers/address-recognizer.js'
import { creditCardRecognizer } from './recognizers/credit-card-recognizer.js'
import { cryptoRecognizer } from './recognizers/crypto-recognizer.js'
import { dateTimeRecognizer } from './recognizers/date-time-recognizer.js'
import { emailRecognizer } from './recognizers/email-recognizer.js'
import { ibanRecognizer } from './recognizers/iban-recognizer.js'
import { ipAddressRecognizer } from './recognizers/ip-address-recognizer.js'
import { nameRecognizer } from './recognizers/name-recognizer.js'
import { organizationRecognizer } from './recognizers/organization-recognizer.js'
import { personCueRecognizer } from './recognizers/person-cue-recognizer.js'
import { placeRecognizer } from './recognizers/place-recognizer.js'
import { phoneRecognizer } from './recognizers/phone-recognizer.js'
import type { PiiCandidate, Recognizer } from './recognizers/recognizer.js'
import { urlRecognizer } from './recognizers/url-recognizer.js'
import { usSsnRecognizer } from './recognizers/us-ssn-recognizer.js'
import { usBankNumberRecognizer, usDriverLicenseRecognizer, usPassportRecognizer } from './recognizers/weak-number-recognizers.js'
import { resolveOverlaps } from './resolve-overlaps.js'

/** One detected span. Offsets are JS string offsets; the matched value is never included. */
export interface PiiMatch {
  type: string
  start: number
  end: number
  score: number
  detector: string
}

export interface PiiDetectOptions {
  /** Only these entity types (built-in or custom). Default: all. */
  entities?: string[]
  /** Drop matches scoring below this. Default 0.5. */
  minScore?: number
  /** PERSON / LOCATION / ORGANIZATION through compromise. Default true. */
  names?: boolean
  /**
   * Values that are never PII here, e.g. the company's support address. A string is compared with
   * the match after normalisation by type (case, separators); a RegExp is tested against the match.
   */
  ignore?: (string | RegExp)[]
  /** Extra recognizers (see `CustomRecognizer`). */
  recognizers?: CustomRecognizer[]
}

/** The built-in recognizers, structured identifiers first. Adding one is adding a line here. */
const BUILT_IN: readonly Recognizer[] = [
  emailRecognizer,
  phoneRecognizer,
  creditCardRecognizer,
  usSsnRecognizer,
  ibanRecognizer,
  ipAddressRecognizer,
  urlRecognizer,
  cryptoRecognizer,
  usBankNumberRecognizer,
  usPassportRecognizer,
  usDriverLicenseRecognizer,
  dateTimeRecognizer,
  addressRecognizer,
  personCueRecognizer,
  organizationRecognizer,
  placeRecognizer,
  nameRecognizer,
]

export const DEFAULT_MIN_SCORE = 0.5

export const piiDetectOptionsSchema = z
  .object({
    entities: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be an entity name such as EMAIL_ADDRESS')).min(1).optional(),
    minScore: z.number().min(0).max(1).default(DEFAULT_MIN_SCORE),
    names: z.boolean().default(true),
    ignore: z.array(z.union([z.string().min(1), z.instanceof(RegExp)])).default([]),
    recognizers: z.array(customRecognizerSchema).default([]),
  })
  .strict()

export type ResolvedPiiDetectOptions = z.output<typeof piiDetectOptionsSchema>

/** A compiled detector: validate options once, then call it on many texts (the evaluator and guardrail do). */
export type PiiDetector = (text: string) => PiiMatch[]

/** Compile options into a reusable detector. Throws `InvalidArgumentError` naming the bad field. */
export function createPiiDetector(options: PiiDetectOptions = {}, argument = 'detectPii'): PiiDetector {
  const { entities, minScore, names, ignore, recognizers } = parseOptions(piiDetectOptionsSchema, options, argument)
  const known = new Set<string>([...BUILT_IN.flatMap((r) => r.types), ...recognizers.map((r) => r.type)])
  for (const [i, entity] of (entities ?? []).entries()) {
    if (!known.has(entity)) {
      throw new InvalidArgumentError({ argument, issues: [{ path: `entities[${i}]`, message: `unknown entity "${entity}" (known: ${[...known].join(', ')})` }] })
    }
  }
  const wanted = entities ? new Set(entities) : undefined
  // a firm's name is not a person's: ORGANIZATION candidates compete with PERSON ones even when only PERSON is reported
  const competing = wanted && names && wanted.has('PERSON') && !wanted.has('ORGANIZATION') ? 'ORGANIZATION' : undefined
  const active = [...BUILT_IN, ...recognizers.map(compileCustomRecognizer)].filter(
    (r) => (names || !r.types.every((t) => NAME_ENTITIES.has(t))) && (!wanted || r.types.some((t) => wanted.has(t) || t === competing)),
  )
  const ignoreStrings = ignore.filter((v): v is string => typeof v === 'string')
  const ignorePatterns = ignore.filter((v): v is RegExp => v instanceof RegExp).map((p) => new RegExp(p.source, p.flags.replace(/[gy]/g, '')))
  const ignoredValue = (type: string, value: string) =>
    ignoreStrings.some((s) => normalizePiiValue(s, type) === normalizePiiValue(value, type)) || ignorePatterns.some((p) => p.test(value))

  return (text: string) => {
    if (typeof text !== 'string' || text.length === 0) return []
    const candidates: PiiCandidate[] = []
    const push = (c: PiiCandidate) => {
      if (c.score < minScore || c.end <= c.start) return
      if (wanted && !wanted.has(c.type) && c.type !== competing) return
      if (!names && NAME_ENTITIES.has(c.type)) return
      // one object shape for every candidate: the overlap sort then reads its fields monomorphically
      candidates.push({ type: c.type, start: c.start, end: c.end, score: c.score, detector: c.detector })
    }
    // detect on the normalised text (fullwidth digits, zero-width characters, NBSP, dashes undone), report original offsets
    const normalized = normalizeText(text)
    for (const recognizer of active) recognizer.find(normalized.text, push)
    const resolved = resolveOverlaps(candidates)
    const out: PiiMatch[] = []
    for (const c of resolved) {
      if (c.type === competing) continue
      if (ignore.length > 0 && ignoredValue(c.type, normalized.text.slice(c.start, c.end))) continue
      const { start, end } = normalized.toOriginal(c.start, c.end)
      out.push({ type: c.type, start, end, score: round(c.score), detector: c.detector })
    }
    return out
  }
}

let defaultDetector: PiiDetector | undefined

/**
 * Find PII in `text`: sorted by start, overlaps resolved (higher score, then longer span wins),
 * matches under `minScore` dropped. Never returns the matched values — slice `text` if you must.
 * For many texts with the same options, compile once with `createPiiDetector`.
 */
export function detectPii(text: string, options?: PiiDetectOptions): PiiMatch[] {
  if (options === undefined) {
    defaultDetector ??= createPiiDetector()
    return defaultDetector(text)
  }
  return createPiiDetector(options)(text)
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000
}
