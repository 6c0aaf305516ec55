import { hasContext } from '../context-words.js'
import { cardIssuer } from '../validators/card-issuer.js'
import { luhn } from '../validators/luhn.js'
import type { Recognizer } from './recognizer.js'

/** 12–19 digits, optionally grouped by single spaces or dashes. One way to parse any string: linear. */
const PATTERN = /(?<![\d.-])\d(?:[ -]?\d){11,18}(?![\d-]|\.\d)/g
const CARD_WORDS = ['card', 'credit', 'debit', 'visa', 'mastercard', 'amex', 'american express', 'discover', 'cc', 'cvv', 'expiry', 'exp', 'payment', 'pay', 'charged']
const NOT_CARD_WORDS = ['order', 'tracking', 'invoice', 'isbn', 'reference', 'ref', 'confirmation', 'shipment', 'parcel', 'serial', 'imei', 'barcode', 'ean', 'upc', 'sku', 'transaction id', 'ticket']

/**
 * Payment card numbers: Luhn checksum and a known issuer prefix with a length that issuer uses,
 * with consistent grouping. Score 1 with card words nearby, 0.95 without, and 0.3 when the
 * sentence says it is something else (an order, tracking or ISBN number that happens to pass Luhn).
 */
export const creditCardRecognizer: Recognizer = {
  types: ['CREDIT_CARD'],
  detector: 'credit-card',
  find(text, push) {
    for (const m of text.matchAll(PATTERN)) {
      const raw = m[0]
      const seps = raw.replace(/\d/g, '')
      if (seps.length > 0 && !/^( +|-+)$/.test(seps)) continue
      const digits = raw.replace(/\D/g, '')
      if (digits.length < 13 || !luhn(digits) || !cardIssuer(digits)) continue
      const start = m.index
      const end = start + raw.length
      let score = 0.95
      if (hasContext(text, start, end, CARD_WORDS)) score = 1
      else if (hasContext(text, start, end, NOT_CARD_WORDS)) score = 0.3
      push({ type: 'CREDIT_CARD', start, end, score, detector: 'credit-card' })
    }
  },
}
