import { describe, expect, it } from 'vitest'
import { createPiiDetector } from './detect-pii.js'
import { PII_ENTITIES } from './pii-entity.js'

/**
 * Every detector is linear-time: each is fed ~1 MB strings built to trigger catastrophic
 * backtracking or quadratic rescans (long digit runs, `a@a.a.a…`, nested separators, long
 * capitalised runs). These tests assert that each run completes and returns sane offsets; they do
 * not assert timings — a quadratic detector would not finish within the suite's timeout.
 */
const MB = 1_000_000
const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB)
const HOSTILE: Record<string, string> = {
  digits: fill('1'),
  digitsWithSpaces: fill('1 '),
  digitsWithDashes: fill('12-'),
  nestedSeparators: fill('1 -.(1) '),
  emailDots: `${fill('a.')}@`,
  emailChain: fill('a@a.a.'),
  atSigns: fill('@'),
  localPartNoAt: fill('abc.def+'),
  ipv4ish: fill('1.1.'),
  ipv6ish: fill('a:'),
  colons: fill('::1'),
  urlish: `http://${fill('a.')}`,
  schemes: fill('http://'),
  ibanish: fill('DE89'),
  capitalisedRun: fill('Aaaa '),
  capitalisedNoSpace: fill('A'),
  honorifics: fill('Dr. '),
  base58: fill('1A'),
  bech32: `bc1${fill('q')}`,
  dates: fill('01/01/'),
  monthNames: fill('March 1, '),
  phonePlus: fill('+1 ('),
}

describe('hostile 1 MB inputs', () => {
  for (const entity of PII_ENTITIES) {
    it(`${entity} completes on every hostile input`, () => {
      const detect = createPiiDetector({ entities: [entity], minScore: 0 })
      for (const [name, text] of Object.entries(HOSTILE)) {
        const matches = detect(text)
        for (const m of matches) {
          expect(m.start, name).toBeGreaterThanOrEqual(0)
          expect(m.end, name).toBeLessThanOrEqual(text.length)
          expect(m.end, name).toBeGreaterThan(m.start)
        }
      }
    })
  }

  it('a custom recognizer runs over hostile input too', () => {
    const detect = createPiiDetector({ names: false, recognizers: [{ type: 'EMPLOYEE_ID', pattern: /\bEMP-\d{6}\b/, score: 0.9 }] })
    expect(Array.isArray(detect(fill('EMP-1')))).toBe(true)
  })
})
