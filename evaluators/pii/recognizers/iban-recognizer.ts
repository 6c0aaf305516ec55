import { ibanChecksum } from '../validators/iban-checksum.js'
import type { Recognizer } from './recognizer.js'

/** Country code, check digits, then 11–30 alphanumerics, optionally in groups of four. Bounded. */
const PATTERN = /(?<![\w])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?!\w)/g

/** IBANs: the country's registered length and the ISO 7064 mod-97 check. Valid ones score 1. */
export const ibanRecognizer: Recognizer = {
  types: ['IBAN_CODE'],
  detector: 'iban',
  find(text, push) {
    for (const m of text.matchAll(PATTERN)) {
      const compact = m[0].replace(/ /g, '')
      if (!ibanChecksum(compact)) continue
      push({ type: 'IBAN_CODE', start: m.index, end: m.index + m[0].length, score: 1, detector: 'iban' })
    }
  },
}
