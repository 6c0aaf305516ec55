import { describe, expect, it } from 'vitest'
import { HoldBackBuffer, type Release } from './hold-back-buffer.js'
import { joinSegments, redactSegments } from './text-segments.js'

/** The text a release lets out, redacted. */
function text(b: HoldBackBuffer, r: Release): string {
  const joined = joinSegments([b.raw.slice(r.from, r.to)], '')
  return redactSegments(joined, r.spans.map((s) => ({ ...s, start: s.start - r.from, end: s.end - r.from })))[0] ?? ''
}

describe('HoldBackBuffer', () => {
  it('keeps the last holdBack characters until the end', () => {
    const b = new HoldBackBuffer(10, 1)
    b.push('abcdefghijklmnopqrstuvwxyz')
    expect(text(b, b.release([], false))).toBe('abcdefghijklmnop')
    expect(b.committed).toBe(16)
    expect(text(b, b.release([], true))).toBe('qrstuvwxyz')
  })

  it('holds a span that straddles the limit whole, then releases it redacted', () => {
    const b = new HoldBackBuffer(5, 1)
    b.push('mail a@b.co') // span 5..11 may still grow
    expect(text(b, b.release([{ start: 5, end: 11, type: 'EMAIL_ADDRESS' }], false))).toBe('mail ')
    b.push('m thanks a lot')
    expect(text(b, b.release([{ start: 5, end: 12, type: 'EMAIL_ADDRESS' }], false))).toBe('<EMAIL_ADDRESS> thanks ')
    expect(b.covers({ start: 5, end: 12 })).toBe(true)
    expect(text(b, b.release([], true))).toBe('a lot')
  })

  it('clips a finding that starts in released text, redacts the rest and counts it', () => {
    const b = new HoldBackBuffer(3, 1)
    b.push('0123456789')
    expect(text(b, b.release([], false))).toBe('0123456')
    expect(text(b, b.release([{ start: 5, end: 9, type: 'X' }], true))).toBe('<X>9')
    expect(b.lateFindings).toBe(1)
    expect(b.covers({ start: 5, end: 9 })).toBe(false)
  })

  it('checks a window reaching 2 * holdBack back from the released text, and is due every step', () => {
    const b = new HoldBackBuffer(4, 2)
    b.push('x'.repeat(20))
    expect(b.due()).toBe(true)
    b.release([], false)
    expect(b.committed).toBe(16)
    expect(b.windowStart()).toBe(8)
    expect(b.window()).toBe('x'.repeat(12))
    b.push('y')
    expect(b.due()).toBe(false)
    b.push('y')
    expect(b.due()).toBe(true)
  })
})
