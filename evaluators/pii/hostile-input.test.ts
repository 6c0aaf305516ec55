import { describe, expect, it } from 'vitest'
import { createPiiDetector } from './detect-pii.js'
import { PII_ENTITIES } from './pii-entity.js'
import { fill, HOSTILE } from '../../test/helpers/hostile-pii-inputs.js'

/**
 * Every detector is linear-time: each is fed ~1 MB strings built to trigger catastrophic
 * backtracking or quadratic rescans (long digit runs, `a@a.a.a…`, nested separators, long
 * capitalised runs). These tests assert that each run completes and returns sane offsets; they do
 * not assert timings — a quadratic detector would not finish within the suite's timeout.
 */

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
