import { isPlaceholderSecret } from './is-placeholder-secret.js'
import { group as groupSpan, regexDetector as detector } from './regex-detector.js'
import type { SecretDetector } from './secret-detectors.js'
import { shannonEntropy } from './shannon-entropy.js'

/*
 * Secrets recognised by where they sit rather than by their shape: credentials in URLs, HTTP
 * authorization headers, command-line flags, Kubernetes env entries. Values are entropy-gated
 * and placeholder-checked. Every regex: literal anchor, then bounded classes (linear).
 */

const PLACEHOLDER_PASSWORDS = /^(?:password|passwd|pass|pwd|secret|user|username|root|admin|token|apikey|api_key|\*+|x+|\.\.\.|null|none|undefined|true|false)$/i

function looksRandom(value: string, min = 2.5): boolean {
  if (value.length < 6 || PLACEHOLDER_PASSWORDS.test(value) || isPlaceholderSecret(value)) return false
  if (/^[$%{<]/.test(value) || /^[a-z]+$/i.test(value)) return false
  return shannonEntropy(value) >= Math.min(min, Math.log2(value.length) * 0.75)
}

/** `scheme://user:password@host` for any scheme (https, ftp, smtp, amqp, git+ssh, cloudinary …). */
export const urlCredentials = detector(
  'url-credentials',
  'URL_CREDENTIALS',
  /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{1,20}:\/\/([^\s:@/?#"'<>]{1,128}):([^\s@/?#"'<>]{3,256})@[A-Za-z0-9[]/dgi,
  (m) => {
    const password = groupSpan(m, 2)
    if (!password || !looksRandom(password.value, 2.2)) return undefined
    return { start: password.start, end: password.end, score: 0.85 }
  },
)

/** `Authorization: Bearer …` / `Basic …` / `token …`, `X-API-Key: …`, in headers, curl flags and code. */
export const authorizationHeader = detector(
  'authorization-header',
  'HTTP_AUTH_CREDENTIALS',
  /\b(?:authorization|proxy-authorization)["']?\s{0,3}[:=,]\s{0,3}["']?(bearer|basic|token|bot|ssws|apikey|digest)\s{1,3}([A-Za-z0-9_.~+/=-]{8,4096})/dgi,
  (m) => {
    const scheme = m[1]!.toLowerCase()
    const value = groupSpan(m, 2)
    if (!value) return undefined
    if (scheme === 'basic') {
      const decoded = Buffer.from(value.value, 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon < 1 || !/^[\x20-\x7e]+$/.test(decoded) || !looksRandom(decoded.slice(colon + 1), 2)) return undefined
      return { start: value.start, end: value.end, score: 0.85 }
    }
    if (!looksRandom(value.value, 3)) return undefined
    return { start: value.start, end: value.end, score: 0.8 }
  },
)

/** `--token X`, `--password=X`, `--api-key X`, `-p X` / `-pX` (mysql), `-u user:pass` (curl). */
export const cliFlagSecret = detector(
  'cli-flag-secret',
  'CLI_SECRET',
  /(?:^|[\s"'])(?:--(?:[a-z0-9]{1,20}-){0,3}(?:token|password|passwd|secret|api-?key|auth-token|access-key|secret-key|client-secret|private-key|pat)(?:=|\s{1,3})|-p(?=[^\s-])|-p\s{1,3}|-u\s{1,3}[^\s:'"]{1,64}:)["']?([^\s"'`;|&]{6,512})/dgim,
  (m) => {
    const value = groupSpan(m, 1)
    if (!value || !looksRandom(value.value, 2.8) || /^(?:\$|%|<|\{)/.test(value.value)) return undefined
    return { start: value.start, end: value.end, score: 0.75 }
  },
)

/** Kubernetes/compose env entries: `- name: DB_PASSWORD` then `value: "…"` on the next line. */
export const kubernetesEnvSecret = detector(
  'kubernetes-env-secret',
  'GENERIC_SECRET',
  /name:\s{0,4}["']?[A-Za-z0-9_]{0,40}(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS)[A-Za-z0-9_]{0,40}["']?[ \t]{0,8}\r?\n[ \t]{0,40}value:\s{0,4}["']?([^\s"']{6,512})/dgi,
  (m) => {
    const value = groupSpan(m, 1)
    if (!value || !looksRandom(value.value, 2.8)) return undefined
    return { start: value.start, end: value.end, score: 0.8 }
  },
)

const CONCAT = /(["'`])([A-Za-z0-9_+/=.:-]{1,200})\1(?:\s{0,4}\+\s{0,4}(?:\r?\n[ \t]{0,40})?(["'`])[A-Za-z0-9_+/=.:-]{1,200}\3){1,20}/g
const LITERAL = /(["'`])([A-Za-z0-9_+/=.:-]{1,200})\1/g

/**
 * A token split across string literals joined with `+` (`"ghp_" + "abc…"`): the literals are
 * joined and scanned with `inner`; a hit spans the whole concatenation.
 */
export function concatenatedStrings(inner: () => readonly SecretDetector[]): SecretDetector {
  return {
    id: 'string-concatenation',
    type: 'CONCATENATED_SECRET',
    *scan(text) {
      if (!text.includes('+')) return
      CONCAT.lastIndex = 0
      let m: RegExpExecArray | null
      while ((m = CONCAT.exec(text)) !== null) {
        let joined = ''
        for (const part of m[0].matchAll(LITERAL)) joined += part[2]
        for (const d of inner()) {
          for (const hit of d.scan(joined)) {
            if (hit.end - hit.start < joined.length / 2) continue
            yield { start: m.index, end: m.index + m[0].length, score: Math.min(0.95, hit.score), type: hit.type ?? d.type, id: `${hit.id ?? d.id}+concatenation` }
            break
          }
        }
      }
    },
  }
}

const CREDENTIAL_WORD = /(?:api|key|token|secret|passw(?:or)?d|pwd|auth|cred|bearer|access|private|pat\b|webhook)/gi
const AFTER_WORD = /[A-Za-z0-9_.-]{0,30}["']?\s{0,3}(?:=>|:=|[:=]|\s)\s{0,3}["'`]?([A-Za-z0-9][A-Za-z0-9_+/=.~-]{15,200})/y
const HASH_CONTEXT = /sha|hash|digest|checksum|commit|integrity|md5|etag|fingerprint|revision|\bref\b|object|blob|tree|nonce|salt|uuid|\bid\b|request|trace|session_id|image|data:|public/i
/** The value ends in `.`, `=`, `~` or `-` (the only case the tail trim can change it). */
const TRAILING_PUNCTUATION = /[.=~-]$/
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Last resort for the long tail of providers (`adzuna_key: …`, `AcmeApiToken = "…"`, `acme key …`):
 * a credential word in a name, then within a few characters a value that looks generated —
 * 16+ chars, letters and digits, high entropy. Hex and UUID values count only when no hash/ID
 * word is nearby (commit SHAs, digests, request IDs stay negative).
 */
export const keyedRandomToken: SecretDetector = {
  id: 'keyed-random-token',
  type: 'GENERIC_SECRET',
  *scan(text) {
    CREDENTIAL_WORD.lastIndex = 0
    let m: RegExpExecArray | null
    let next = 0
    while ((m = CREDENTIAL_WORD.exec(text)) !== null) {
      const from = m.index + m[0].length
      if (from < next) continue
      AFTER_WORD.lastIndex = from
      const v = AFTER_WORD.exec(text)
      if (!v) continue
      let value = TRAILING_PUNCTUATION.test(v[1]!) ? v[1]!.replace(/[.=~-]+$/, (tail) => (tail.startsWith('=') ? tail : '')) : v[1]!
      const start = AFTER_WORD.lastIndex - v[1]!.length
      if (value.length < 16) continue
      const before = text.slice(Math.max(0, m.index - 40), start)
      const hexOrUuid = /^[0-9a-f]+$/i.test(value) || UUID_SHAPE.test(value)
      if ((hexOrUuid && HASH_CONTEXT.test(before)) || /public|-----BEGIN/i.test(before)) continue
      if (/^(?:sk|rk|pk)_test_|^pk_live_/.test(value)) continue // test-mode and publishable keys (see provider-formats)
      if (/^(?:sha\d+|md5)-/i.test(value) || /^[A-Za-z]+$/.test(value) || !/[0-9]/.test(value) && !/[+/]/.test(value)) continue
      if (!/[A-Za-z]/.test(value) || isPlaceholderSecret(value) || /^[a-z][a-z0-9]*(?:[._-][a-z0-9]+){2,}$/.test(value)) continue
      const entropy = shannonEntropy(value)
      if (entropy < (hexOrUuid ? 3.3 : Math.min(3.8, Math.log2(value.length) * 0.85))) continue
      value = value.slice(0, 200)
      next = start + value.length
      yield { start, end: start + value.length, score: 0.6 }
    }
  },
}
