import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createPiiDetector } from './detect-pii.js'
import { PII_ENTITIES } from './pii-entity.js'
import { scorePii, type LabeledPiiItem } from './score-pii.js'

const items: LabeledPiiItem[] = readFileSync(new URL('../../test/fixtures/pii/labeled.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line, i) => {
    const item = JSON.parse(line) as LabeledPiiItem
    for (const s of item.spans) {
      if (s.start < 0 || s.end > item.text.length || s.end <= s.start) throw new Error(`labeled.jsonl:${i + 1}: span out of range`)
    }
    return item
  })

describe('scorePii', () => {
  it('matches spans of the same type overlapping at least half of the longer one, one to one', () => {
    const gold = [{ text: 'Dr. Emily Watson and 4111111111111111', spans: [{ type: 'PERSON', start: 4, end: 16 }, { type: 'CREDIT_CARD', start: 21, end: 37 }] }]
    const r = scorePii(gold, () => [
      { type: 'PERSON', start: 0, end: 16 }, // includes "Dr. ": 12 of 16 overlap -> match
      { type: 'CREDIT_CARD', start: 21, end: 25 }, // a 4-digit piece: no match
      { type: 'PERSON', start: 4, end: 16 }, // duplicate: the label is already matched
    ])
    expect(r.perEntity.PERSON).toMatchObject({ tp: 1, fp: 1, fn: 0 })
    expect(r.perEntity.CREDIT_CARD).toMatchObject({ tp: 0, fp: 1, fn: 1, precision: 0, recall: 0, f1: 0 })
    expect(r.micro).toMatchObject({ tp: 1, fp: 2, fn: 1 })
  })
})

describe('accuracy on the labeled set (test/fixtures/pii/labeled.jsonl)', () => {
  const { perEntity, micro } = scorePii(items, createPiiDetector())

  it('covers every built-in entity with labels and hard negatives', () => {
    for (const entity of PII_ENTITIES) expect(perEntity[entity]?.tp ?? 0, entity).toBeGreaterThan(0)
    expect(items.filter((i) => i.spans.length === 0).length).toBeGreaterThanOrEqual(40)
    expect(items.length).toBeGreaterThanOrEqual(300)
  })

  // Floors a little under what the detector measures today (see bench/pii.bench.ts), so a
  // regression fails here. Structured identifiers are validated, so their floors are high.
  const FLOORS: Record<string, { precision: number; recall: number }> = {
    EMAIL_ADDRESS: { precision: 0.95, recall: 0.95 },
    PHONE_NUMBER: { precision: 0.95, recall: 0.9 },
    CREDIT_CARD: { precision: 0.95, recall: 0.95 },
    US_SSN: { precision: 0.95, recall: 0.9 },
    IBAN_CODE: { precision: 0.95, recall: 0.95 },
    IP_ADDRESS: { precision: 0.9, recall: 0.9 },
    URL: { precision: 0.9, recall: 0.85 },
    CRYPTO: { precision: 0.95, recall: 0.95 },
    US_BANK_NUMBER: { precision: 0.8, recall: 0.8 },
    US_PASSPORT: { precision: 0.8, recall: 0.8 },
    US_DRIVER_LICENSE: { precision: 0.8, recall: 0.8 },
    DATE_TIME: { precision: 0.8, recall: 0.8 },
    PERSON: { precision: 0.9, recall: 0.9 },
    LOCATION: { precision: 0.85, recall: 0.85 },
    ORGANIZATION: { precision: 0.8, recall: 0.8 },
  }
  for (const [entity, floor] of Object.entries(FLOORS)) {
    it(`${entity}: precision >= ${floor.precision}, recall >= ${floor.recall}`, () => {
      const s = perEntity[entity]!
      expect(s.precision, `${entity} precision (tp ${s.tp}, fp ${s.fp})`).toBeGreaterThanOrEqual(floor.precision)
      expect(s.recall, `${entity} recall (tp ${s.tp}, fn ${s.fn})`).toBeGreaterThanOrEqual(floor.recall)
    })
  }

  it('micro F1 >= 0.95', () => {
    expect(micro.f1).toBeGreaterThanOrEqual(0.95)
  })

  it('hard negatives stay clean: no finding at the default threshold', () => {
    const detect = createPiiDetector()
    const noisy = items.filter((i) => i.id?.startsWith('neg-') && i.spans.length === 0).filter((i) => detect(i.text).length > 0)
    expect(noisy.map((i) => i.id).length).toBeLessThanOrEqual(2)
  })
})
