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
  cardGroups: fill('4111 1111 1111 1111 '),
  cardMixed: fill('4111.1111-1111  1111 '),
  digitGroups: fill('1234 '),
  fullwidthDigits: fill('４１１１\u200b'),
  spelledEmail: fill('a [at] b [dot] '),
  streets: fill('12 Main Street Apt. 4, '),
  addressBlocks: fill('Rua Augusta 1250, 01304-001 São Paulo\n'),
  streetWords: fill('Hauptstraße 1 '),
  placeCues: fill('in Paris from Berlin '),
  nameCues: fill('Name: Anna Berg\n'),
  speakerLabels: fill('\nMaria: hi'),
  weekdays: fill('Monday Freitag 10:30 '),
  years: fill('since 1999 '),
  // the name recognizer's neighbour checks: an article before, a verb after, a cue before, particles between
  articleBrands: fill('the Summit Alpine '),
  verbAfterName: fill('George said '),
  cuedUnknown: fill('met Okafor '),
  nameStretch: fill('Customer Paula Lira Porras called '),
  particleGaps: fill('Jan van der Berg de la '),
  placeCueWords: fill('throughout the Aaaa '),
}

// Generous per-test timeouts: each test feeds ~35 one-megabyte strings through a detector, and a
// shared CI machine can be several times slower than a laptop. A quadratic detector still fails.
const TIMEOUT = 600_000

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
    }, TIMEOUT)
  }

  // Linear, loosely: 4x the input may cost at most ~10x the time (quadratic would be 16x). The
  // fastest of three runs is compared, so a descheduled run on a loaded machine does not fail it.
  it('cost grows linearly with input size on the worst hostile inputs', () => {
    const detect = createPiiDetector({ minScore: 0 })
    const fastest = (text: string) => {
      let best = Infinity
      for (let i = 0; i < 3; i++) {
        const t0 = process.cpuUsage()
        detect(text)
        const used = process.cpuUsage(t0)
        best = Math.min(best, used.user + used.system)
      }
      return best
    }
    for (const name of ['cardGroups', 'digitGroups', 'streets', 'capitalisedRun', 'nameCues', 'weekdays', 'nameStretch', 'particleGaps'] as const) {
      const big = HOSTILE[name]!.slice(0, 400_000)
      const small = big.slice(0, 100_000)
      fastest(small)
      expect(fastest(big) / Math.max(fastest(small), 1000), name).toBeLessThan(10)
    }
  }, TIMEOUT)

  it('a custom recognizer runs over hostile input too', () => {
    const detect = createPiiDetector({ names: false, recognizers: [{ type: 'EMPLOYEE_ID', pattern: /\bEMP-\d{6}\b/, score: 0.9 }] })
    expect(Array.isArray(detect(fill('EMP-1')))).toBe(true)
  })
})
