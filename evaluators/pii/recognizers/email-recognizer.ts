import { matchesOf } from './matches-of.js'
import type { Recognizer } from './recognizer.js'

const LOCAL_MAX = 64
const DOMAIN_MAX = 253

function isLocalChar(c: number): boolean {
  // A-Z a-z 0-9 . _ % + - '
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45 || c === 39
}
function isDomainChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 45
}

/**
 * Addresses written to dodge a filter: `jane [at] example [dot] com`, `jane(at)example.com`,
 * `jane at example dot com`. A bracketed `at` may be followed by a dotted domain; a bare ` at `
 * needs a spelled ` dot ` too ("look at example.com" is not an address). Bounded runs: linear.
 */
const SPELLED =
  /(?<![\w.%+-])[A-Za-z0-9._%+-]{1,64} {0,2}(?:[[({] {0,2}(?:at|AT|@) {0,2}[\])}]| (?:at|AT) ) {0,2}[A-Za-z0-9-]{1,63}(?:(?: {0,2}[[({] {0,2}(?:dot|DOT|\.) {0,2}[\])}] {0,2}| (?:dot|DOT) |\.)[A-Za-z0-9-]{1,63}){1,4}(?![\w-])/g
const TLD = /^[A-Za-z]{2,24}$/

/**
 * E-mail addresses. Not a regex: every `@` is found with `indexOf` and the address grown left and
 * right over bounded runs of allowed characters, so the scan is linear on any input (`a@a.a.a…`,
 * long local-part runs without an `@`). Needs a dotted domain with an alphabetic TLD of 2–24
 * letters. A quoted local part (`"jane doe"@example.com`) is taken whole. Then the spelled-out
 * forms (`[at]`, `(at)`, ` at … dot `), after `normalizeText` has undone fullwidth `＠` and
 * zero-width characters.
 */
export const emailRecognizer: Recognizer = {
  types: ['EMAIL_ADDRESS'],
  detector: 'email',
  find(text, push) {
    let at = text.indexOf('@')
    while (at >= 0) {
      let start = at
      if (text[at - 1] === '"') {
        const open = text.lastIndexOf('"', at - 2)
        if (open >= 0 && at - open <= LOCAL_MAX + 2 && !text.slice(open, at).includes('\n')) start = open
      }
      if (start === at) {
        while (start > 0 && at - start < LOCAL_MAX && isLocalChar(text.charCodeAt(start - 1))) start--
        while (start < at && (text[start] === '.' || text[start] === "'")) start++
      }
      let end = at + 1
      while (end < text.length && end - at - 1 < DOMAIN_MAX && isDomainChar(text.charCodeAt(end))) end++
      while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--
      if (start < at && end > at + 1) {
        const domain = text.slice(at + 1, end)
        const dot = domain.lastIndexOf('.')
        const tld = dot > 0 ? domain.slice(dot + 1) : ''
        if (TLD.test(tld) && !domain.includes('..') && !domain.startsWith('-')) {
          push({ type: 'EMAIL_ADDRESS', start, end, score: 1, detector: 'email' })
        }
      }
      at = text.indexOf('@', at + 1)
    }
    if (!/\bat\b|\bAT\b|[[({] ?@/.test(text)) return
    for (const m of matchesOf(SPELLED, text)) {
      const raw = m[0]
      const bareAt = !/[[({] {0,2}(?:at|AT|@)/.test(raw)
      const parts = raw.split(/ {0,2}[[({] {0,2}(?:dot|DOT|\.) {0,2}[\])}] {0,2}| (?:dot|DOT) |\./)
      if (!TLD.test(parts[parts.length - 1]!)) continue
      if (bareAt && !/ (?:dot|DOT) |[[({] {0,2}(?:dot|DOT)/.test(raw)) continue
      push({ type: 'EMAIL_ADDRESS', start: m.index, end: m.index + raw.length, score: bareAt ? 0.8 : 0.95, detector: 'email' })
    }
  },
}
