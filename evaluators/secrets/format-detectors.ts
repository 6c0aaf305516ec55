import { anchorIndex, sharedAnchors, type AnchorSet } from './anchor-index.js'
import { isPlaceholderSecret } from './is-placeholder-secret.js'
import { anchoredMatches } from './regex-detector.js'
import { keywordFormats, type KeywordFormat } from './keyword-formats.js'
import { providerFormats, type ProviderFormat } from './provider-formats.js'
import type { ScanState, SecretDetector, SecretHit } from './secret-detectors.js'
import { shannonEntropy } from './shannon-entropy.js'
import { hasValidGithubChecksum } from './token-checksums.js'

/** The literal characters a regex source starts with (`dp\.pt\.` → `dp.pt.`), up to the first class/group. */
export function literalPrefix(source: string): string {
  let out = ''
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!
    if (c === '\\') {
      const next = source[i + 1]
      if (next === undefined || /[A-Za-z0-9]/.test(next)) break // \d, \b … are classes
      out += next
      i++
      continue
    }
    if ('[](){}|?*+^$.'.includes(c)) {
      // a quantifier applies to the previous literal: it is not fixed
      if ('{?*+'.includes(c)) out = out.slice(0, -1)
      break
    }
    out += c
  }
  return out
}

const PLACEHOLDER_IN_TOKEN = /example|sample|dummy|placeholder|xxxxx|your[_-]?(?:api[_-]?)?(?:key|token)|redacted|insert|changeme|fake|test[_-]?token/i
const TOKEN_CHAR = /[A-Za-z0-9]/

/** Default entropy floor for a random part of `length` chars: lenient for short parts, never above 3 bits. */
function entropyFloor(length: number): number {
  return Math.min(3, Math.log2(Math.max(2, length)) * 0.6)
}

function confirmToken(text: string, start: number, end: number, prefixLength: number, format: ProviderFormat): SecretHit | undefined {
  const [id, type, , options = {}] = format
  if (end < text.length && TOKEN_CHAR.test(text[end]!)) return undefined // runs on: part of something longer
  const token = text.slice(start, end)
  const body = token.slice(prefixLength)
  if (PLACEHOLDER_IN_TOKEN.test(token) || isPlaceholderSecret(body) || placeholderTail(text, end)) return undefined
  if (shannonEntropy(body) < (options.minEntropy ?? entropyFloor(body.length))) return undefined
  let score = options.score ?? (prefixLength >= 5 ? 0.95 : 0.9)
  if (options.checksum === 'github-crc32') score = hasValidGithubChecksum(token) ? 0.99 : Math.min(score, 0.9)
  return { start, end, score, type, id }
}

/** The word goes on past the token with `-`/`_`/`.` and ends in a placeholder (`sk_live_…-EXAMPLE`)? Bounded look. */
function placeholderTail(text: string, end: number): boolean {
  const c = text.charCodeAt(end)
  if (c !== 0x2d && c !== 0x5f && c !== 0x2e) return false
  let i = end
  const limit = Math.min(text.length, end + 64)
  while (i < limit && /[A-Za-z0-9_.-]/.test(text[i]!)) i++
  return PLACEHOLDER_IN_TOKEN.test(text.slice(end, i))
}

interface Compiled {
  format: ProviderFormat
  prefix: string
  sticky: RegExp
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/**
 * Every format with a literal prefix of 2+ chars, in one pass: one alternation of the prefixes
 * finds candidates, then each format with that prefix is tried anchored at the candidate (a
 * sticky regex of bounded classes). Linear: each candidate costs at most the longest format.
 */
export function prefixedFormatsDetector(formats: readonly ProviderFormat[] = providerFormats): SecretDetector {
  const compiled: Compiled[] = formats.map((format) => ({ format, prefix: literalPrefix(format[2]), sticky: new RegExp(format[2], 'y') }))
  const byPrefix = new Map<string, Compiled[]>()
  for (const c of compiled) {
    if (c.prefix.length < 2) continue
    const list = byPrefix.get(c.prefix) ?? []
    list.push(c)
    byPrefix.set(c.prefix, list)
  }
  // candidates are found without a regex: at each token start, the first two chars select the prefixes to try
  const byFirstTwo = new Map<number, string[]>()
  for (const prefix of byPrefix.keys()) {
    const key = prefix.charCodeAt(0) * 65536 + prefix.charCodeAt(1)
    const list = byFirstTwo.get(key) ?? []
    list.push(prefix)
    byFirstTwo.set(key, list.sort((a, b) => b.length - a.length))
  }
  const types = [...new Set(compiled.filter((c) => c.prefix.length >= 2).map((c) => c.format[1]))]
  const anchors = anchorsFor({ words: [...byPrefix.keys()], ignoreCase: false }, formats === providerFormats)
  return {
    id: 'provider-token',
    type: types[0]!,
    types,
    *scan(text, scan) {
      let i = 0
      // candidate starts from the anchor pass (the first two characters of some prefix)
      for (const at of anchors(text, scan)) {
        if (at < i) continue
        i = at
        const prev = i > 0 ? text.charCodeAt(i - 1) : 0x20
        const list = isTokenCode(prev) ? undefined : byFirstTwo.get(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1))
        if (!list) continue
        let best: SecretHit | undefined
        for (const prefix of list) {
          if (!text.startsWith(prefix, i)) continue
          for (const c of byPrefix.get(prefix)!) {
            c.sticky.lastIndex = i
            const hit = c.sticky.exec(text)
            if (!hit) continue
            const confirmed = confirmToken(text, i, i + hit[0].length, c.prefix.length, c.format)
            if (confirmed && (!best || confirmed.score > best.score)) best = confirmed
          }
          if (best) break
        }
        if (best) {
          yield best
          i = best.end
        }
      }
    },
  }
}

