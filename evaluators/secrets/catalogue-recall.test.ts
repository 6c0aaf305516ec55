// Regression floors on cases generated from the secrets-patterns-db catalogue's regexes (format
// facts others wrote; see bench/secrets-catalogue.bench.ts for the figures). Skipped where the
// catalogue (kept outside the repository) is absent.
import { describe, expect, it } from 'vitest'
import { catalogueCases, CONTEXTS, hardNegatives } from '../../test/fixtures/secrets/catalogue-cases.js'
import { loadCatalogue } from '../../test/fixtures/secrets/catalogue-rules.js'
import { scoreCatalogue } from '../../test/fixtures/secrets/score-catalogue.js'
import { scanSecrets } from './scan-secrets.js'

const catalogue = loadCatalogue()

describe.skipIf(!catalogue)('recall on the secrets-patterns-db catalogue (generated from its regexes)', () => {
  const cases = catalogue ? [...catalogueCases(catalogue.rules), ...hardNegatives()] : []
  const scan = (text: string) => scanSecrets(text, { minScore: 0.5 })

  for (const split of ['dev', 'test'] as const) {
    it(`${split} split: recall ≥ 0.93 overall and ≥ 0.85 in every context; false alarms on hard negatives ≤ 1%`, () => {
      const score = scoreCatalogue(cases, split, scan)
      expect(score.positives.total).toBeGreaterThan(3000)
      expect(score.positives.found / score.positives.total).toBeGreaterThanOrEqual(0.93)
      for (const context of CONTEXTS) {
        const t = score.byContext[context]!
        expect(t.found / t.total, context).toBeGreaterThanOrEqual(0.85)
      }
      expect(score.negatives.total).toBeGreaterThan(3000)
      expect(score.negatives.falseAlarms / score.negatives.total).toBeLessThanOrEqual(0.01)
    }, 120_000)
  }

  it('leaves out only rules that are not credentials, each with a reason', () => {
    expect(catalogue!.rules.length).toBeGreaterThan(750)
    for (const e of catalogue!.excluded) expect(e.reason.length).toBeGreaterThan(10)
    expect(catalogue!.excluded.length).toBeLessThan(catalogue!.rules.length / 10)
  })
})
