import type { Recognizer } from './recognizer.js'

const LOCAL_MAX = 64
const DOMAIN_MAX = 253

function isLocalChar(c: number): boolean {
  // A-Z a-z 0-9 . _ % + -
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45
}
function isDomainChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 45
}

/**
 * E-mail addresses. Not a regex: every `@` is found with `indexOf` and the address grown left and
 * right over bounded runs of allowed characters, so the scan is linear on any input (`a@a.a.a…`,
 * long local-part runs without an `@`). Needs a dotted domain with an alphabetic TLD of 2–24 letters.
 */
export const emailRecognizer: Recognizer = {
  types: ['EMAIL_ADDRESS'],
  detector: 'email',
  find(text, push) {
    let at = text.indexOf('@')
    while (at >= 0) {
      let start = at
      while (start > 0 && at - start < LOCAL_MAX && isLocalChar(text.charCodeAt(start - 1))) start--
      while (start < at && text[start] === '.') start++
      let end = at + 1
      while (end < text.length && end - at - 1 < DOMAIN_MAX && isDomainChar(text.charCodeAt(end))) end++
      while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--
      if (start < at && end > at + 1) {
        const domain = text.slice(at + 1, end)
        const dot = domain.lastIndexOf('.')
        const tld = dot > 0 ? domain.slice(dot + 1) : ''
        if (/^[A-Za-z]{2,24}$/.test(tld) && !domain.includes('..') && !domain.startsWith('-')) {
          push({ type: 'EMAIL_ADDRESS', start, end, score: 1, detector: 'email' })
        }
      }
      at = text.indexOf('@', at + 1)
    }
  },
}
