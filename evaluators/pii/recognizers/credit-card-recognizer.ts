import { hasContext } from '../context-words.js'
import { cardIssuer } from '../validators/card-issuer.js'
import { luhn } from '../validators/luhn.js'
import type { Recognizer } from './recognizer.js'

/**
 * Runs of digits and separators (space, dash, dot); a card is then read group by group inside the
 * run, allowing at most two separator characters between groups, so dotted, mixed and doubled
 * separators are read too (NBSP, fullwidth digits and zero-width characters are undone by
 * `normalizeText` before). One linear regex and a bounded walk per group: linear.
 */
const RUN = /(?<![\w.-])\d[\d .-]*\d/g
const CARD_WORDS = ['card', 'credit', 'debit', 'visa', 'mastercard', 'amex', 'american express', 'discover', 'cc', 'cvv', 'expiry', 'exp', 'payment', 'pay', 'charged']

/**
 * Payment card numbers: Luhn checksum and a known issuer prefix with a length that issuer uses, in
 * any grouping (4-4-4-4, 4-6-5, 4-6-4, runs of digits). Score 1 with card words nearby, 0.95
 * without. A checksum-valid card is never scored down by a word such as "order" or "ref": an
 * attacker could add one to any sentence. When the run continues past the card (a CVV, an expiry
 * year), trailing groups are dropped until a valid card remains.
 */
export const creditCardRecognizer: Recognizer = {
  types: ['CREDIT_CARD'],
  detector: 'credit-card',
  find(text, push) {
    for (const m of text.matchAll(RUN)) {
      for (const card of cardsInRun(m[0])) {
        const start = m.index + card.start
        const end = m.index + card.end
        push({ type: 'CREDIT_CARD', start, end, score: hasContext(text, start, end, CARD_WORDS) ? 1 : 0.95, detector: 'credit-card' })
      }
    }
  },
}

/**
 * Cards inside one run: from each group, extend over following groups (at most two separator
 * characters between them) while the digits stay ≤ 19; keep the longest valid card and continue
 * after it. A card must not continue a longer digit sequence: it starts the run or follows a wide gap.
 */
function cardsInRun(run: string): { start: number; end: number }[] {
  const groups = [...run.matchAll(/\d+/g)].map((g) => ({ start: g.index, end: g.index + g[0].length }))
  const out: { start: number; end: number }[] = []
  for (let i = 0; i < groups.length; ) {
    let best = -1
    let digits = ''
    for (let j = i; j < groups.length && j < i + 6; j++) {
      if (j > i && groups[j]!.start - groups[j - 1]!.end > 2) break
      digits += run.slice(groups[j]!.start, groups[j]!.end)
      if (digits.length > 19) break
      if (digits.length >= 12 && luhn(digits) && cardIssuer(digits) && plausibleGroups(groups, i, j)) best = j
    }
    if (best >= 0) {
      out.push({ start: groups[i]!.start, end: groups[best]!.end })
      i = best + 1
    } else i++
  }
  return out
}

/** No single-digit group ("4 1 1 1 …" is not how a card is written) unless the card is one unbroken run. */
function plausibleGroups(groups: readonly { start: number; end: number }[], from: number, to: number): boolean {
  if (from === to) return true
  for (let k = from; k <= to; k++) if (groups[k]!.end - groups[k]!.start < 2) return false
  return true
}
