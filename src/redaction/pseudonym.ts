import { createHmac } from 'node:crypto'
import { z } from 'zod'
import { parseOptions } from '../core/parse-options.js'
import { normalizePiiValue } from './normalize-pii-value.js'

const schema = z
  .object({
    type: z.string().min(1, 'must name the entity type, e.g. EMAIL_ADDRESS'),
    salt: z.string().min(1, 'a salt is required: an unsalted hash of a value is trivially reversible'),
  })
  .strict()

/**
 * The 8-hex pseudonym of a value: HMAC-SHA256 keyed by `salt` over the value normalised by its type
 * (see `normalizePiiValue`), truncated to 8 hex digits. `redact(..., { style: 'hash' })` writes it
 * as `<EMAIL_ADDRESS:3f9a1c2e>`; a data-subject request computes it from the value the person gives
 * and finds their records without the log ever storing the value. The type is part of the key so
 * the same digits as a phone number and as an account number do not share a pseudonym.
 */
export function pseudonym(value: string, options: { type: string; salt: string }): string {
  const { type, salt } = parseOptions(schema, options, 'pseudonym')
  return createHmac('sha256', salt).update(`${type}\u0000${normalizePiiValue(value, type)}`).digest('hex').slice(0, 8)
}
