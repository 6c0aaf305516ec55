import { sharedAnchors } from './anchor-index.js'
import { isPlaceholderSecret, wordHasPlaceholder } from './is-placeholder-secret.js'
import { anchoredMatches, group as groupSpan, regexDetector as detector } from './regex-detector.js'
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

/** A scheme character (`[a-z0-9+.-]`, either case). */
function isSchemeCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2e || c === 0x2d
}

/**
 * Where a `scheme://` can start: for each `://`, the start of the run of scheme characters before
 * it (2–21 long, else no match can use it). The regex below is then tried only there.
 */
function schemeStarts(text: string): number[] {
  const out: number[] = []
  for (let p = text.indexOf('://'); p !== -1; p = text.indexOf('://', p + 3)) {
    let s = p
    while (s > 0 && p - s <= 21 && isSchemeCode(text.charCodeAt(s - 1))) s--
    if (p - s >= 2 && p - s <= 21) out.push(s)
  }
  return out
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
  schemeStarts,
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
    if (!value || !looksRandom(value.value, 2.8) || /^(?:\$|%|<|\{)/.test(value.value) || wordHasPlaceholder(m.input, value.start, value.end)) return undefined
    return { start: value.start, end: value.end, score: 0.75 }
  },
)

/** Kubernetes/compose env entries: `- name: DB_PASSWORD` then `value: "…"` on the next line. */
export const kubernetesEnvSecret = detector(
  'kubernetes-env-secret',
  'GENERIC_SECRET',
  /name:\s{0,4}["']?[A-Za-z0-9_]{0,40}(?:PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIALS)[A-Za-z0-9_]{0,40}["']?[ \t]{0,8}\r?\n[ \t]{0,40}value:\s{0,4}["']?([^\s"']{6,512})/dgi,
  (m) => {
    const value = groupSpan(m, 1)
    // `*_KEY` names also hold paths, URLs and key ids: a value must not look like one
    if (!value || !looksRandom(value.value, 2.8) || value.value.includes('://') || value.value.startsWith('/')) return undefined
    return { start: value.start, end: value.end, score: 0.8 }
  },
)

const CONCAT = /(["'`])([A-Za-z0-9_+/=.:-]{1,200})\1(?:\s{0,4}\+\s{0,4}(?:\r?\n[ \t]{0,40})?(["'`])[A-Za-z0-9_+/=.:-]{1,200}\3){1,20}/g
const LITERAL = /(["'`])([A-Za-z0-9_+/=.:-]{1,200})\1/g

/** Is there a `"…" + "…"` join anywhere (a quote, at most 4 spaces, `+`, spaces or a line break, a quote)? One indexOf walk. */
function hasJoin(text: string): boolean {
  for (let p = text.indexOf('+'); p !== -1; p = text.indexOf('+', p + 1)) {
    let b = p - 1
    while (b >= 0 && p - 1 - b < 4 && /\s/.test(text[b]!)) b--
    if (b < 0 || !QUOTES.includes(text[b]!)) continue
    let a = p + 1
    while (a < text.length && a < p + 50 && /\s/.test(text[a]!)) a++
    if (a < text.length && QUOTES.includes(text[a]!)) return true
  }
  return false
}
const QUOTES = '"\'`'

/**
 * A token split across string literals joined with `+` (`"ghp_" + "abc…"`): the literals are
 * joined and scanned with `inner`; a hit spans the whole concatenation.
 */
export function concatenatedStrings(inner: () => readonly SecretDetector[]): SecretDetector {
  return {
    id: 'string-concatenation',
    type: 'CONCATENATED_SECRET',
    *scan(text, scan) {
      if (!hasJoin(text)) return
      CONCAT.lastIndex = 0
      let m: RegExpExecArray | null
      while ((m = CONCAT.exec(text)) !== null) {
        if (scan?.taken(m.index, m.index + m[0].length)) continue
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

const CREDENTIAL_WORD = /(?:api|key|token|secret|passw(?:or)?d|pwd|auth|cred|bearer|access|private|pat\b|webhook)/iy
/**
 * Where a credential word (this detector's, or the generic assignment's `password`, `client_secret`,
 * `signing_key` …) may start: one anchor set for both.
 */
export const CREDENTIAL_ANCHORS = sharedAnchors({
  words: ['api', 'key', 'token', 'secret', 'password', 'pwd', 'auth', 'cred', 'bearer', 'access', 'private', 'pat', 'webhook', 'client', 'session', 'signing', 'encryption', 'master', 'app', 'consumer'],
  ignoreCase: true,
})
/**
 * After the credential word: the rest of the name, up to five short words (`api key from the
 * config:` in prose), a separator, then the value. Every part bounded: linear at each anchor.
 */
const AFTER_WORD = /[A-Za-z0-9_.-]{0,30}["']?((?:[ \t]{1,3}[A-Za-z]{1,12}){0,5})\s{0,3}(?:=>|:=|[:=]|\s)\s{0,3}(["'`]?)([A-Za-z0-9][A-Za-z0-9_+/=.~-]{7,200})/y
/** The literal goes on in more literals joined with `+` (`"abc" +\n  "def"`). */
const CONCAT_TAIL = /(["'`])\s{0,4}\+\s{0,4}(?:\r?\n[ \t]{0,40})?(["'`])([A-Za-z0-9_+/=.~-]{1,200})\2/y
const HASH_CONTEXT = /sha|hash|digest|checksum|commit|integrity|md5|etag|fingerprint|revision|\bref\b|object|blob|tree|nonce|salt|uuid|(?:\b|[_-])id\b|request|trace|session_id|image|data:|public/i
/** The value ends in `.`, `=`, `~` or `-` (the only case the tail trim can change it). */
const TRAILING_PUNCTUATION = /[.=~-]$/
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A-Z a-z 0-9 + / */
function isRunCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2b || c === 0x2f
}

/** The word at `at` sits 24+ chars deep in a run of letters, digits, `+`, `/` (`…kXpatQ…` inside base64): not a name. */
function insideLongRun(text: string, at: number): boolean {
  let i = at
  while (i > 0 && at - i < 24 && isRunCode(text.charCodeAt(i - 1))) i--
  return at - i >= 24
}

/** Is the literal closed at `end` continued by `+ "…"` (so only the joined value can be judged)? */
export function continuesAsConcatenation(text: string, end: number): boolean {
  const q = text[end]
  if (q !== '"' && q !== "'" && q !== '`') return false
  CONCAT_TAIL.lastIndex = end
  return CONCAT_TAIL.test(text)
}

/** A quoted value continued by `+ "…"` literals: the joined value and where the last literal ends. */
function joinConcatenation(text: string, quote: string, valueEnd: number): { joined: string; end: number } | undefined {
  if (!quote || text[valueEnd] !== quote) return undefined
  let joined = ''
  let at = valueEnd
  for (let parts = 0; parts < 20; parts++) {
    CONCAT_TAIL.lastIndex = at
    const m = CONCAT_TAIL.exec(text)
    if (!m || m[1] !== text[at]) break
    joined += m[3]
    at = CONCAT_TAIL.lastIndex - 1 // on the closing quote of this literal
  }
  return joined ? { joined, end: at + 1 } : undefined
}

/**
 * `my-service-v2`, `auth.token.expired`: lower-case words joined by `.`/`_`/`-`, at least half of
 * the parts letters only (`zkiwl15n-3ir8-z5jl-k0a5` is generated, not a slug).
 */
function isSlug(value: string): boolean {
  if (!/^[a-z][a-z0-9]*(?:[._-][a-z0-9]+){2,}$/.test(value)) return false
  const parts = value.split(/[._-]/)
  return parts.filter((p) => /^[a-z]+$/.test(p)).length * 2 >= parts.length
}

/** Would this value pass as generated (not a word, path, hash next to a hash word, or placeholder)? */
function looksGenerated(value: string, before: string, prose: boolean): boolean {
  if (value.length < (prose ? 20 : 16)) return false
  const hexOrUuid = /^[0-9a-f]+$/i.test(value) || UUID_SHAPE.test(value)
  if ((hexOrUuid && HASH_CONTEXT.test(before)) || /public|-----BEGIN/i.test(before)) return false
  if (/^pk_(?:test|live)_/.test(value)) return false // publishable keys (see provider-formats)
  if (/^(?:sha\d+|md5)-/i.test(value) || /^[A-Za-z]+$/.test(value) || (!/[0-9]/.test(value) && !/[+/]/.test(value))) return false
  if (!/[A-Za-z]/.test(value) || isPlaceholderSecret(value) || isSlug(value)) return false
  return shannonEntropy(value) >= (hexOrUuid ? 3.3 : Math.min(3.8, Math.log2(value.length) * 0.85))
}

/**
 * Last resort for the long tail of providers (`adzuna_key: …`, `AcmeApiToken = "…"`, `acme key …`,
 * `the acme api key from the config: …`): a credential word in a name, then within a few
 * characters (or five short words in prose) a value that looks generated — 16+ chars (20+ after
 * words), letters and digits, high entropy. Hex and UUID values count only when no hash/ID word is
 * nearby (commit SHAs, digests, request IDs stay negative). A quoted value continued by `+ "…"`
 * literals is judged joined, and the finding spans the whole concatenation.
 */
export const keyedRandomToken: SecretDetector = {
  id: 'keyed-random-token',
  type: 'GENERIC_SECRET',
  *scan(text, scan) {
    let next = 0
    // the credential words, found by the shared anchor pass: the same matches as a global regex walk
    for (const m of anchoredMatches(CREDENTIAL_WORD, text, CREDENTIAL_ANCHORS(text, scan))) {
      const from = m.index + m[0].length
      if (from < next || insideLongRun(text, m.index)) continue
      AFTER_WORD.lastIndex = from
      const v = AFTER_WORD.exec(text)
      if (!v) continue
      const raw = v[3]!
      const start = AFTER_WORD.lastIndex - raw.length
      if (scan?.taken(start, AFTER_WORD.lastIndex)) continue
      const before = text.slice(Math.max(0, m.index - 40), start)
      const concatenation = joinConcatenation(text, v[2]!, AFTER_WORD.lastIndex)
      if (concatenation) {
        const joined = raw + concatenation.joined
        if (!looksGenerated(joined, before, false)) continue
        next = concatenation.end
        yield { start: start - 1, end: concatenation.end, score: 0.6 }
        continue
      }
      let value = TRAILING_PUNCTUATION.test(raw) ? raw.replace(/[.=~-]+$/, (tail) => (tail.startsWith('=') ? tail : '')) : raw
      // `X-Acme-Api-Key:` is the next name, not a value
      if (text[AFTER_WORD.lastIndex] === ':' || !looksGenerated(value, before, v[1]!.length > 0)) continue
      if (wordHasPlaceholder(text, start, start + value.length)) continue
      value = value.slice(0, 200)
      next = start + value.length
      yield { start, end: start + value.length, score: 0.6 }
    }
  },
}
