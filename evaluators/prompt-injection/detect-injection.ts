import { DISCUSSION_AFTER, DISCUSSION_BEFORE, injectionPatterns, type InjectionPattern, type InjectionType } from './injection-patterns.js'
import { literalPrefixes } from './literal-prefixes.js'
import { INDEX_PREFIX_MIN, prefixIndex, prefixKey, type PrefixIndex } from './prefix-index.js'
import { scoreInjectionModel, shippedInjectionModel, type InjectionModel } from './injection-model.js'
import { templatedUrlExfilHits } from './templated-url-exfil.js'
import { OTHER_ENCODINGS, REVERSED_KEYWORDS } from './other-encodings.js'
import { invisibleKind, MAPPED_HOMOGLYPH, normalizeText, type NormalizedText } from './normalize-text.js'

/** A prompt-injection signal: offsets into the scanned text, a confidence, never the text itself. */
export interface InjectionHit {
  type: InjectionType
  /** Which detector fired, e.g. `override-previous`, `base64-payload`, `tag-characters`. */
  detector: string
  start: number
  end: number
  score: number
  message?: string
}

export interface DetectInjectionOptions {
  /** Decode base64 / hex / rot13 candidates and rescan them (default true). */
  decode?: boolean
  /** At most this many encoded candidates are decoded per text. */
  maxCandidates?: number
  /** At most this many bytes are decoded per text, in total. */
  maxDecodedBytes?: number
  /** At most this many hits per detector per text (scanning stays complete and linear). */
  maxHitsPerDetector?: number
  patterns?: readonly InjectionPattern[]
  /** The trained classifier (default: the one shipped with the package); `false` for patterns only. */
  model?: InjectionModel | false
}

/** Classifier risks below this are not reported as hits at all (they would never matter). */
const MODEL_FLOOR = 0.05

const MAX_DEPTH = 2
/** A run of base64(url) characters; runs shorter than 16 are skipped, longer than 8192 cut in pieces. */
const BASE64_RUN = /[A-Za-z0-9+/_-]+={0,2}/g
const BASE64_MIN = 16
const BASE64_MAX = 8192
/** A decoded payload that is itself base64. */
const BASE64_LAYER = /^[A-Za-z0-9+/_-]{16,}={0,2}$/
const HEX_CANDIDATE = /(?:\\x[0-9a-fA-F]{2}){8,4096}|(?:[0-9a-fA-F]{2}[ :]){7,4096}[0-9a-fA-F]{2}|\b(?:0x)?[0-9a-fA-F]{16,8192}/g

/**
 * Scan one text for prompt injection. Linear in the input: one normalisation pass, bounded
 * patterns, a bounded number of decoded candidates, each rescanned at most two levels deep.
 */
export function detectInjection(text: string, options: DetectInjectionOptions = {}): InjectionHit[] {
  return detect(text, options, 0)
}

function detect(
  text: string,
  { decode = true, maxCandidates = 64, maxDecodedBytes = 256 * 1024, maxHitsPerDetector = 100, patterns = injectionPatterns, model = shippedInjectionModel() }: DetectInjectionOptions,
  depth: number,
): InjectionHit[] {
  if (text.length === 0) return []
  const hits: InjectionHit[] = []
  const options = { decode, maxCandidates, maxDecodedBytes, maxHitsPerDetector, patterns, model }
  const norm = normalizeText(text)
  hits.push(...phraseHits(norm, patterns, maxHitsPerDetector, false))
  for (const h of templatedUrlExfilHits(norm.text, maxHitsPerDetector)) {
    hits.push({ type: 'DATA_EXFILTRATION', detector: 'templated-url-exfil', start: norm.starts[h.start]!, end: norm.ends[h.end - 1]!, score: h.score, message: h.message })
  }
  if (model) {
    const scored = scoreInjectionModel(text, model, norm)
    if (scored && scored.risk >= MODEL_FLOOR) {
      hits.push({ type: 'PROMPT_INJECTION', detector: 'injection-model', start: scored.start, end: scored.end, score: round(scored.risk), message: `classifier risk ${round(scored.risk)} in its riskiest window` })
    }
  }
  hits.push(...invisibleHits(text, options, depth))
  if (decode && depth < MAX_DEPTH) {
    if (depth === 0) hits.push(...rot13Hits(norm, patterns, maxHitsPerDetector))
    hits.push(...encodedHits(text, options, depth))
  }
  return dedupe(hits)
}

