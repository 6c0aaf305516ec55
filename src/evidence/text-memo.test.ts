import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../core/canonical-json.js'
import { textMemo } from './text-memo.js'

/** A serialiser that counts its calls, so a test sees when the memo served the text. */
function counted() {
  let calls = 0
  return { serialise: (value: unknown) => (calls++, canonicalJson(value)), calls: () => calls }
}

describe('textMemo', () => {
  it('serialises once while fresh objects hold the same members, and gives the same text', () => {
    const c = counted()
    const memo = textMemo(c.serialise)
    const make = () => ({ runId: 'r1', suite: 's', git: { commit: 'abc', dirty: false }, dataset: { path: 'a.csv', sha256: 'ff' }, tags: ['x', 'y'] })
    const texts = [memo.text(make()), memo.text(make()), memo.text(make())]
    expect(new Set(texts)).toEqual(new Set([canonicalJson(make())]))
    expect(c.calls()).toBe(1)
  })

  it('serialises again when a member changes, in place or nested, or the shape changes', () => {
    const c = counted()
    const memo = textMemo(c.serialise)
    const value: Record<string, unknown> = { a: 1, nested: { b: 'x', list: [1, 2] } }
    const before = memo.text(value)
    ;(value.nested as { list: number[] }).list.push(3)
    const after = memo.text(value)
    expect(after).toBe(canonicalJson(value))
    expect(after).not.toBe(before)
    // same primitives, another shape: {a:{b:1}} vs {a:"b", ...} must not collide
    expect(memo.text({ a: { b: 1 } })).toBe('{"a":{"b":1}}')
    expect(memo.text({ a: ['b', 1] })).toBe('{"a":["b",1]}')
    expect(memo.text({ a: 'b', c: 1 })).toBe('{"a":"b","c":1}')
    expect(c.calls()).toBe(5)
  })

  it('never memoises values that are not plain data (Date, Map, toJSON, functions) and serialises them each time', () => {
    const c = counted()
    const memo = textMemo(c.serialise)
    const at = new Date(0)
    expect(memo.text({ at })).toBe(canonicalJson({ at }))
    at.setTime(1000)
    expect(memo.text({ at })).toBe(canonicalJson({ at }))
    const m = new Map([['k', 1]])
    memo.text({ m })
    m.set('k', 2)
    expect(memo.text({ m })).toBe('{"m":{"k":2}}')
    expect(c.calls()).toBe(4)
  })

  it('keeps NaN and -0 honest: NaN never matches itself (serialised again), -0 and 0 serialise alike', () => {
    const memo = textMemo(canonicalJson)
    expect(memo.text({ n: Number.NaN })).toBe(canonicalJson({ n: Number.NaN }))
    expect(memo.text({ n: 0 })).toBe('{"n":0}')
    expect(memo.text({ n: -0 })).toBe(canonicalJson({ n: -0 }))
  })
})
