import { describe, expect, it } from 'vitest'
import { prettyJsonChunks } from './pretty-json-chunks.js'

const join = (value: unknown, streamDepth?: number) => [...prettyJsonChunks(value, streamDepth === undefined ? {} : { streamDepth })].join('')

describe('prettyJsonChunks', () => {
  const cases: [string, unknown][] = [
    ['a report-like tree', { a: 1, suites: [{ name: 's', cases: [{ id: 'x', r: [1, 2, { z: null }] }, { id: 'y\n"q"', r: [] }], empty: {} }], b: [] }],
    ['skipped members and array holes', { u: undefined, f: () => 1, arr: [undefined, () => 1, Symbol('s'), 3], d: new Date(0), n: NaN, nested: { deep: { deeper: { deepest: [1, { x: 'y' }] } } } }],
    ['scalars', 'text'],
    ['null', null],
    ['an empty array', []],
    ['an empty object', {}],
  ]
  it.each(cases)('matches JSON.stringify(value, null, 2) for %s', (_label, value) => {
    for (const depth of [0, 1, 2, 3, 6]) expect(join(value, depth)).toBe(`${JSON.stringify(value, null, 2)}\n`)
  })

  it('yields a chunk per streamed member instead of one string', () => {
    const value = { cases: Array.from({ length: 1000 }, (_, i) => ({ id: i })) }
    const parts = [...prettyJsonChunks(value)]
    expect(parts.length).toBeGreaterThan(1000)
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(100)
  })
})