/** Of overlapping hits of the same type keep the strongest (n log n). */
function dedupe(hits: InjectionHit[]): InjectionHit[] {
  const sorted = [...hits].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.start - b.start || b.score - a.score))
  const kept: InjectionHit[] = []
  for (const hit of sorted) {
    const last = kept[kept.length - 1]
    if (last && last.type === hit.type && hit.start < last.end) {
      if (hit.score > last.score) kept[kept.length - 1] = { ...hit, start: Math.min(hit.start, last.start), end: Math.max(hit.end, last.end) }
      else last.end = Math.max(last.end, hit.end)
      continue
    }
    kept.push({ ...hit })
  }
  return kept.sort((a, b) => a.start - b.start || b.score - a.score)
}

function phraseHits(norm: NormalizedText, patterns: readonly InjectionPattern[], cap: number, rot13: boolean): InjectionHit[] {
  const hits: InjectionHit[] = []
  // phrase patterns read newlines as spaces (same length, so offsets still map); markup patterns need line starts
  const lined = rot13 ? rot13Text(norm.text) : norm.text
  const flat = lined.replace(/\n/g, ' ')
  // built on `flat`: its prefix occurrences are a superset of `lined`'s (a newline there is a space here)
  const index = prefixIndex(flat)
  for (const pattern of patterns) {
    const source = pattern.dampen ? flat : lined
    for (const [a0, b] of patternMatches(pattern, source, index, cap)) {
      let a = a0
      while (a < b && source[a] === '\n') a++ // `(?:^|\n)` prefixes
      const start = norm.starts[a]!
      const end = norm.ends[b - 1]!
      let homoglyphs = 0
      let hidden = 0
      for (let k = a; k < b; k++) {
        if (norm.mapped[k] === MAPPED_HOMOGLYPH) homoglyphs++
        if (k > a && norm.hiddenBefore[k]) hidden++
      }
      const obfuscated = homoglyphs > 0 || hidden > 0
      let score = pattern.score
      if (obfuscated) score = Math.min(0.99, score + 0.1)
      else if (pattern.dampen) score *= discussionFactor(lined, a, b)
      if (rot13) {
        if (score < 0.5) continue
        hits.push({ type: 'ENCODED_PAYLOAD', detector: 'rot13-payload', start, end, score: Math.min(0.95, score), message: `rot13-encoded ${pattern.type}` })
        continue
      }
      hits.push({ type: pattern.type, detector: pattern.id, start, end, score: round(score) })
      if (homoglyphs > 0 && score >= 0.3) {
        hits.push({ type: 'HOMOGLYPH_OBFUSCATION', detector: 'confusable-letters', start, end, score: round(Math.max(0.7, score)), message: `look-alike letters inside a ${pattern.type} phrase` })
      }
      if (hidden > 0 && score >= 0.3) {
        hits.push({ type: 'INVISIBLE_UNICODE', detector: 'invisible-in-phrase', start, end, score: round(Math.max(0.75, score)), message: `invisible characters inside a ${pattern.type} phrase` })
      }
    }
  }
  return hits
}

