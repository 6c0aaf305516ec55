import { isIPv4, isIPv6 } from 'node:net'
import { hasContext } from '../context-words.js'
import { matchesOf } from './matches-of.js'
import type { Recognizer } from './recognizer.js'

const IPV4 = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)/g
/** Hex groups joined by colons (2–8 groups, `::` allowed, optional dotted tail). Bounded: linear. */
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{1,4})?(?::[0-9A-Fa-f]{0,4}){2,8}(?:\.\d{1,3}){0,3}(?![\w:])/g
const NOT_IP_WORDS = ['version', 'ver', 'v', 'release', 'build', 'oid', 'section', 'chapter', 'figure', 'table']
const IP_WORDS = ['ip', 'ipv4', 'ipv6', 'address', 'host', 'server', 'client', 'from', 'login', 'logged']

/**
 * IPv4 and IPv6 addresses, validated with Node's `net.isIPv4` / `net.isIPv6` (octets 0–255, no
 * leading zeros; IPv6 group count and `::` rules). IPv4 scores 0.6 (0.85 with address words near,
 * 0.1 when called a version or section number); IPv6 scores 0.85.
 */
export const ipAddressRecognizer: Recognizer = {
  types: ['IP_ADDRESS'],
  detector: 'ip-address',
  find(text, push) {
    for (const m of matchesOf(IPV4, text)) {
      if (!isIPv4(m[0])) continue
      const start = m.index
      const end = start + m[0].length
      let score = 0.6
      if (text[start - 1] === 'v' || text[start - 1] === 'V' || hasContext(text, start, end, NOT_IP_WORDS)) score = 0.1
      else if (hasContext(text, start, end, IP_WORDS)) score = 0.85
      push({ type: 'IP_ADDRESS', start, end, score, detector: 'ip-address' })
    }
    if (text.indexOf(':') < 0) return
    for (const m of matchesOf(IPV6, text)) {
      const raw = m[0]
      if (raw.length < 3 || !isIPv6(raw)) continue
      // "10:30:00" is a time: a valid IPv6 needs 8 groups or a "::"
      push({ type: 'IP_ADDRESS', start: m.index, end: m.index + raw.length, score: 0.85, detector: 'ip-address' })
    }
  },
}
