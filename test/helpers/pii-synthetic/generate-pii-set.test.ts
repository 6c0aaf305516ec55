import { describe, expect, it } from 'vitest'
import { iou, scoreSpans } from '../score-spans.js'
import { DEV_LOCALES, generatePiiSet, TEST_LOCALES } from './generate-pii-set.js'
import { TEMPLATES } from './templates.js'

describe('generated PII set', () => {
  const dev = generatePiiSet({ split: 'dev', perTemplate: 4 })
  const test = generatePiiSet({ split: 'test', perTemplate: 4 })

  it('is deterministic (fixed seed)', () => {
    expect(generatePiiSet({ split: 'dev', perTemplate: 4 })).toEqual(dev)
  })

  it('splits by template and by locale', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(40)
    expect(DEV_LOCALES.length + TEST_LOCALES.length).toBeGreaterThanOrEqual(15)
    expect(DEV_LOCALES.filter((l) => (TEST_LOCALES as readonly string[]).includes(l))).toEqual([])
    const devTemplates = new Set(dev.map((i) => i.template))
    expect(test.some((i) => devTemplates.has(i.template))).toBe(false)
    expect(test.some((i) => (DEV_LOCALES as readonly string[]).includes(i.locale))).toBe(false)
  })

  it('labels spans that slice to non-empty, trimmed values', () => {
    for (const item of [...dev, ...test]) {
      for (const s of item.spans) {
        const value = item.text.slice(s.start, s.end)
        expect(value.length, item.id).toBeGreaterThan(0)
        expect(value.trim(), item.id).toBe(value)
      }
    }
  })
})

describe('scoreSpans', () => {
  const items = [{ text: 'x', spans: [{ type: 'PERSON', start: 0, end: 10 }, { type: 'LOCATION', start: 20, end: 30 }] }]

  it('IoU', () => {
    expect(iou({ type: 'A', start: 0, end: 10 }, { type: 'B', start: 0, end: 9 })).toBeCloseTo(0.9)
    expect(iou({ type: 'A', start: 0, end: 10 }, { type: 'B', start: 10, end: 20 })).toBe(0)
  })

  it('typed needs the same type; type-agnostic does not; IoU below 0.9 is a miss', () => {
    const s = scoreSpans(items, () => [{ type: 'ORGANIZATION', start: 0, end: 10 }, { type: 'LOCATION', start: 20, end: 28 }])
    expect(s.perType.PERSON).toMatchObject({ tp: 0, fn: 1 })
    expect(s.perType.ORGANIZATION).toMatchObject({ fp: 1 })
    expect(s.perType.LOCATION).toMatchObject({ tp: 0, fn: 1, fp: 1 })
    expect(s.agnostic).toMatchObject({ tp: 1, fp: 1, fn: 1 })
    expect(s.agnostic.f2).toBeCloseTo(0.5)
  })

  it('mapType merges types on both sides', () => {
    const s = scoreSpans(items, () => [{ type: 'STREET_ADDRESS', start: 20, end: 30 }], { mapType: (t) => (t === 'STREET_ADDRESS' ? 'LOCATION' : t) })
    expect(s.perType.LOCATION).toMatchObject({ tp: 1, fp: 0, fn: 0 })
  })
})
