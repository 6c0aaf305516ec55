import { createRequire } from 'node:module'
import { hasContext } from '../context-words.js'
import { matchesOf } from './matches-of.js'
import type { Recognizer } from './recognizer.js'

type CountryCode = string
type ParsePhone = (text: string, defaultCountry?: CountryCode) => { isValid(): boolean } | undefined

const require = createRequire(import.meta.url)
let parsePhone: ParsePhone | undefined
function parser(): ParsePhone {
  parsePhone ??= (require('libphonenumber-js/max') as { parsePhoneNumberFromString: ParsePhone }).parsePhoneNumberFromString
  return parsePhone
}

/**
 * Phone-number-shaped runs: an optional `+` or `(`, then digits, spaces, dots, dashes, slashes and
 * parentheses, ending on a digit, with an optional extension (`x4587`, `ext. 12`, `#3`). One
 * character class with bounded repetition: linear. `00`-prefixed international numbers, the `(0)`
 * trunk prefix, dotted French style and 2-2-2-2 groups are all this shape.
 */
const PATTERN = /(?<![\w+.\-/(])(?:\+ ?\(?|\()?\d[\d ().\-/]{5,26}\d(?: {0,2}(?:x|ext\.?|extension|#) {0,2}\d{1,6})?(?![\w]|[.\-/]\d)/g
const EXTENSION = / {0,2}(?:x|ext\.?|extension|#) {0,2}\d{1,6}$/
const PHONE_WORDS = ['phone', 'tel', 'telephone', 'call', 'called', 'calling', 'callback', 'phoned', 'mobile', 'mob', 'cell', 'fax', 'desk', 'contact', 'reach', 'text', 'sms', 'whatsapp', 'dial', 'ring', 'landline', 'hotline']
const LABEL = /\b(?:phone|tel|telephone|mobile|mob|cell|fax|desk|direct|office|call|sms|whatsapp|landline|hotline)\.?\s*(?:number|no\.?|#)?\s*[:=]?\s*["']?$/i
const NOT_PHONE_WORDS = ['order', 'invoice', 'tracking', 'isbn', 'account', 'acct', 'reference', 'ref', 'ticket', 'case', 'serial', 'sku', 'id', 'timestamp', 'epoch', 'version', 'build', 'zip', 'routing', 'code', 'error', 'postcode', 'postal', 'passport', 'ssn', 'social', 'security', 'license', 'licence', 'batch', 'iban']
/** Regions a national-format number is validated against (libphonenumber-js metadata `max`). */
const REGIONS = ['US', 'GB', 'DE', 'FR', 'ES', 'IT', 'NL', 'BE', 'CH', 'AT', 'SE', 'NO', 'DK', 'FI', 'PL', 'CZ', 'HU', 'PT', 'GR', 'TR', 'BR', 'MX', 'AR', 'IN', 'JP', 'KR', 'AU', 'NZ', 'CA', 'ZA']
const DATE_INSIDE = /\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}|^\d{1,2}[-./]\d{1,2}[-./]\d{2}$/

/**
 * Phone numbers in national and international formats. The shape decides most numbers: an
 * international prefix scores 0.8, a grouped number with 9+ digits 0.7, shorter grouped numbers
 * 0.5 and bare digit runs 0.3. libphonenumber-js then validates the undecided ones against the
 * number plans of 30 regions (a valid grouped number scores 0.75, a valid bare run 0.45), within a per-text budget of
 * parse calls so hostile input stays linear. A label right before (`Phone:`, `Mobile:`, `Desk:`,
 * `Fax:`) or phone words nearby raise the score; "order", "account"… lower only a bare digit run,
 * never a formatted number.
 */
export const phoneRecognizer: Recognizer = {
  types: ['PHONE_NUMBER'],
  detector: 'phone',
  find(text, push) {
    let budget = 24 + Math.floor(text.length / 200)
    for (const m of matchesOf(PATTERN, text)) {
      const raw = m[0]
      const start = m.index
      const end = start + raw.length
      const ext = EXTENSION.exec(raw)
      const number = ext ? raw.slice(0, ext.index) : raw
      const intl = /^\+|^00[1-9]\d{0,2}[ ().-]/.test(number)
      const digits = number.replace(/\D/g, '').length - (intl && number.startsWith('00') ? 2 : 0)
      if (digits < 7 || digits > 15 || !balancedParens(number)) continue
      if (DATE_INSIDE.test(number) || /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(number)) continue
      const groups = number.split(/[ ().\-/]+/).filter(Boolean)
      const formatted = intl || groups.length > 1
      if (groups.length > 7 || (groups.length > 1 && groups[groups.length - 1]!.length < 2)) continue
      const label = LABEL.test(text.slice(Math.max(0, start - 24), start))
      if (/^\d{3}[ .-]\d{2}[ .-]\d{4}$|^\d{5}-\d{3,4}$|^\d+\.\d+$/.test(number) && !label) continue // an SSN's, a ZIP+4's or a Brazilian CEP's shape
      let score = intl ? 0.8 : formatted ? (digits >= 9 ? 0.7 : 0.5) : 0.3
      if (score < 0.75 && budget > 0) {
        const { valid, calls } = validate(number, intl)
        budget -= calls
        if (valid) score = formatted ? 0.75 : 0.45
      }
      if (label) score = Math.max(score + 0.2, 0.85)
      else if (hasContext(text, start, end, PHONE_WORDS)) score += 0.2
      else if (!formatted && hasContext(text, start, end, NOT_PHONE_WORDS)) score = Math.min(score, 0.2)
      push({ type: 'PHONE_NUMBER', start, end, score: Math.min(score, 0.95), detector: 'phone' })
    }
  },
}

/** Validation results by number, memoised (the metadata never changes); cleared past `VALID_CACHE_MAX` numbers. */
const validCache = new Map<string, { valid: boolean; calls: number }>()
const VALID_CACHE_MAX = 10_000

/** Is the number valid in its own plan (international) or in one of `REGIONS`? Counts parse calls (memoised results count the same). */
function validate(number: string, intl: boolean): { valid: boolean; calls: number } {
  const key = (intl ? '+' : '-') + number
  let result = validCache.get(key)
  if (result === undefined) {
    result = validateUncached(number, intl)
    if (validCache.size >= VALID_CACHE_MAX) validCache.clear()
    validCache.set(key, result)
  }
  return result
}

function validateUncached(number: string, intl: boolean): { valid: boolean; calls: number } {
  const parse = parser()
  const tryParse = (value: string, region?: string) => {
    try {
      return parse(value, region)?.isValid() === true
    } catch {
      return false // libphonenumber throws on some malformed input: not a number
    }
  }
  if (intl) return { valid: tryParse(number.replace(/^00/, '+')), calls: 1 }
  let calls = 0
  for (const region of REGIONS) {
    calls++
    if (tryParse(number, region)) return { valid: true, calls }
  }
  return { valid: false, calls }
}

function balancedParens(raw: string): boolean {
  let depth = 0
  for (const ch of raw) {
    if (ch === '(') depth++
    else if (ch === ')' && --depth < 0) return false
  }
  return depth === 0
}
