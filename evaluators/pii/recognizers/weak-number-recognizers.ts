import { hasContext } from '../context-words.js'
import { matchesOf } from './matches-of.js'
import type { PiiCandidate, Recognizer } from './recognizer.js'

/**
 * The weak identifiers: on their own they look like any other number, so — as in Presidio — they
 * score almost nothing unless a context word for *that* identifier is near (then `boosted`).
 * Without context they are still emitted at their low score so `minScore: 0` can show them.
 */
interface WeakRule {
  type: string
  detector: string
  pattern: RegExp
  base: number
  boosted: number
  context: readonly string[]
  accept?: (raw: string) => boolean
}

const RULES: readonly WeakRule[] = [
  {
    type: 'US_BANK_NUMBER',
    detector: 'us-bank-number',
    pattern: /(?<![\w.-])\d{8,17}(?![\w-]|\.\d)/g,
    base: 0.05,
    boosted: 0.7,
    context: ['bank', 'account', 'acct', 'checking', 'savings', 'deposit', 'direct deposit', 'wire', 'ach', 'account number', 'account no', 'acc'],
    accept: (raw) => !/^(\d)\1+$/.test(raw),
  },
  {
    type: 'US_PASSPORT',
    detector: 'us-passport',
    pattern: /(?<![\w.-])(?:[A-Z]\d{8}|\d{9})(?![\w-]|\.\d)/g,
    base: 0.05,
    boosted: 0.75,
    context: ['passport', 'passports', 'passport number', 'passport no', 'passport#', 'travel document', 'visa application'],
  },
  {
    type: 'US_DRIVER_LICENSE',
    detector: 'us-driver-license',
    // the common state formats: letter(s) + 4–14 digits, digits only (7–9), and Florida/Wisconsin style dashed groups
    pattern: /(?<![\w.-])(?:[A-Z]{1,2}\d{4,14}|[A-Z]\d{3}-\d{3}-\d{2}-\d{3}-\d|[A-Z]\d{3}-\d{4}-\d{4}-\d{2}|\d{7,9})(?![\w-]|\.\d)/g,
    base: 0.01,
    boosted: 0.75,
    context: ['driver', 'drivers', "driver's", 'license', 'licence', 'dl', 'dl#', 'dmv', 'driving', 'permit', 'id card', 'state id'],
  },
]

function weakRecognizer(rule: WeakRule): Recognizer {
  return {
    types: [rule.type],
    detector: rule.detector,
    find(text, push) {
      for (const m of matchesOf(rule.pattern, text)) {
        if (rule.accept && !rule.accept(m[0])) continue
        const start = m.index
        const end = start + m[0].length
        const candidate: PiiCandidate = {
          type: rule.type,
          start,
          end,
          score: hasContext(text, start, end, rule.context) ? rule.boosted : rule.base,
          detector: rule.detector,
        }
        push(candidate)
      }
    },
  }
}

export const usBankNumberRecognizer = weakRecognizer(RULES[0]!)
export const usPassportRecognizer = weakRecognizer(RULES[1]!)
export const usDriverLicenseRecognizer = weakRecognizer(RULES[2]!)
