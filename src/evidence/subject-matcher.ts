import { pseudonym } from '../redaction/pseudonym.js'
import { PSEUDONYM_MARKER } from '../redaction/redaction-marker.js'
import type { EvidenceRecord, StoredSample } from './evidence-record.js'
import { saltId } from './resolve-salt.js'


export interface SubjectMatcher {
  /** True when the record's stored text holds the subject's pseudonym (or, stored raw, the value). */
  matches(record: EvidenceRecord): boolean
  /** Records whose stored text was pseudonymised with another salt (they could not be searched). */
  readonly otherSalt: number
}

/**
 * Finds one data subject's records without storing or printing the value: each pseudonym token in
 * a record's stored text names its entity type, so the value's pseudonym is computed for exactly
 * the types that occur (`pseudonym(value, { type, salt })`, normalised per type: an e-mail in
 * another case, a phone number with other separators still match) and compared. Records stored
 * `raw` are matched on the value itself. Pseudonyms are 32-bit, so on very large logs a rare
 * unrelated record can match too: treat hits as candidates to review, not proof.
 */
export function subjectMatcher(value: string, salt: string): SubjectMatcher {
  const wanted = new Map<string, string>()
  const pseudonymFor = (type: string): string => {
    let p = wanted.get(type)
    if (p === undefined) {
      p = pseudonym(value, { type, salt })
      wanted.set(type, p)
    }
    return p
  }
  const mySaltId = saltId(salt)
  const needle = value.trim()
  let otherSalt = 0

  const hasToken = (text: string): boolean => {
    for (const m of text.matchAll(PSEUDONYM_MARKER)) if (pseudonymFor(m[1]!) === m[2]) return true
    return false
  }
  return {
    get otherSalt() {
      return otherSalt
    },
    matches(record) {
      const sample = record.sample
      if (!sample || sample.storage === 'none') return false
      if (sample.storage === 'raw') return needle !== '' && storedTexts(sample).some((t) => t.includes(needle))
      if (sample.saltId !== undefined && sample.saltId !== mySaltId) {
        otherSalt++
        return false
      }
      return storedTexts(sample).some(hasToken)
    },
  }
}

/** Every string stored in a sample: input, output, context entries, and string leaves of tool calls. */
export function storedTexts(sample: StoredSample): string[] {
  const out: string[] = []
  if (sample.input !== undefined) out.push(sample.input)
  if (sample.output !== undefined) out.push(sample.output)
  if (sample.context) out.push(...sample.context)
  if (sample.toolCalls) for (const call of sample.toolCalls) collectStrings(call.args, out, 0)
  return out
}

function collectStrings(value: unknown, out: string[], depth: number): void {
  if (depth > 64) return
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, out, depth + 1)
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) collectStrings(v, out, depth + 1)
}
