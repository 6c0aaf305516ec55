import { hasContext } from '../context-words.js'
import type { Recognizer } from './recognizer.js'

const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)'
const TIME = '(?:[T ,]{1,2}(?:at )?\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?: ?[AaPp]\\.?[Mm]\\.?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?'
const PATTERNS: readonly RegExp[] = [
  // 2024-01-15, 2024-01-15T10:30:00Z, 2024/01/15
  new RegExp(`(?<![\\w.-])\\d{4}([-/.])\\d{1,2}\\1\\d{1,2}${TIME}(?![\\w]|[-/.]\\d)`, 'g'),
  // 01/15/2024, 15.01.2024, 1-15-24
  new RegExp(`(?<![\\w.-])\\d{1,2}([-/.])\\d{1,2}\\1(?:\\d{4}|\\d{2})${TIME}(?![\\w]|[-/.]\\d)`, 'g'),
  // January 15, 2024 · Jan. 15th 2024 · March 2024
  new RegExp(`\\b${MONTH}\\.? (?:\\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?|\\d{4})${TIME}(?!\\w)`, 'g'),
  // 15 January 2024 · 15th of March, 2024
  new RegExp(`(?<![\\w.])\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH}\\.?(?:,? \\d{4})?${TIME}(?!\\w)`, 'g'),
]
const PERSONAL = ['born', 'birth', 'birthday', 'dob', 'd.o.b', 'date of birth', 'birthdate', 'died', 'death', 'deceased', 'admitted', 'admission', 'discharged', 'appointment', 'visit', 'surgery', 'diagnosed', 'hired', 'terminated', 'age']

/**
 * Dates and date-times (ISO 8601, numeric day/month/year, month names). A date becomes PII when it
 * belongs to a person, so a date scores 0.85 with personal context (born, DOB, admitted,
 * appointment…) and 0.4 without: below the default `minScore`, so "ships on March 3, 2024" does
 * not fail a check while "born on March 3, 1984" does. Month/day values are range-checked.
 */
export const dateTimeRecognizer: Recognizer = {
  types: ['DATE_TIME'],
  detector: 'date-time',
  find(text, push) {
    for (const [index, pattern] of PATTERNS.entries()) {
      for (const m of text.matchAll(pattern)) {
        const raw = m[0]
        if (index < 2 && !plausibleNumericDate(raw, index === 0)) continue
        const start = m.index
        const end = start + raw.length
        push({ type: 'DATE_TIME', start, end, score: hasContext(text, start, end, PERSONAL) ? 0.85 : 0.4, detector: 'date-time' })
      }
    }
  },
}

function plausibleNumericDate(raw: string, yearFirst: boolean): boolean {
  const parts = raw.split(/[-/.T ,]/).filter(Boolean).slice(0, 3).map(Number)
  const [a, b, c] = parts as [number, number, number]
  if (yearFirst) return a >= 1800 && a <= 2200 && b >= 1 && b <= 12 && c >= 1 && c <= 31
  // month/day or day/month, both are common
  const dm = (a >= 1 && a <= 31 && b >= 1 && b <= 12) || (a >= 1 && a <= 12 && b >= 1 && b <= 31)
  return dm && (c < 100 || (c >= 1800 && c <= 2200))
}
