import { authorizationHeader, cliFlagSecret, concatenatedStrings, continuesAsConcatenation, CREDENTIAL_ANCHORS, keyedRandomToken, kubernetesEnvSecret, urlCredentials } from './context-detectors.js'
import { keywordFormatsDetector, prefixedFormatsDetector, unprefixedFormatDetectors } from './format-detectors.js'
import { sharedAnchors } from './anchor-index.js'
import { isPlaceholderSecret } from './is-placeholder-secret.js'
import { group, regexDetector } from './regex-detector.js'
import { shannonEntropy } from './shannon-entropy.js'

/** A span a detector found: JS string offsets into the scanned text, and a confidence in [0, 1]. */
export interface SecretHit {
  start: number
  end: number
  score: number
  /** For detectors that report several types (table-driven provider formats): this hit's type and format id. */
  type?: string
  id?: string
}

export interface SecretDetector {
  /** Kebab-case detector id, e.g. `aws-access-key-id`; shown as `Finding.detector`. */
  id: string
  /** Finding type, by provider, e.g. `AWS_ACCESS_KEY_ID`. */
  type: string
  /** Every type the detector can report, when it reports more than `type`. */
  types?: readonly string[]
  /** Every hit in `text`; `scan` (given by `scanSecrets`) is shared by the detectors of one scan. */
  scan(text: string, scan?: ScanState): Iterable<SecretHit>
}

/** What the detectors of one `scanSecrets` call share. */
export interface ScanState {
  /**
   * Did an earlier (more specific) detector already report something overlapping `[start, end)`?
   * Such a hit would be dropped anyway: a detector may skip its confirmation work there.
   */
  taken(start: number, end: number): boolean
  /** Work shared by the detectors of this scan only (the anchor pass), keyed by its owner. */
  memo: Map<object, unknown>
}

/*
 * Linear-time rule for every pattern below: a literal prefix (with a word boundary), then greedy
 * *bounded* character classes whose neighbours are disjoint, and nothing after them that could make
 * the engine backtrack through a long run. What a regex cannot check cheaply (the token ends here,
 * the JWT header decodes to JSON, the entropy is high enough) `confirm` checks in code.
 */

const ALNUM = /[A-Za-z0-9]/
const B64URL = /[A-Za-z0-9_-]/
const B64 = /[A-Za-z0-9+/]/
const HEX = /[0-9a-fA-F]/

/** Does the token run on past `end` (so the match is a piece of something longer)? */
function runsOn(text: string, end: number, cls: RegExp): boolean {
  return end < text.length && cls.test(text[end]!)
}

function whole(match: RegExpExecArray, score: number): SecretHit {
  return { start: match.index, end: match.index + match[0].length, score }
}


/** How many of: lower-case letter, upper-case letter, digit, anything else (one pass over the code units). */
function classes(value: string): number {
  let seen = 0
  for (let i = 0; i < value.length && seen !== 15; i++) {
    const c = value.charCodeAt(i)
    seen |= c >= 0x61 && c <= 0x7a ? 1 : c >= 0x41 && c <= 0x5a ? 2 : c >= 0x30 && c <= 0x39 ? 4 : 8
  }
  return (seen & 1) + ((seen >> 1) & 1) + ((seen >> 2) & 1) + ((seen >> 3) & 1)
}

/** A fixed-format token: whole match, must not run on, must not be a placeholder. */
function token(id: string, type: string, pattern: RegExp, cls: RegExp, score: number): SecretDetector {
  return regexDetector(id, type, pattern, (match, text) => {
    const end = match.index + match[0].length
    if (runsOn(text, end, cls) || isPlaceholderSecret(match[0])) return undefined
    return whole(match, score)
  })
}

function decodeBase64Url(part: string): string | undefined {
  try {
    return Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8')
  } catch {
    return undefined
  }
}

