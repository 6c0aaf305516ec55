import { hasContext } from '../context-words.js'
import { cardIssuer } from '../validators/card-issuer.js'
import { matchesOf } from './matches-of.js'
import type { Recognizer } from './recognizer.js'

/**
 * Runs of digits and separators (space, dash, dot); a card is then read group by group inside the
 * run, allowing at most two separator characters between groups, so dotted, mixed and doubled
 * separators are read too (NBSP, fullwidth digits and zero-width characters are undone by
 * `normalizeText` before). One linear regex and a bounded walk per group: linear.
 */
const RUN = /(?<![\w.-])\d[\d .-]*\d/g
const CARD_WORDS = [
  'card', 'credit', 'debit', 'visa', 'mastercard', 'maestro', 'amex', 'american express', 'discover', 'cc', 'cvv', 'cvc', 'expiry', 'exp', 'payment', 'pay', 'paid', 'charged',
  'karte', 'kreditkarte', 'kartennummer', 'ec-karte', 'tarjeta', 'carte', 'carta', 'cartão', 'cartao', 'kaart', 'betaalkaart', 'kort', 'kortnummer', 'kortti', 'karta', 'kártya', 'kart',
]
/** A 12–15 digit Maestro-range number is as often an order or account number: a card only with card words nearby. */
const SHORT_MAESTRO_SCORE = 0.4

/**
 * Payment card numbers: Luhn checksum and a known issuer prefix with a length that issuer uses, in
 * any grouping (4-4-4-4, 4-6-5, 4-6-4, runs of digits). Score 1 with card words nearby (in the
 * region's languages), 0.95 without; a 12–15 digit number in Maestro's wide prefix range (50,
 * 56–69: one random 12-digit number in sixty-odd passes) scores 0.4 without card words. A checksum-valid card is never scored down by a word such as "order" or "ref": an
 * attacker could add one to any sentence. When the run continues past the card (a CVV, an expiry
 * year), trailing groups are dropped until a valid card remains.
 */
export const creditCardRecognizer: Recognizer = {
  types: ['CREDIT_CARD'],
  detector: 'credit-card',
  find(text, push) {
    for (const m of matchesOf(RUN, text)) {
      for (const card of cardsInRun(m[0])) {
        const start = m.index + card.start
        const end = m.index + card.end
        const cued = hasContext(text, start, end, CARD_WORDS)
        push({ type: 'CREDIT_CARD', start, end, score: cued ? 1 : card.shortMaestro ? SHORT_MAESTRO_SCORE : 0.95, detector: 'credit-card' })
      }
    }
  },
}

/**
 * Cards inside one run: from each group, extend over following groups (at most two separator
 * characters between them) while the digits stay ≤ 19; keep the longest valid card and continue
 * after it. A card must not continue a longer digit sequence: it starts the run or follows a wide gap.
 * Groups are found by a char-code scan and the Luhn sum is kept incrementally while groups are
 * added (two running sums, one per parity), so a megabyte of card-like groups costs no string
 * building; the digits are only sliced when a candidate passes Luhn (to check its issuer).
 */
function cardsInRun(run: string): { start: number; end: number; shortMaestro: boolean }[] {
  const starts: number[] = []
  const ends: number[] = []
  for (let i = 0; i < run.length; ) {
    if (!isDigit(run.charCodeAt(i))) {
      i++
      continue
    }
    const start = i
    while (i < run.length && isDigit(run.charCodeAt(i))) i++
    starts.push(start)
    ends.push(i)
  }
  const out: { start: number; end: number; shortMaestro: boolean }[] = []
  for (let i = 0; i < starts.length; ) {
    let best = -1
    let bestIssuer: string | undefined
    let bestLength = 0
    let length = 0
    // sums[p]: the Luhn sum if digits at even (p = 0) or odd (p = 1) positions from the left are doubled
    let sum0 = 0
    let sum1 = 0
    let singleDigitGroup = false
    for (let j = i; j < starts.length && j < i + 6; j++) {
      if (j > i && starts[j]! - ends[j - 1]! > 2) break
      if (length + ends[j]! - starts[j]! > 19) break
      if (ends[j]! - starts[j]! < 2) singleDigitGroup = true
      for (let k = starts[j]!; k < ends[j]!; k++) {
        const d = run.charCodeAt(k) - 48
        const doubled = d * 2 > 9 ? d * 2 - 9 : d * 2
        if (length % 2 === 0) {
          sum0 += doubled
          sum1 += d
        } else {
          sum0 += d
          sum1 += doubled
        }
        length++
      }
      // the rightmost digit is never doubled: doubled positions share the parity of the length
      const luhnOk = (length % 2 === 0 ? sum0 : sum1) % 10 === 0
      if (length >= 12 && luhnOk && (j === i || !singleDigitGroup)) {
        const issuer = cardIssuer(digitsOf(run, starts, ends, i, j))
        if (issuer) [best, bestIssuer, bestLength] = [j, issuer, length]
      }
    }
    if (best >= 0) {
      out.push({ start: starts[i]!, end: ends[best]!, shortMaestro: bestIssuer === 'maestro' && bestLength < 16 })
      i = best + 1
    } else i++
  }
  return out
}

const isDigit = (c: number) => c >= 48 && c <= 57

function digitsOf(run: string, starts: readonly number[], ends: readonly number[], from: number, to: number): string {
  let digits = ''
  for (let k = from; k <= to; k++) digits += run.slice(starts[k], ends[k])
  return digits
}
