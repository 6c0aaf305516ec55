import { createRequire } from 'node:module'
import { hasContext } from '../context-words.js'
import type { Recognizer } from './recognizer.js'

type ParsePhone = (text: string, defaultCountry: 'US') => { isValid(): boolean; number: string } | undefined

const require = createRequire(import.meta.url)
let parsePhone: ParsePhone | undefined
function parser(): ParsePhone {
  parsePhone ??= (require('libphonenumber-js/max') as { parsePhoneNumberFromString: ParsePhone }).parsePhoneNumberFromString
  return parsePhone
}

/**
 * Phone-number-shaped runs: an optional `+`, then digits, spaces, dots, dashes and parentheses,
 * 7–24 characters, ending on a digit (with an optional extension). Bounded repetition of one
 * character class: linear. Each run is then validated by libphonenumber-js (metadata `max`:
 * real number ranges per country, E.164 and national formats, US default region).
 */
const PATTERN = /(?<![\w+.\-/(])(?:\+\(?|\(|\b)\d[\d ().-]{5,22}\d(?: ?(?:x|ext\.?) ?\d{1,5})?(?![\w/]|[.-]\d)/g
const PHONE_WORDS = ['phone', 'tel', 'telephone', 'call', 'mobile', 'cell', 'fax', 'contact', 'reach', 'text', 'sms', 'whatsapp', 'number', 'dial', 'ring', 'landline', 'hotline']
const NOT_PHONE_WORDS = ['order', 'invoice', 'tracking', 'isbn', 'account', 'acct', 'reference', 'ref', 'ticket', 'case', 'serial', 'sku', 'id', 'timestamp', 'epoch', 'version', 'build', 'zip', 'routing']

/**
 * Phone numbers, US and international. Formatted numbers (`(415) 555-0132`, `+44 20 7946 0958`)
 * score 0.75, 0.9 with phone words near; a bare run of digits scores 0.4 unless phone words are near
 * (0.75), and any number scores 0.2 when the sentence calls it an order, account, ticket… number.
 */
export const phoneRecognizer: Recognizer = {
  types: ['PHONE_NUMBER'],
  detector: 'phone',
  find(text, push) {
    for (const m of text.matchAll(PATTERN)) {
      const found = validSpan(m[0])
      if (!found) continue
      const start = m.index + found.offset
      const end = start + found.length
      const raw = text.slice(start, end)
      if (!balancedParens(raw)) continue
      const formatted = /^\+|[ ().-]/.test(raw)
      let score: number
      if (hasContext(text, start, end, NOT_PHONE_WORDS) && !hasContext(text, start, end, ['phone', 'call', 'tel', 'mobile', 'cell', 'fax'])) score = 0.2
      else if (hasContext(text, start, end, PHONE_WORDS)) score = formatted ? 0.9 : 0.75
      else score = formatted ? 0.75 : 0.4
      push({ type: 'PHONE_NUMBER', start, end, score, detector: 'phone' })
    }
  },
}

/** The longest sub-run (dropping whole groups from either end, at most three) that is a valid number. */
function validSpan(run: string): { offset: number; length: number } | undefined {
  const groups = [...run.matchAll(/\S+/g)].map((g) => ({ start: g.index, end: g.index + g[0].length }))
  const n = groups.length
  for (let drop = 0; drop <= Math.min(3, n - 1); drop++) {
    for (let left = 0; left <= drop; left++) {
      const first = groups[left]!
      const last = groups[n - 1 - (drop - left)]!
      const candidate = run.slice(first.start, last.end)
      const digits = candidate.replace(/\D/g, '').length
      if (digits < 7 || digits > 15) continue
      // real numbers have few groups and at most one single-digit group (a leading "1" or "+1")
      const parts = candidate.split(/[ ().-]+/).filter(Boolean)
      if (parts.length > 6 || parts.filter((p) => p.length === 1).length > 1) continue
      if (isDateLike(candidate)) continue
      try {
        const parsed = parser()(candidate, 'US')
        if (parsed?.isValid()) return { offset: first.start, length: candidate.length }
      } catch {
        // libphonenumber throws on some malformed input: not a number
      }
    }
  }
  return undefined
}

function isDateLike(candidate: string): boolean {
  return /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(candidate.trim())
}

function balancedParens(raw: string): boolean {
  let depth = 0
  for (const ch of raw) {
    if (ch === '(') depth++
    else if (ch === ')' && --depth < 0) return false
  }
  return depth === 0
}
