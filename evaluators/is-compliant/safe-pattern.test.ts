import { describe, expect, it } from 'vitest'
import { checkSafePattern } from './safe-pattern.js'

describe('checkSafePattern', () => {
  it.each([
    'TICKET-[0-9]{4}',
    '\\bguarantee(?:d)?\\b',
    'refund.{0,40}policy',
    '\\d{3}-\\d{2}-\\d{4}',
    '(?:yes|no)',
    '[a-z]{2,10}@example\\.com',
    '\\p{Lu}{1,3}',
    'a{',
  ])('accepts the bounded pattern %s', (p) => {
    expect(checkSafePattern(p, p.includes('\\p') ? 'u' : '')).toBeUndefined()
  })

  it.each([
    ['a+b', /unbounded/],
    ['.*secret', /unbounded/],
    ['x{2,}', /unbounded/],
    ['(a{1,3}){1,3}', /nested/],
    ['(?:ab){2,5}', /repeating a group/],
    ['(a)\\1', /backreference/],
    ['(?<=x)y', /lookbehind/],
    ['a{0,500}', /spans more than/],
    ['a?b?c?d?e?f?g?h?i?', /too many combined choices/],
    ['(', /not a valid regular expression/],
  ])('rejects %s', (p, message) => {
    expect(checkSafePattern(p)).toMatch(message)
  })

  it('rejects flags other than i, m, s, u', () => {
    expect(checkSafePattern('a', 'g')).toMatch(/flags/)
    expect(checkSafePattern('a', 'y')).toMatch(/flags/)
  })

  it('accepted patterns stay fast on 1 MB hostile input (completes)', () => {
    const hostile = ['a'.repeat(1_000_000), '1'.repeat(1_000_000), 'refund '.repeat(150_000), '-'.repeat(500_000) + 'a@a.'.repeat(100_000)]
    for (const p of ['a{0,100}b', 'refund.{0,40}policy', '\\d{3}-\\d{2}-\\d{4}x', 'a?a?a?a?a?a?a?a?b']) {
      expect(checkSafePattern(p)).toBeUndefined()
      const re = new RegExp(p, 'g')
      for (const text of hostile) {
        re.lastIndex = 0
        expect(typeof re.test(text)).toBe('boolean')
      }
    }
  })
})