function decodesToJsonObject(part: string): Record<string, unknown> | undefined {
  const decoded = decodeBase64Url(part)
  if (!decoded || decoded[0] !== '{') return undefined
  try {
    const value: unknown = JSON.parse(decoded)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** Index just past a run of `cls` characters starting at `from`, at most `max` long. */
function runEnd(text: string, from: number, cls: RegExp, max: number): number {
  let i = from
  const limit = Math.min(text.length, from + max)
  while (i < limit && cls.test(text[i]!)) i++
  return i
}

const jwt: SecretDetector = regexDetector('jwt', 'JWT', /\beyJ[A-Za-z0-9_-]{4,2000}/g, (match, text, scan) => {
  if (scan?.taken(match.index, match.index + match[0].length)) return undefined
  const headerEnd = match.index + match[0].length
  if (text[headerEnd] !== '.') return undefined
  const header = decodesToJsonObject(match[0])
  if (header && typeof header.enc === 'string' && typeof header.alg === 'string') return jweHit(text, match.index, headerEnd)
  const payloadEnd = runEnd(text, headerEnd + 1, B64URL, 16_000)
  if (payloadEnd === headerEnd + 1) return undefined
  const payloadText = text.slice(headerEnd + 1, payloadEnd)
  // not only the exact shape: a payload that is JSON, or `eyJ` (base64 of `{"`) cut or padded oddly
  const payloadLooksJson = payloadText.startsWith('eyJ') || decodesToJsonObject(payloadText) !== undefined
  if (!header || (typeof header.alg !== 'string' && typeof header.typ !== 'string' && typeof header.kid !== 'string')) {
    // a header that does not decode cleanly still counts when both parts start like JSON objects and the second is long
    if (!(payloadText.startsWith('eyJ') && payloadText.length >= 20 && match[0].length >= 10)) return undefined
  }
  if (!payloadLooksJson) return undefined
  const signatureEnd = text[payloadEnd] === '.' ? runEnd(text, payloadEnd + 1, B64URL, 4_000) : payloadEnd
  const unsigned = signatureEnd <= payloadEnd + 1
  if (unsigned && typeof header?.alg === 'string' && header.alg.toLowerCase() === 'none') return { start: match.index, end: signatureEnd, score: 0.8 }
  if (unsigned) return payloadText.length >= 20 ? { start: match.index, end: payloadEnd, score: 0.7 } : undefined
  return { start: match.index, end: signatureEnd, score: 0.95 }
}, sharedAnchors({ words: ['eyJ'], ignoreCase: false }))

/** A JWE (compact: header.key.iv.ciphertext.tag, the key part empty for direct encryption): a bearer token too. */
function jweHit(text: string, start: number, headerEnd: number): SecretHit | undefined {
  let end = headerEnd
  for (let part = 0; part < 4; part++) {
    if (text[end] !== '.') return undefined
    end = runEnd(text, end + 1, B64URL, 16_000)
  }
  return end - headerEnd >= 40 ? { start, end, score: 0.9 } : undefined
}

/** A-Z a-z 0-9 + / = */
function isBase64Code(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f || c === 0x3d
}

const PEM_BEGIN = /-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----/g
const PEM_END = /-----END (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----/g
const PEM_WINDOW = 64 * 1024

/**
 * PEM and OpenSSH private key blocks. A block needs a base64 body (a header alone, as in docs about
 * the format, is not a key). A BEGIN without END still fires (a truncated key is still leaked) when
 * its body is long. Linear: BEGINs and ENDs are listed once, each body char is counted once.
 */
const privateKey: SecretDetector = {
  id: 'private-key',
  type: 'PRIVATE_KEY',
  *scan(text) {
    if (!text.includes('PRIVATE KEY')) return
    const begins = [...text.matchAll(PEM_BEGIN)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
    if (begins.length === 0) return
    const ends = [...text.matchAll(PEM_END)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
    let e = 0
    for (let b = 0; b < begins.length; b++) {
      const begin = begins[b]!
      const limit = Math.min(text.length, begins[b + 1]?.start ?? text.length, begin.end + PEM_WINDOW)
      while (e < ends.length && ends[e]!.start < begin.end) e++
      const end = e < ends.length && ends[e]!.start < limit ? ends[e] : undefined
      const bodyEnd = end ? end.start : limit
      let base64 = 0
      let other = 0
      let lastBody = begin.end
      for (let i = begin.end; i < bodyEnd; i++) {
        const c = text.charCodeAt(i)
        if (isBase64Code(c)) {
          base64++
          lastBody = i + 1
        } else if (c !== 0x0a && c !== 0x0d && c !== 0x20 && c !== 0x09) other++
        else if (!end && base64 > 0 && text.charCodeAt(i - 1) === 0x0a && (c === 0x0a || c === 0x0d)) break // blank line ends a truncated body
      }
      if ((end ? base64 < 64 : base64 < 40) || other > base64 / 10 + 4) continue
      const slice = text.slice(begin.end, lastBody)
      if (isPlaceholderSecret(slice.replace(/\s/g, ''))) continue
      if (end) yield { start: begin.start, end: end.end, score: 0.99 }
      else yield { start: begin.start, end: lastBody, score: base64 >= 200 ? 0.9 : 0.8 }
    }
  },
}

const awsSecretWithKeyword = regexDetector(
  'aws-secret-access-key',
  'AWS_SECRET_ACCESS_KEY',
  /\b(?:aws_?)?secret_?(?:access_?)?key["']?\s{0,4}(?:=>|:=|[:=])\s{0,4}["']?([A-Za-z0-9/+]{40})/dgi,
  (match, text) => {
    const value = group(match, 1)
    if (!value || runsOn(text, value.end, B64)) return undefined
    const keyword = match[0].slice(0, value.start - match.index).toLowerCase()
    const context = text.slice(Math.max(0, match.index - 300), match.index).toLowerCase()
    const aws = keyword.includes('aws') || keyword.includes('access') || context.includes('aws') || /\b(?:akia|asia)[a-z2-7]{16}/.test(context)
    if (!aws || isPlaceholderSecret(value.value)) return undefined
    if (shannonEntropy(value.value) < 3.5 || classes(value.value) < 3) return undefined
    return { start: value.start, end: value.end, score: 0.9 }
  },
)

/** A 40-char secret key within a few lines after an access key id (CSV exports, `~/.aws/credentials`). */
const awsSecretNearKeyId = regexDetector('aws-secret-near-key-id', 'AWS_SECRET_ACCESS_KEY', /\b(?:AKIA|ASIA)[A-Z2-7]{16}/g, (match, text) => {
  const from = match.index + match[0].length
  const window = text.slice(from, from + 200)
  const candidate = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/.exec(window)
  if (!candidate || isPlaceholderSecret(candidate[0]) || isPlaceholderSecret(match[0])) return undefined
  if (shannonEntropy(candidate[0]) < 4 || classes(candidate[0]) < 3) return undefined
  return { start: from + candidate.index, end: from + candidate.index + 40, score: 0.85 }
})

const openai = regexDetector('openai-api-key', 'OPENAI_API_KEY', /\bsk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,250}/g, (match, text) => {
  const end = match.index + match[0].length
  const value = match[0]
  if (runsOn(text, end, B64URL) || value.startsWith('sk-ant-') || isPlaceholderSecret(value)) return undefined
  if (value.includes('T3BlbkFJ')) return whole(match, 0.97)
  const body = value.replace(/^sk-(?:(?:proj|svcacct|admin)-)?/, '')
  const prefixed = body.length !== value.length - 3
  if (prefixed && body.length >= 40 && shannonEntropy(body) >= 4) return whole(match, 0.85)
  if (!prefixed && /^[A-Za-z0-9]{48}$/.test(body) && shannonEntropy(body) >= 4.2 && classes(body) >= 3) return whole(match, 0.75)
  return undefined
})

const anthropic = regexDetector('anthropic-api-key', 'ANTHROPIC_API_KEY', /\bsk-ant-(?:api|admin|oat|sid)[0-9]{2}-[A-Za-z0-9_-]{80,120}/g, (match, text) => {
  if (runsOn(text, match.index + match[0].length, B64URL) || isPlaceholderSecret(match[0])) return undefined
  return whole(match, match[0].endsWith('AA') ? 0.99 : 0.93)
})

const genericKeyword =
  /(?:password|passwd|pwd|passphrase|secret|api[_-]?key|apikey|access[_-]?(?:token|key)|auth[_-]?token|authtoken|client[_-]?(?:secret|key)|secret[_-]?(?:access[_-]?)?key|private[_-]?(?:key|token)|token|credentials?|bearer|(?:session|signing|encryption|master|app|consumer)[_-]?(?:key|secret|token)|webhook[_-]?secret)["']?\s{0,3}(?:=>|:=|[:=])[ \t]{0,3}["'`]?([^\s"'`,;<>()[\]{}]{8,200})/dgi
/** `user_supplied_password`, `dbPassword`, `my-secret-name`: a name, not a value. */
const WORDS_ONLY = /^[A-Za-z]{1,64}(?:[_-][A-Za-z]{1,64}){0,8}$/
const IDENTIFIER_CHAIN = /^[A-Za-z_$][\w$]{0,64}(?:\.[A-Za-z_$][\w$]{0,64}){1,8}$/


/** `password=…`, `api_key: …` assignments, kept only when the value looks random (Shannon entropy). */
const generic = regexDetector('generic-secret-assignment', 'GENERIC_SECRET', genericKeyword, (match, text, scan) => {
  const value = group(match, 1)
  if (!value || scan?.taken(value.start, value.end)) return undefined
  const v = value.value
  // a literal continued by `+ "…"` is judged joined (keyed-random-token, string-concatenation)
  if (text[value.end] === '(' || continuesAsConcatenation(text, value.end) || v.endsWith(':') || IDENTIFIER_CHAIN.test(v) || WORDS_ONLY.test(v) || /^(?:true|false|null|none|undefined|required|optional|string)$/i.test(v)) return undefined
  if (isPlaceholderSecret(v) || classes(v) < 2) return undefined
  const entropy = shannonEntropy(v)
  const threshold = Math.min(3.2, Math.log2(codePointLength(v)) * 0.85)
  if (entropy < threshold) return undefined
  return { start: value.start, end: value.end, score: Math.min(0.9, 0.6 + 0.3 * (entropy - threshold)) }
}, CREDENTIAL_ANCHORS)

/** `[...value].length` without the array: UTF-16 units less one per surrogate pair. */
function codePointLength(value: string): number {
  let n = value.length
  for (let i = 0; i < value.length - 1; i++) {
    const c = value.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = value.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--
        i++
      }
    }
  }
  return n
}

const PLACEHOLDER_DB_PASSWORDS = /^(?:password|passwd|pass|pwd|secret|user|username|root|admin|\*+|x+|\.\.\.)$/i

const databaseUrl = regexDetector(
  'database-url',
  'DATABASE_URL_PASSWORD',
  /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb|clickhouse|jdbc:[a-z]{2,12}):\/\/([^\s:@/?#]{0,128}):([^\s@/?#]{1,256})@[^\s@/]/dgi,
  (match) => {
    const password = group(match, 2)
    if (!password || PLACEHOLDER_DB_PASSWORDS.test(password.value) || isPlaceholderSecret(password.value) || /^[$%]/.test(password.value)) return undefined
    return { start: password.start, end: password.end, score: 0.9 }
  },
)

/** Every built-in detector. Provider-specific ones first: on overlap they win over the generic ones. */
const formatDetectors: readonly SecretDetector[] = [prefixedFormatsDetector(), ...unprefixedFormatDetectors()]

export const secretDetectors: readonly SecretDetector[] = [
  ...formatDetectors,
  awsSecretWithKeyword,
  awsSecretNearKeyId,
  token(
    'slack-webhook',
    'SLACK_WEBHOOK_URL',
    /https:\/\/hooks\.slack\.com\/(?:(?:services|workflows|triggers)\/T[A-Za-z0-9_]{6,14}\/[A-Za-z0-9_]{6,14}\/[A-Za-z0-9_]{16,40}|services\/[A-Za-z0-9+/]{44,46})/g,
    ALNUM,
    0.95,
  ),
  anthropic,
  openai,
  regexDetector(
    'twilio-auth-token',
    'TWILIO_AUTH_TOKEN',
    /twilio[A-Za-z_. -]{0,20}token["']?\s{0,4}(?:=>|:=|[:=])\s{0,4}["']?([0-9a-f]{32})/dgi,
    (match, text) => {
      const value = group(match, 1)
      if (!value || runsOn(text, value.end, HEX) || isPlaceholderSecret(value.value)) return undefined
      return { start: value.start, end: value.end, score: 0.85 }
    },
  ),
  jwt,
  privateKey,
  databaseUrl,
  keywordFormatsDetector(),
  urlCredentials,
  authorizationHeader,
  kubernetesEnvSecret,
  cliFlagSecret,
  // provider tokens split across string literals (`"ghp_" + "…"`)
  concatenatedStrings(() => formatDetectors),
  generic,
  keyedRandomToken,
]

/** Finding types the built-in detectors report, derived from the detector list. */
export const secretTypes: readonly string[] = [...new Set(secretDetectors.flatMap((d) => d.types ?? [d.type]))]