interface CompiledPattern {
  /** The pattern's regex, global. */
  global: RegExp
  /** The same regex, sticky (matches only at `lastIndex`), and the literals every match starts with; null when the pattern cannot be gated. */
  gated: { sticky: RegExp; prefixes: readonly string[]; keys: readonly number[] } | null
  /** When not gated: literals one of which every match starts with (some too short to index), or null. */
  starts: readonly string[] | null
}
const compiled = new WeakMap<InjectionPattern, CompiledPattern>()
function compile(pattern: InjectionPattern): CompiledPattern {
  let c = compiled.get(pattern)
  if (!c) {
    const { source, flags } = pattern.re
    const prefixes = flags.includes('i') ? undefined : literalPrefixes(source)
    const gated = prefixes && prefixes.every((p) => p.length >= INDEX_PREFIX_MIN) ? { sticky: new RegExp(source, `${flags.replace(/[gy]/g, '')}y`), prefixes, keys: prefixes.map(prefixKey) } : null
    c = { global: flags.includes('g') ? pattern.re : new RegExp(source, `${flags}g`), gated, starts: gated ? null : (prefixes ?? null) }
    compiled.set(pattern, c)
  }
  return c
}

const NO_MATCHES: readonly [number, number][] = Object.freeze([]) as readonly [number, number][]

/** Above this many candidate positions one global scan is cheaper than a sticky match at each. */
const MAX_STICKY = 64

/**
 * Up to `cap` non-overlapping matches of `pattern` in `source`, leftmost first: [start, end).
 * When the pattern's matches must start with known literals, the regex runs only at their
 * occurrences (a sticky match at each, skipping those inside the previous match): the same matches
 * as a global scan, without running the regex at every position of the text.
 */
function patternMatches(pattern: InjectionPattern, source: string, index: PrefixIndex, cap: number): readonly [number, number][] {
  const { global, gated, starts } = compile(pattern)
  if (gated && !gated.keys.some(index.maybe)) return NO_MATCHES // none of its prefixes' trigrams occurs: nothing allocated
  if (starts && !starts.some((p) => source.includes(p))) return NO_MATCHES
  const out: [number, number][] = []
  if (gated) {
    const lists = gated.prefixes.map((p, k) => index.positions(p, gated.keys[k]))
    let total = 0
    for (const l of lists) total += l.length
    if (total === 0) return out
    if (total <= MAX_STICKY) {
      const candidates = lists.length === 1 ? lists[0]! : [...new Set(lists.flat())].sort((x, y) => x - y)
      let after = 0
      for (const at of candidates) {
        if (at < after) continue
        gated.sticky.lastIndex = at
        const m = gated.sticky.exec(source)
        if (!m || m[0].length === 0) continue
        out.push([at, at + m[0].length])
        after = at + m[0].length
        if (out.length >= cap) break
      }
      return out
    }
  }
  global.lastIndex = 0
  let m: RegExpExecArray | null
  while (out.length < cap && (m = global.exec(source)) !== null) {
    if (m[0].length === 0) {
      global.lastIndex++
      continue
    }
    out.push([m.index, m.index + m[0].length])
  }
  global.lastIndex = 0
  return out
}

/** Quoted, or discussed (a security article, a classifier's training note): not an instruction being issued. */
function discussionFactor(text: string, start: number, end: number): number {
  const windowStart = Math.max(0, start - 160)
  let before = text.slice(windowStart, start)
  const cut = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('. '), before.lastIndexOf('! '), before.lastIndexOf('? '))
  if (cut >= 0) before = before.slice(cut + 1)
  const after = text.slice(end, end + 120)
  const discussed = DISCUSSION_BEFORE.test(before) || DISCUSSION_AFTER.test(after)
  const quoted = isQuoted(text, start, end)
  if (quoted && discussed) return 0.35
  if (discussed) return 0.55
  if (quoted) return 0.8
  return 1
}

const QUOTES = '"“”«»„`'

function isQuoted(text: string, start: number, end: number): boolean {
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1) + 1, start - 300)
  let open = 0
  for (let i = lineStart; i < start; i++) if (QUOTES.includes(text[i]!)) open++
  const prev = text[start - 1]
  const singleOpen = prev === "'" || prev === '‘'
  if (open % 2 === 0 && !singleOpen) return false
  const limit = Math.min(text.length, end + 300)
  for (let i = end; i < limit; i++) {
    const ch = text[i]!
    if (ch === '\n') return false
    if (QUOTES.includes(ch) || (singleOpen && (ch === "'" || ch === '’'))) return true
  }
  return false
}

