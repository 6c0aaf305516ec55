import { ibanChecksum } from '../validators/iban-checksum.js'
import { matchesOf } from './matches-of.js'
import type { Recognizer } from './recognizer.js'

/**
 * Country code, check digits, then 11–30 alphanumerics, optionally in groups of four separated by a
 * space or a dash, in either case (`de89 3704 …`, `DE89-3704-…`). Bounded: linear.
 */
const PATTERN = /(?<![\p{L}\p{N}_])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]{4}){2,7}(?:[ -]?[A-Za-z0-9]{1,4})?(?![\p{L}\p{N}_])/gu

/** IBANs: the country's registered length and the ISO 7064 mod-97 check. Valid ones score 1, whatever the words around them. */
export const ibanRecognizer: Recognizer = {
  types: ['IBAN_CODE'],
  detector: 'iban',
  find(text, push) {
    for (const m of matchesOf(PATTERN, text)) {
      let raw = m[0]
      // a short word after the number ("… 3000 in") can be read as its last group: drop it and retry
      if (!ibanChecksum(compactIban(raw))) raw = raw.replace(/[ -][A-Za-z0-9]{1,4}$/, '')
      if (!ibanChecksum(compactIban(raw))) continue
      push({ type: 'IBAN_CODE', start: m.index, end: m.index + raw.length, score: 1, detector: 'iban' })
    }
  },
}

function compactIban(raw: string): string {
  return raw.replace(/[ -]/g, '').toUpperCase()
}
