import { describe, expect, it } from 'vitest'
import { createPiiDetector } from './detect-pii.js'
import { normalizeText } from './normalize-text.js'

/**
 * The formatting tricks of issue 12: each value is detected, with offsets in the caller's text
 * (the span covers the zero-width characters, NBSPs or fullwidth digits the value was written with).
 */
const TRICKS: [type: string, text: string, value: string][] = [
  ['CREDIT_CARD', 'card 4111.1111.1111.1111 thanks', '4111.1111.1111.1111'],
  ['CREDIT_CARD', 'card 4111 1111-1111.1111 thanks', '4111 1111-1111.1111'],
  ['CREDIT_CARD', 'card 4111  1111  1111  1111 thanks', '4111  1111  1111  1111'],
  ['CREDIT_CARD', 'card 4111--1111--1111--1111 thanks', '4111--1111--1111--1111'],
  ['CREDIT_CARD', 'card 4111\u00a01111\u00a01111\u00a01111 thanks', '4111\u00a01111\u00a01111\u00a01111'],
  ['CREDIT_CARD', 'card 4111\u202f1111\u20091111\u20091111 thanks', '4111\u202f1111\u20091111\u20091111'],
  ['CREDIT_CARD', 'card ４１１１ １１１１ １１１１ １１１１ thanks', '４１１１ １１１１ １１１１ １１１１'],
  ['CREDIT_CARD', 'card 4111\u200b1111\u200b1111\u200b1111 thanks', '4111\u200b1111\u200b1111\u200b1111'],
  ['CREDIT_CARD', 'card 41\u200d11 1111 1111 11\u00ad11 thanks', '41\u200d11 1111 1111 11\u00ad11'],
  ['CREDIT_CARD', 'Order ref 4111111111111111 on the invoice', '4111111111111111'],
  ['CREDIT_CARD', 'amex 3782 822463 10005 ok', '3782 822463 10005'],
  ['CREDIT_CARD', 'diners 3056 930902 5904 ok', '3056 930902 5904'],
  ['US_SSN', 'SSN ０７８-０５-１１２０ on file', '０７８-０５-１１２０'],
  ['US_SSN', 'SSN 078-05\u200b-1120 on file', '078-05\u200b-1120'],
  ['US_SSN', 'SSN 078\u201305\u20131120 on file', '078\u201305\u20131120'],
  ['US_SSN', 'SSN 078\u221205\u22121120 on file', '078\u221205\u22121120'],
  ['EMAIL_ADDRESS', 'mail jane.doe\u200b@example.com now', 'jane.doe\u200b@example.com'],
  ['EMAIL_ADDRESS', 'mail jane.doe＠example.com now', 'jane.doe＠example.com'],
  ['EMAIL_ADDRESS', 'mail jane.doe [at] example [dot] com now', 'jane.doe [at] example [dot] com'],
  ['EMAIL_ADDRESS', 'mail jane.doe(at)example.com now', 'jane.doe(at)example.com'],
  ['EMAIL_ADDRESS', 'mail jane.doe at example dot com now', 'jane.doe at example dot com'],
  ['EMAIL_ADDRESS', 'mail "jane doe"@example.com now', '"jane doe"@example.com'],
  ['IBAN_CODE', 'iban gb82 west 1234 5698 7654 32 now', 'gb82 west 1234 5698 7654 32'],
  ['IBAN_CODE', 'iban DE89-3704-0044-0532-0130-00 now', 'DE89-3704-0044-0532-0130-00'],
  ['IBAN_CODE', 'iban de89370400440532013000 in full', 'de89370400440532013000'],
  ['PHONE_NUMBER', 'call 0049 30 12345678 now', '0049 30 12345678'],
  ['PHONE_NUMBER', 'call +49 (0)30 1234 5678 now', '+49 (0)30 1234 5678'],
  ['PHONE_NUMBER', 'call 01.23.45.67.89 now', '01.23.45.67.89'],
  ['PHONE_NUMBER', 'Desk: 212-555-0199 x4587', '212-555-0199 x4587'],
  ['PHONE_NUMBER', 'Fax: 020 7946 0958', '020 7946 0958'],
  ['PHONE_NUMBER', 'Phone: 12 34 56 78', '12 34 56 78'],
  ['PHONE_NUMBER', 'Mobile: 030 123 456', '030 123 456'],
  ['PHONE_NUMBER', 'my account phone is +1 646 555 0147', '+1 646 555 0147'],
  ['PHONE_NUMBER', 'call +44\u00a020\u00a07946\u00a00958 now', '+44\u00a020\u00a07946\u00a00958'],
]

describe('formatting tricks are detected, offsets in the original text', () => {
  const detect = createPiiDetector()
  for (const [type, text, value] of TRICKS) {
    it(`${type}: ${JSON.stringify(text)}`, () => {
      const found = detect(text).map((m) => `${m.type}:${text.slice(m.start, m.end)}`)
      expect(found).toContain(`${type}:${value}`)
    })
  }
})

describe('normalizeText', () => {
  it('returns ASCII text unchanged', () => {
    const n = normalizeText('plain text 123')
    expect(n.text).toBe('plain text 123')
    expect(n.toOriginal(2, 5)).toEqual({ start: 2, end: 5 })
  })

  it('maps spans back over dropped and widened characters', () => {
    const text = 'a\u200b４\u00a0b\u2013c'
    const n = normalizeText(text)
    expect(n.text).toBe('a4 b-c')
    expect(n.toOriginal(0, 6)).toEqual({ start: 0, end: text.length })
    expect(n.toOriginal(1, 2)).toEqual({ start: 2, end: 3 })
  })
})
