import { describe, expect, it } from 'vitest'
import { canonicalJson } from './canonical-json.js'

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined members and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: undefined }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"f":1}]},"b":1}')
  })
  it('encodes values JSON cannot carry stably', () => {
    expect(canonicalJson({ r: /a+b/gi, n: 10n, d: new Date(0), s: new Set([1]), m: new Map([['k', 1]]) })).toBe(
      '{"d":"1970-01-01T00:00:00.000Z","m":{"k":1},"n":"10","r":"/a+b/gi","s":[1]}',
    )
    expect(canonicalJson({ f: (x: number) => x + 1 })).toContain('x + 1')
    // an object that says how it serialises (a Prompt serialises as its VersionRef)
    expect(canonicalJson({ p: { id: 'a', template: 'secret', toJSON: () => ({ id: 'a' }) } })).toBe('{"p":{"id":"a"}}')
  })
  it('refuses cycles and non-finite numbers', () => {
    const a: Record<string, unknown> = {}
    a.self = a
    expect(() => canonicalJson(a)).toThrow(/cyclic/)
    expect(canonicalJson({ x: Number.NaN, y: Number.POSITIVE_INFINITY, z: JSON.parse('[-1e309]') })).toBe('{"x":"[number NaN]","y":"[number Infinity]","z":["[number -Infinity]"]}')
  })
  it('sorts keys by code unit, as RFC 8785', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, é: 4 })).toBe('{"B":2,"a":3,"b":1,"é":4}')
  })
})

describe('canonicalJson key order', () => {
  it('gives one text for every insertion order of the same members, integer-like and astral keys included', () => {
    const members: [string, number][] = [['b', 1], ['10', 2], ['9', 3], ['a', 4], ['\u{1F600}', 5], ['\uFF21', 6], ['', 7], ['A', 8]]
    const expected = `{${[...members].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`
    for (let shift = 0; shift < members.length; shift++) {
      const order = [...members.slice(shift), ...members.slice(0, shift)]
      expect(canonicalJson(Object.fromEntries(order))).toBe(expected)
      expect(canonicalJson(Object.fromEntries(order.reverse()))).toBe(expected)
    }
  })
})