function rot13Text(text: string): string {
  return text.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97))
}

/** rot13 of the key words (ignore, disregard, forget, instructions, system, prompt, reveal, jailbreak, developer, …): rescan only when one is there. */
const ROT13_KEYWORDS = /vtaber|qvfertneq|sbetrg|bireevqr|vafgehpgvba|flfgrz|cebzcg|erirny|wnvyoernx|qrirybcre|ehyrf|thvqryvarf|byivqn|irethvff|vtabevrer|bhoyvr/
function rot13Hits(norm: NormalizedText, patterns: readonly InjectionPattern[], cap: number): InjectionHit[] {
  if (!ROT13_KEYWORDS.test(norm.text)) return []
  // the payload itself must be rot13 text: only phrase patterns (markup has no letters to rotate)
  return phraseHits(norm, patterns.filter((p) => p.dampen), cap, true)
}

function invisibleHits(text: string, options: Required<DetectInjectionOptions>, depth: number): InjectionHit[] {
  const hits: InjectionHit[] = []
  let zeroWidthInWords = 0
  let firstZw = -1
  let lastZw = -1
  let bidiOverrides = 0
  let i = 0
  while (i < text.length) {
    const cp = text.codePointAt(i)!
    const kind = invisibleKind(cp)
    if (kind === 'tag') {
      const start = i
      let ascii = ''
      while (i < text.length) {
        const c = text.codePointAt(i)!
        if (c < 0xe0000 || c > 0xe007f) break
        if (c >= 0xe0020 && c <= 0xe007e) ascii += String.fromCharCode(c - 0xe0000)
        i += 2
      }
      // emoji subdivision flags (🏴 + a few tag letters + cancel tag) are legitimate
      const flag = text.codePointAt(start - 2) === 0x1f3f4 && ascii.length <= 6 && text.codePointAt(i - 2) === 0xe007f
      if (flag || hits.length >= options.maxHitsPerDetector) continue
      const inner = ascii.length > 0 && depth < MAX_DEPTH ? detect(ascii, options, depth + 1) : []
      const top = Math.max(0, ...inner.map((h) => h.score))
      if (top >= 0.5) {
        hits.push({ type: 'INVISIBLE_UNICODE', detector: 'tag-characters', start, end: i, score: 0.97, message: `hidden tag-character text carrying ${inner.find((h) => h.score === top)!.type}` })
      } else if (ascii.length >= 4) {
        hits.push({ type: 'INVISIBLE_UNICODE', detector: 'tag-characters', start, end: i, score: 0.75, message: `${ascii.length} hidden tag characters` })
      }
      continue
    }
    if (kind === 'zero-width') {
      const prev = text[i - 1]
      let j = i + 1
      while (j < text.length && invisibleKind(text.charCodeAt(j)) === 'zero-width') j++
      if (prev && /[A-Za-z]/.test(prev) && /[A-Za-z]/.test(text[j] ?? '')) {
        zeroWidthInWords++
        if (firstZw < 0) firstZw = i
        lastZw = j
      }
      i = j
      continue
    }
    if (kind === 'bidi') {
      if ((cp === 0x202d || cp === 0x202e) && bidiOverrides < options.maxHitsPerDetector) {
        bidiOverrides++
        hits.push({ type: 'INVISIBLE_UNICODE', detector: 'bidi-override', start: i, end: i + 1, score: 0.5, message: 'bidirectional override character' })
      }
      i++
      continue
    }
    i += cp > 0xffff ? 2 : 1
  }
  if (zeroWidthInWords >= 3) {
    hits.push({ type: 'INVISIBLE_UNICODE', detector: 'zero-width-in-words', start: firstZw, end: lastZw, score: zeroWidthInWords >= 8 ? 0.65 : 0.5, message: `${zeroWidthInWords} zero-width characters inside words` })
  }
  return hits
}

