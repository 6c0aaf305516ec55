import { z } from 'zod'
import { parseOptions } from '../core/parse-options.js'
import { mergeSpans, type RedactableSpan } from './merge-spans.js'
import { pseudonym } from './pseudonym.js'
import { redactionMarker } from './redaction-marker.js'

export type { RedactableSpan } from './merge-spans.js'

const schema = z
  .object({
    style: z.enum(['type', 'mask', 'hash']).default('type'),
    salt: z.string().min(1, 'must not be empty').optional(),
  })
  .strict()
  .refine((o) => o.style !== 'hash' || o.salt !== undefined, {
    message: 'style "hash" needs a salt: an unsalted hash of a value is trivially reversible',
    path: ['salt'],
  })

export interface RedactOptions {
  /**
   * `type` (default): `<EMAIL_ADDRESS>`. `mask`: `j***@***.com`, `************1111`. `hash`:
   * `<EMAIL_ADDRESS:3f9a1c2e>`, the salted pseudonym of the value (see `pseudonym`), so a
   * data-subject request can still find a person's records.
   */
  style?: 'type' | 'mask' | 'hash'
  /** Required by style `hash`: the HMAC key. Keep it secret and stable per deployment. */
  salt?: string
}

/**
 * Replace each finding's span in `text`. Works on any findings with `type/start/end`. Spans are
 * clamped to the text; empty or non-numeric spans are ignored; overlapping spans are merged into
 * one replacement (typed after the longest of them) so no part of either value survives.
 */
export function redact(text: string, findings: readonly RedactableSpan[], options: RedactOptions = {}): string {
  const { style, salt } = parseOptions(schema, options, 'redact')
  const spans = mergeSpans(findings, text.length)
  if (spans.length === 0) return text
  let out = ''
  let cursor = 0
  for (const span of spans) {
    out += text.slice(cursor, span.start)
    const value = text.slice(span.start, span.end)
    if (style === 'type') out += redactionMarker(span.type)
    else if (style === 'hash') out += redactionMarker(span.type, pseudonym(value, { type: span.type, salt: salt! }))
    else out += maskValue(value, span.type)
    cursor = span.end
  }
  return out + text.slice(cursor)
}

const KEEP_LAST_FOUR: ReadonlySet<string> = new Set([
  'CREDIT_CARD',
  'PHONE_NUMBER',
  'US_SSN',
  'US_BANK_NUMBER',
  'IBAN_CODE',
  'US_PASSPORT',
  'US_DRIVER_LICENSE',
])

/**
 * A partial mask that keeps the shape: e-mails keep the first letter and the top-level domain
 * (`j***@***.com`); numbers keep their separators and, when long enough (more than 8 characters of
 * letters and digits), their last four; other values keep their first character.
 */
export function maskValue(value: string, type: string): string {
  if (type === 'EMAIL_ADDRESS') {
    const at = value.lastIndexOf('@')
    if (at > 0) {
      const domain = value.slice(at + 1)
      const dot = domain.lastIndexOf('.')
      const tld = dot >= 0 ? domain.slice(dot) : ''
      return `${value[0]}***@***${tld}`
    }
  }
  if (KEEP_LAST_FOUR.has(type)) {
    const alnum = value.replace(/[^A-Za-z0-9]/g, '').length
    let keep = alnum > 8 ? 4 : 0
    const chars = [...value]
    for (let i = chars.length - 1; i >= 0; i--) {
      if (!/[A-Za-z0-9]/.test(chars[i]!)) continue
      if (keep > 0) keep--
      else chars[i] = '*'
    }
    return chars.join('')
  }
  const first = [...value][0] ?? ''
  return `${first}***`
}
