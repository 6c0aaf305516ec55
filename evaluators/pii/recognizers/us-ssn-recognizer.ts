import { hasContext } from '../context-words.js'
import { isValidSsn } from '../validators/us-ssn.js'
import { matchesOf } from './matches-of.js'
import type { Recognizer } from './recognizer.js'

const PATTERN = /(?<![\w.-])\d{3}([- .]?)\d{2}\1\d{4}(?![\w-]|\.\d)/g
const SSN_WORDS = ['ssn', 'ssns', 'social security', 'social', 'security number', 'ss#', 'ss #', 'ssn#', 'taxpayer', 'tin', 'itin']

/**
 * US Social Security numbers (`078-05-1120`, `078 05 1120`, `078051120`), rejecting numbers never
 * issued (area 000, 666 or 9xx, group 00, serial 0000). Dashed forms score 0.85 (1 with context);
 * space/dot forms 0.5; bare 9-digit numbers only 0.05 unless SSN words are near (then 0.85), as in
 * Presidio — a bare 9-digit number is more often an order or account number.
 */
export const usSsnRecognizer: Recognizer = {
  types: ['US_SSN'],
  detector: 'us-ssn',
  find(text, push) {
    for (const m of matchesOf(PATTERN, text)) {
      const raw = m[0]
      const digits = raw.replace(/\D/g, '')
      if (!isValidSsn(digits)) continue
      const start = m.index
      const end = start + raw.length
      const sep = m[1]
      const context = hasContext(text, start, end, SSN_WORDS)
      const base = sep === '-' ? 0.85 : sep ? 0.5 : 0.05
      push({ type: 'US_SSN', start, end, score: context ? (sep === '-' ? 1 : 0.85) : base, detector: 'us-ssn' })
    }
  },
}
