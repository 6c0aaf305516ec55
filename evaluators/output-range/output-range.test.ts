import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { describeConformance } from '../../test/conformance.js'
import { InvalidArgumentError } from '../../src/core/errors/invalid-argument-error.js'
import { outputRange } from './output-range.js'
import { parseJsonPath, resolveJsonPath } from './json-path.js'

const creditSchema = z.object({ applicant: z.string(), creditScore: z.number().int().min(300).max(850) })

describeConformance('output-range', () => outputRange({ ranges: { '$.score': { min: 0, max: 1 } } }))

describe('outputRange', () => {
  it('fails a credit-score agent that returns 2000 on a 300–850 scale, pointing at the JSON path', async () => {
    const evaluator = outputRange({ schema: creditSchema })
    const bad = await evaluator.evaluate({ output: JSON.stringify({ applicant: 'A-17', creditScore: 2000 }) })
    expect(bad.status).toBe('fail')
    expect(bad.findings).toHaveLength(1)
    expect(bad.findings[0]).toMatchObject({ path: '$.creditScore', type: 'schema_too_big', field: 'output' })
    expect(bad.reason).toContain('$.creditScore')
    expect(bad.reason).not.toContain('2000')
    expect(bad.reason).toMatch(/^1 of 2 checks failed/)
    expect(bad.score).toBeCloseTo(0.5)
    const good = await evaluator.evaluate({ output: JSON.stringify({ applicant: 'A-17', creditScore: 712 }) })
    expect(good).toMatchObject({ status: 'pass', passed: true, score: 1 })
  })

  it('checks ranges: bounds, enums, required fields, types and string length', async () => {
    const evaluator = outputRange({
      ranges: {
        '$.priority': { type: 'integer', min: 1, max: 4 },
        '$.category': { enum: ['billing', 'shipping'] },
        '$.reply': { type: 'string', minLength: 1, maxLength: 20 },
        '$.note': { required: false, maxLength: 3 },
        '$.items[*].price': { min: 0 },
      },
    })
    const result = await evaluator.evaluate({
      output: JSON.stringify({ priority: 7, category: 'other', reply: 'x'.repeat(21), items: [{ price: 3 }, { price: -1 }] }),
    })
    expect(result.status).toBe('fail')
    const byPath = Object.fromEntries(result.findings.map((f) => [f.path, f.type]))
    expect(byPath).toEqual({
      '$.priority': 'above_max',
      '$.category': 'not_in_enum',
      '$.reply': 'too_long',
      '$.items[1].price': 'below_min',
    })
    // 6 checks: priority, category, reply, the absent optional note (holds), and two wildcard prices; 4 failed
    expect(result.score).toBeCloseTo(2 / 6)
    const missing = await evaluator.evaluate({ output: JSON.stringify({ category: 'billing', reply: 'ok', items: [] }) })
    expect(missing.findings.map((f) => [f.path, f.type])).toEqual([['$.priority', 'missing_field']])
  })

  it('fails invalid JSON as data, and skips a missing output (nothing to check), never throwing', async () => {
    const evaluator = outputRange({ ranges: { '$.a': { min: 0 } } })
    expect(await evaluator.evaluate({ output: 'Sure! Here is {not json' })).toMatchObject({ status: 'fail', score: 0, findings: [{ type: 'invalid_json' }] })
    expect(await evaluator.evaluate({})).toMatchObject({ status: 'skipped', score: 1, reason: 'nothing to check: no output', findings: [] })
  })

  it('fails a number JSON cannot represent (1e309) wherever it is, even under a one-sided bound', async () => {
    const evaluator = outputRange({ ranges: { '$.score': { min: 0 } } })
    const result = await evaluator.evaluate({ output: '{"score":1e309,"x":{"y":[-1e400]}}' })
    expect(result.status).toBe('fail')
    expect(result.findings.map((f) => [f.type, f.path])).toEqual([
      ['non_finite_number', '$.score'],
      ['non_finite_number', '$.x.y[0]'],
    ])
    expect(result.score).toBe(0)
    expect(result.reason).not.toMatch(/1e309|1e400/)
    // finite values at the same paths still pass
    expect((await evaluator.evaluate({ output: '{"score":1.5e308,"x":{"y":[-1]}}' })).status).toBe('pass')
  })

  it('parses a bare number when asked', async () => {
    const evaluator = outputRange({ parse: 'number', ranges: { $: { min: 300, max: 850 } } })
    expect((await evaluator.evaluate({ output: ' 640 ' })).status).toBe('pass')
    expect((await evaluator.evaluate({ output: '2000' })).findings[0]?.type).toBe('above_max')
  })

  it('validates its options at once', () => {
    expect(() => outputRange({})).toThrow(InvalidArgumentError)
    expect(() => outputRange({ ranges: { '$.a': { min: 5, max: 1 } } })).toThrow(/min must be <= max/)
    expect(() => outputRange({ ranges: { 'a.b': { min: 1 } } })).toThrow(/must start with "\$"/)
    expect(() => outputRange({ schema: {} as never })).toThrow(/zod schema/)
  })

  it('hashes its options: two configurations never share a config hash', () => {
    const a = outputRange({ ranges: { '$.a': { max: 1 } } })
    const b = outputRange({ ranges: { '$.a': { max: 2 } } })
    const c = outputRange({ schema: creditSchema })
    const d = outputRange({ schema: creditSchema.extend({ extra: z.string() }) })
    expect(new Set([a.configHash, b.configHash, c.configHash, d.configHash]).size).toBe(4)
    expect(outputRange({ ranges: { '$.a': { max: 1 } } }).configHash).toBe(a.configHash)
  })
})

describe('json path', () => {
  it('parses and resolves keys, indexes, quoted keys and wildcards', () => {
    const doc = { a: { 'odd key': [1, { b: 2 }] } }
    expect(resolveJsonPath(doc, parseJsonPath("$.a['odd key'][1].b"))).toEqual([{ path: '$.a["odd key"][1].b', value: 2, present: true }])
    expect(resolveJsonPath(doc, parseJsonPath('$.a.missing.x'))[0]).toMatchObject({ present: false })
    expect(() => parseJsonPath('$.a[')).toThrow(/unclosed/)
  })
})
