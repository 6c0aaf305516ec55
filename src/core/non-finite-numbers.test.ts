import { describe, expect, it } from 'vitest'
import { nonFiniteNumbers } from './non-finite-numbers.js'

describe('nonFiniteNumbers', () => {
  it('finds every number JSON.parse turned into Infinity, -Infinity or NaN, in document order', () => {
    const value = JSON.parse('{"a":1e309,"b":[1,-1e309,{"c":2}],"d":{"e f":[0,1e400]},"g":"1e309"}')
    expect(nonFiniteNumbers(value)).toEqual([['a'], ['b', 1], ['d', 'e f', 1]])
    expect(nonFiniteNumbers(Number.NaN)).toEqual([[]])
    expect(nonFiniteNumbers({ ok: [1, 2.5, -1.7e308] })).toEqual([])
    expect(nonFiniteNumbers(null)).toEqual([])
  })

  it('stops at the limit and survives hostile depth and width without recursion', () => {
    const deep = JSON.parse('['.repeat(100_000) + '1e309' + ']'.repeat(100_000))
    expect(nonFiniteNumbers(deep)[0]).toHaveLength(100_000)
    const wide = JSON.parse(`[${Array(200_000).fill('1e309').join(',')}]`)
    expect(nonFiniteNumbers(wide)).toHaveLength(100)
    expect(nonFiniteNumbers(wide, { limit: 3 })).toEqual([[0], [1], [2]])
  })
})
