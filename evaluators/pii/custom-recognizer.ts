import { z } from 'zod'
import { hasContext } from './context-words.js'
import type { Recognizer } from './recognizers/recognizer.js'

/**
 * A recognizer users add without forking: a pattern, an optional validator, optional context words
 * and a score. Without context words every validated match scores `score`; with them, a match
 * scores `score` when one is near and a quarter of it otherwise (the Presidio pattern for weak
 * identifiers such as employee or member numbers).
 */
export interface CustomRecognizer {
  /** Entity name, upper snake case by convention, e.g. `EMPLOYEE_ID`. */
  type: string
  /** Matched across the text. Flags other than `g`/`y` are kept; vouch adds `g` itself. Keep it linear-time. */
  pattern: RegExp
  /** Return false to reject a match (a checksum, a lookup). Gets the matched text. */
  validate?: (match: string) => boolean
  /** Lower-case words that make a match likely when near it. */
  context?: string[]
  /** Confidence in [0, 1] for a validated match (with context, when context words are given). */
  score: number
}

/** Nested quantifiers such as `(a+)+` or `(\w*)*` backtrack exponentially: refuse them up front. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)[+*{]/

export const customRecognizerSchema = z
  .object({
    type: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be an upper-snake-case entity name such as EMPLOYEE_ID'),
    pattern: z
      .instanceof(RegExp, { message: 'must be a RegExp' })
      .refine((p) => !p.sticky, 'must not be sticky (y): it is matched across the whole text')
      .refine((p) => !NESTED_QUANTIFIER.test(p.source), 'has a nested quantifier such as (a+)+, which can take exponential time')
      .refine((p) => !new RegExp(p.source, p.flags.replace(/[gy]/g, '')).test(''), 'matches the empty string'),
    validate: z.custom<(match: string) => boolean>((v) => typeof v === 'function', 'must be a function').optional(),
    context: z.array(z.string().min(1)).optional(),
    score: z.number().min(0).max(1),
  })
  .strict()

/** Compile a (validated) custom recognizer into the internal form. */
export function compileCustomRecognizer(custom: CustomRecognizer): Recognizer {
  const flags = custom.pattern.flags.replace(/[gy]/g, '') + 'g'
  const source = custom.pattern.source
  const context = (custom.context ?? []).map((w) => w.toLowerCase())
  const detector = `custom:${custom.type}`
  return {
    types: [custom.type],
    detector,
    find(text, push) {
      const pattern = new RegExp(source, flags) // own copy: no lastIndex shared between calls
      for (const m of text.matchAll(pattern)) {
        if (m[0].length === 0) continue
        if (custom.validate && !custom.validate(m[0])) continue
        const start = m.index
        const end = start + m[0].length
        const score = context.length === 0 || hasContext(text, start, end, context) ? custom.score : custom.score / 4
        push({ type: custom.type, start, end, score, detector })
      }
    },
  }
}
