import { describe, expect, it } from 'vitest'
import { joinSegments, redactSegments } from './text-segments.js'

describe('redactSegments', () => {
  it('puts a placeholder where a span starts and drops its continuation in later parts', () => {
    const joined = joinSegments(['Card 4111 1111 ', '1111 1111', ' ok'], '')
    const start = joined.text.indexOf('4111')
    const out = redactSegments(joined, [{ start, end: start + 19, type: 'CREDIT_CARD' }])
    expect(out).toEqual(['Card <CREDIT_CARD>', '', ' ok'])
    expect(out.join('')).toBe('Card <CREDIT_CARD> ok')
  })

  it('handles several spans per part, adjacent and overlapping spans, and separators', () => {
    const joined = joinSegments(['a@b.co and c@d.co', 'x'], '\n\n')
    const out = redactSegments(joined, [
      { start: 0, end: 6, type: 'E' },
      { start: 11, end: 17, type: 'E' },
      { start: 13, end: 19, type: 'E' },
    ])
    expect(out).toEqual(['<E> and <E>', 'x'])
  })
})
