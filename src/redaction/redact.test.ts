import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js'
import { detectPii } from '../../evaluators/pii/detect-pii.js'
import { pseudonym } from './pseudonym.js'
import { redact } from './redact.js'

const text = 'Mail jane.doe@example.com or call 415-555-0132, card 4111 1111 1111 1111.'
const findings = detectPii(text, { names: false })

describe('redact', () => {
  it('replaces each span by its type by default', () => {
    expect(redact(text, findings)).toBe('Mail <EMAIL_ADDRESS> or call <PHONE_NUMBER>, card <CREDIT_CARD>.')
  })

  it('masks while keeping the shape', () => {
    expect(redact(text, findings, { style: 'mask' })).toBe('Mail j***@***.com or call ***-***-0132, card **** **** **** 1111.')
  })

  it('writes salted pseudonyms that equal pseudonym() of the value', () => {
    const out = redact(text, findings, { style: 'hash', salt: 'pepper' })
    const hash = pseudonym('jane.doe@example.com', { type: 'EMAIL_ADDRESS', salt: 'pepper' })
    expect(hash).toMatch(/^[0-9a-f]{8}$/)
    expect(out).toContain(`<EMAIL_ADDRESS:${hash}>`)
    expect(out).not.toContain('jane.doe')
    expect(out).toMatch(/^Mail <EMAIL_ADDRESS:[0-9a-f]{8}> or call <PHONE_NUMBER:[0-9a-f]{8}>, card <CREDIT_CARD:[0-9a-f]{8}>\.$/)
  })

  it('refuses the hash style without a salt', () => {
    expect(() => redact(text, findings, { style: 'hash' })).toThrow(InvalidArgumentError)
    expect(() => redact(text, findings, { style: 'hash' })).toThrow(/salt/)
    expect(() => pseudonym('x', { type: 'EMAIL_ADDRESS', salt: '' })).toThrow(InvalidArgumentError)
  })

  it('rejects an unknown style with the field named', () => {
    expect(() => redact(text, findings, { style: 'blur' as 'mask' })).toThrow(/redact: style/)
  })

  it('works on any findings with type/start/end, merges overlaps and ignores out-of-range spans', () => {
    const t = 'token ghp_abcdef and more'
    expect(redact(t, [{ type: 'GITHUB_TOKEN', start: 6, end: 16 }])).toBe('token <GITHUB_TOKEN> and more')
    // overlapping: no part of either value survives; typed after the longest
    expect(redact('abcdefghij', [{ type: 'A', start: 1, end: 4 }, { type: 'LONGER', start: 2, end: 8 }])).toBe('a<LONGER>ij')
    // contained span
    expect(redact('abcdefghij', [{ type: 'OUTER', start: 0, end: 10 }, { type: 'IN', start: 3, end: 5 }])).toBe('<OUTER>')
    // out of range, empty, reversed and NaN spans
    expect(redact('abc', [{ type: 'X', start: 5, end: 9 }, { type: 'Y', start: 2, end: 2 }, { type: 'Z', start: 2, end: 1 }, { type: 'N', start: Number.NaN, end: 2 }])).toBe('abc')
    // clamped partial overlap with the end of the text
    expect(redact('abc', [{ type: 'X', start: 1, end: 99 }])).toBe('a<X>')
    // unsorted input
    expect(redact('0123456789', [{ type: 'B', start: 6, end: 8 }, { type: 'A', start: 1, end: 3 }])).toBe('0<A>345<B>89')
  })

  it('never writes a type that could break the marker', () => {
    expect(redact('abc', [{ type: '<script>', start: 0, end: 3 }])).toBe('<REDACTED>')
  })
})

describe('pseudonym', () => {
  it('normalises by type so spellings of one value share a pseudonym', () => {
    const salt = 's3cret'
    const p = (value: string, type: string) => pseudonym(value, { type, salt })
    expect(p('Jane.Doe@Example.com', 'EMAIL_ADDRESS')).toBe(p('jane.doe@example.com', 'EMAIL_ADDRESS'))
    expect(p('(415) 555-0132', 'PHONE_NUMBER')).toBe(p('+1 415 555 0132', 'PHONE_NUMBER'))
    expect(p('4111-1111-1111-1111', 'CREDIT_CARD')).toBe(p('4111111111111111', 'CREDIT_CARD'))
    expect(p('078 05 1120', 'US_SSN')).toBe(p('078-05-1120', 'US_SSN'))
    expect(p('gb82 west 1234 5698 7654 32', 'IBAN_CODE')).toBe(p('GB82WEST12345698765432', 'IBAN_CODE'))
  })

  it('depends on the salt and the type', () => {
    expect(pseudonym('jane@example.com', { type: 'EMAIL_ADDRESS', salt: 'a' })).not.toBe(pseudonym('jane@example.com', { type: 'EMAIL_ADDRESS', salt: 'b' }))
    expect(pseudonym('123456789', { type: 'US_SSN', salt: 'a' })).not.toBe(pseudonym('123456789', { type: 'US_BANK_NUMBER', salt: 'a' }))
  })

  it('is HMAC-SHA256 over type and normalised value, truncated to 8 hex', async () => {
    const { createHmac } = await import('node:crypto')
    const expected = createHmac('sha256', 'k').update('EMAIL_ADDRESS\u0000jane@example.com').digest('hex').slice(0, 8)
    expect(pseudonym('JANE@example.com', { type: 'EMAIL_ADDRESS', salt: 'k' })).toBe(expected)
  })
})