/** The built-in data shares the one anchor pass; custom data gets its own. */
function anchorsFor(set: AnchorSet, builtIn: boolean): (text: string, scan?: ScanState) => ArrayLike<number> & Iterable<number> {
  if (builtIn) return sharedAnchors(set)
  const own = anchorIndex([set])
  return (text) => own(text)[0]!
}

/** A-Z a-z 0-9 _ */
function isTokenCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f
}

/** A format's `contains` literal sits within this many chars of the token's start. */
const CONTAINS_WITHIN = 64

/** Formats without a usable literal prefix, each its own bounded regex (a handful). */
export function unprefixedFormatDetectors(formats: readonly ProviderFormat[] = providerFormats): SecretDetector[] {
  return formats
    .filter((f) => literalPrefix(f[2]).length < 2)
    .map((format) => {
      const re = new RegExp(`(?<![A-Za-z0-9_])(?:${format[2]})`, 'g')
      return {
        id: format[0],
        type: format[1],
        *scan(text: string) {
          const infix = format[3]?.contains
          if (infix) {
            // every token holds the infix within its first CONTAINS_WITHIN chars: search only from just before each one
            let resume = 0
            for (let at = text.indexOf(infix); at !== -1; at = text.indexOf(infix, at + 1)) {
              if (at < resume) continue
              re.lastIndex = Math.max(resume, at - CONTAINS_WITHIN)
              const m = re.exec(text)
              if (m === null) break
              resume = re.lastIndex
              const hit = confirmToken(text, m.index, m.index + m[0].length, literalPrefix(format[2]).length, format)
              if (hit) {
                yield hit
                resume = Math.max(resume, hit.end)
              }
            }
            return
          }
          re.lastIndex = 0
          let m: RegExpExecArray | null
          while ((m = re.exec(text)) !== null) {
            const hit = confirmToken(text, m.index, m.index + m[0].length, literalPrefix(format[2]).length, format)
            if (hit) {
              yield hit
              re.lastIndex = hit.end
            }
          }
        },
      }
    })
}

/** How far after a provider keyword its value may appear (`DATADOG_API_KEY: "…"`, `--fastly-token …`). */
export const KEYWORD_WINDOW = 120
const VALUE_EDGE = 'A-Za-z0-9_+/'

/**
 * Bare keys near their provider's name: one case-insensitive alternation finds the keywords, then
 * each format bound to that keyword looks for its value in the next `KEYWORD_WINDOW` chars.
 */
export function keywordFormatsDetector(formats: readonly KeywordFormat[] = keywordFormats): SecretDetector {
  const byKeyword = new Map<string, { format: KeywordFormat; value: RegExp }[]>()
  for (const format of formats) {
    const edge = format[4]?.edge ?? `${VALUE_EDGE}-`
    const value = new RegExp(`(?<![${edge}])(?:${format[3]})(?![${edge}])`, 'g')
    for (const k of format[2]) {
      const key = k.toLowerCase()
      const list = byKeyword.get(key) ?? []
      list.push({ format, value })
      byKeyword.set(key, list)
    }
  }
  const keywords = [...byKeyword.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
  // short keywords must start a word (`lob` is not in `global`)
  const finder = new RegExp(keywords.map((k) => (k.length < 5 && /^[a-z]/.test(k) ? `(?<![a-z])${escapeRegExp(k)}` : escapeRegExp(k))).join('|'), 'iy')
  const anchors = anchorsFor({ words: keywords, ignoreCase: true }, formats === keywordFormats)
  const types = [...new Set(formats.map((f) => f[1]))]
  return {
    id: 'provider-keyword',
    type: types[0]!,
    types,
    *scan(text, scan) {
      let scannedTo = 0
      // the keywords, tried sticky where the anchor pass says one may start (the same matches as a global walk)
      for (const m of anchoredMatches(finder, text, anchors(text, scan))) {
        const from = Math.max(m.index + m[0].length, scannedTo)
        const window = text.slice(from, m.index + m[0].length + KEYWORD_WINDOW)
        let best: SecretHit | undefined
        for (const { format, value } of byKeyword.get(m[0].toLowerCase()) ?? []) {
          value.lastIndex = 0
          let v: RegExpExecArray | null
          while ((v = value.exec(window)) !== null) {
            if (scan?.taken(from + v.index, from + v.index + v[0].length)) continue
            const hit = confirmValue(v[0], from + v.index, format, from + v.index > 0 ? text[from + v.index - 1]! : '')
            if (hit && (!best || hit.start < best.start || (hit.start === best.start && hit.score > best.score))) best = hit
            if (hit) break
          }
        }
        if (best) {
          yield best
          scannedTo = best.end
          if (finder.lastIndex < best.end) finder.lastIndex = best.end
        }
      }
    },
  }
}

function confirmValue(value: string, start: number, format: KeywordFormat, before: string): SecretHit | undefined {
  const [id, type, , , options = {}] = format
  // `<your-key>`, `${TOKEN}`, `{{ token }}`: a template, not a value
  if (before === '<' || before === '{' || before === '$' || PLACEHOLDER_IN_TOKEN.test(value) || isPlaceholderSecret(value)) return undefined
  if (shannonEntropy(value) < (options.minEntropy ?? Math.min(3.2, entropyFloor(value.length) + 0.2))) return undefined
  // a value of one letter case and no digits is a word, not a key
  if (/^(?:[a-z]+|[A-Z]+|[A-Z][a-z]+)$/.test(value) && value.length < 30 && !/^[a-z]{24}$/.test(value)) return undefined
  return { start, end: start + value.length, score: options.score ?? 0.85, type, id }
}