function isMostlyText(decoded: string): boolean {
  if (decoded.length < 8) return false
  let printable = 0
  let letters = 0
  let spaces = 0
  for (const ch of decoded) {
    const c = ch.codePointAt(0)!
    if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || c === 0x09 || (c >= 0xa0 && c !== 0xfffd)) printable++
    if (/\p{L}/u.test(ch)) letters++
    if (ch === ' ') spaces++
  }
  const length = [...decoded].length
  return printable / length >= 0.95 && letters / length >= 0.5 && spaces >= 1
}

function encodedHits(text: string, options: Required<DetectInjectionOptions>, depth: number): InjectionHit[] {
  const hits: InjectionHit[] = []
  let candidates = 0
  let budget = options.maxDecodedBytes
  const tryDecoded = (decoded: string, start: number, end: number, encoding: string) => {
    // text, or another layer of base64 (decoded again, at most two levels deep): a layer has no
    // words, markup or invisibles to scan, only its own decoding
    let inner: InjectionHit[]
    if (isMostlyText(decoded)) inner = detect(decoded, options, depth + 1)
    else if (depth + 1 < MAX_DEPTH && BASE64_LAYER.test(decoded.trim())) inner = encodedHits(decoded.trim(), options, depth + 1)
    else return
    const top = inner.reduce<InjectionHit | undefined>((best, h) => (!best || h.score > best.score ? h : best), undefined)
    if (!top || top.score < 0.5) return
    hits.push({ type: 'ENCODED_PAYLOAD', detector: `${encoding}-payload`, start, end, score: round(Math.min(0.97, top.score + 0.05)), message: `${encoding}-encoded ${top.type}` })
  }
  // one match per run (a `{16,}` regex would retry every position of every shorter word)
  runs: for (const match of text.matchAll(BASE64_RUN)) {
    const run = match[0]
    const body = run.replace(/=+$/, '').length
    if (body < BASE64_MIN) continue
    for (let from = 0; from < body; from += BASE64_MAX) {
      const to = from + BASE64_MAX >= body ? run.length : from + BASE64_MAX
      if (to - from < BASE64_MIN) break
      if (candidates >= options.maxCandidates || budget <= 0) break runs
      const value = run.slice(from, to)
      if (!/[0-9+/=A-Z]/.test(value) || !/[a-z]/.test(value)) continue // a long word or an ID, not base64
      candidates++
      budget -= value.length
      const decoded = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8')
      tryDecoded(decoded, match.index + from, match.index + to, 'base64')
    }
  }
  for (const match of text.matchAll(HEX_CANDIDATE)) {
    if (candidates >= options.maxCandidates || budget <= 0) break
    const digits = match[0].replace(/\\x|0x|[ :]/g, '')
    if (digits.length % 2 !== 0) continue
    candidates++
    budget -= digits.length
    tryDecoded(Buffer.from(digits, 'hex').toString('utf8'), match.index, match.index + match[0].length, 'hex')
  }
  for (const [re, encoding, decoder, gate] of OTHER_ENCODINGS) {
    if (!gate(text)) continue
    for (const match of text.matchAll(re)) {
      if (candidates >= options.maxCandidates || budget <= 0) break
      const decoded = decoder(match[0])
      if (decoded === undefined) continue
      candidates++
      budget -= match[0].length
      tryDecoded(decoded, match.index, match.index + match[0].length, encoding)
    }
  }
  if (depth === 0 && REVERSED_KEYWORDS.test(text) && candidates < options.maxCandidates && budget > 0) {
    // text written backwards: the whole text read backwards, by UTF-16 unit (offsets map back as n − i)
    budget -= text.length
    const before = hits.length
    tryDecoded(text.split('').reverse().join(''), 0, text.length, 'reversed')
    for (let k = before; k < hits.length; k++) hits[k]!.detector = 'reversed-text'
  }
  return hits
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000
}
