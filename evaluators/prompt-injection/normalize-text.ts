import { confusables } from './confusables.js'

/**
 * Characters that render as nothing: zero-width spaces and joiners, soft hyphen, word joiner and
 * invisible operators, BOM, bidi embeddings/overrides/isolates, variation selectors, tag characters.
 */
export function invisibleKind(cp: number): 'zero-width' | 'bidi' | 'tag' | undefined {
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'tag'
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c) return 'bidi'
  if ((cp >= 0x200b && cp <= 0x200d) || (cp >= 0x2060 && cp <= 0x2064) || cp === 0xfeff || cp === 0x00ad || cp === 0x180e || cp === 0x034f) {
    return 'zero-width'
  }
  if (cp >= 0xfe00 && cp <= 0xfe0f) return 'zero-width'
  return undefined
}

// `@` and `$` are left alone: folding them would break e-mail addresses and amounts
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' }
/** By ASCII code: the letter a leet digit stands for, or 0. */
const LEET_CODE = new Uint16Array(128)
for (const [digit, letter] of Object.entries(LEET)) LEET_CODE[digit.charCodeAt(0)] = letter.charCodeAt(0)
const MARKS = /\p{M}/gu

/** How a normalised character was obtained, when it was not the plain character. */
export const MAPPED_HOMOGLYPH = 1
export const MAPPED_LEET = 2

export interface NormalizedText {
  /** Lower-cased, accents stripped, NFKD-folded, confusables and in-word leetspeak mapped, invisibles dropped, whitespace runs collapsed. */
  text: string
  /** Original start offset of each UTF-16 unit of `text`. */
  starts: Int32Array
  /** Original end offset of each UTF-16 unit of `text`. */
  ends: Int32Array
  /** Per unit: 0 plain, `MAPPED_HOMOGLYPH`, or `MAPPED_LEET`. */
  mapped: Uint8Array
  /** Per unit: 1 when an invisible character was dropped right before it. */
  hiddenBefore: Uint8Array
}

function isAsciiLetterCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)
}

/**
 * Is the leet-able character at `at` part of a word ("1gn0re", "prev10us")? Its run of leet-able
 * characters is at most 3 long and touches an ASCII letter. Looks at most 4 characters each way.
 */
function inLeetWord(text: string, at: number): boolean {
  const leetAt = (i: number) => {
    const c = text.charCodeAt(i)
    return c < 0x80 && LEET_CODE[c] !== 0
  }
  let left = at
  while (left > 0 && at - left < 4 && leetAt(left - 1)) left--
  let right = at + 1
  while (right < text.length && right - at < 4 && leetAt(right)) right++
  if (right - left > 3) return false
  return (left > 0 && isAsciiLetterCode(text.charCodeAt(left - 1))) || (right < text.length && isAsciiLetterCode(text.charCodeAt(right)))
}

/** Folded form of one non-ASCII character and how it was obtained (cached: NFKD per character is slow). */
const foldCache = new Map<number, { folded: string; how: number }>()
const FOLD_CACHE_MAX = 4096

function foldChar(cp: number, text: string, start: number, end: number): { folded: string; how: number } {
  let hit = foldCache.get(cp)
  if (hit) return hit
  const ch = text.slice(start, end)
  const confusable = confusables.get(ch)
  if (confusable !== undefined) hit = { folded: confusable, how: MAPPED_HOMOGLYPH }
  else {
    let folded = ch.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(MARKS, '')
    if (folded.length > 0 && folded.trim() === '') folded = ' '
    hit = { folded, how: 0 }
  }
  // bounded: hostile text with many distinct characters refolds instead of growing the cache
  if (foldCache.size >= FOLD_CACHE_MAX) foldCache.clear()
  foldCache.set(cp, hit)
  return hit
}

const SPACE = 0x20
const NEWLINE = 0x0a

/** The most UTF-16 units NFKD folds one character into (U+FDFA). */
const MAX_EXPANSION = 18
const utf16 = new TextDecoder('utf-16le')

/** Fold `text` for matching and keep the way back to original offsets. Linear in the input. */
export function normalizeText(text: string): NormalizedText {
  // folding rarely lengthens text: try with room for a little growth, else with room for the worst case
  return normalizeInto(text, text.length + 64) ?? normalizeInto(text, text.length * MAX_EXPANSION + 64)!
}

/** One pass into arrays of `capacity` units; undefined when the folded text does not fit. */
function normalizeInto(text: string, capacity: number): NormalizedText | undefined {
  const codes = new Uint16Array(capacity)
  const starts = new Int32Array(capacity)
  const ends = new Int32Array(capacity)
  const mapped = new Uint8Array(capacity)
  const hiddenBefore = new Uint8Array(capacity)
  let n = 0
  let hidden = 0
  let loneSurrogate = false
  let i = 0
  const length = text.length
  while (i < length) {
    const unit = text.charCodeAt(i)
    const start = i
    if (unit < 0x80) {
      i++
      if (unit === SPACE || unit === 0x09 || unit === NEWLINE || unit === 0x0d || unit === 0x0c || unit === 0x0b) {
        const ws = unit === NEWLINE || unit === 0x0d ? NEWLINE : SPACE
        const last = n > 0 ? codes[n - 1] : -1
        if (last === SPACE || last === NEWLINE) {
          if (ws === NEWLINE) codes[n - 1] = NEWLINE
          ends[n - 1] = i
          continue
        }
        if (n === capacity) return undefined
        codes[n] = ws
      } else {
        if (n === capacity) return undefined
        const leet = LEET_CODE[unit]!
        if (leet !== 0 && inLeetWord(text, start)) {
          codes[n] = leet
          mapped[n] = MAPPED_LEET
        } else codes[n] = unit >= 0x41 && unit <= 0x5a ? unit + 32 : unit
      }
      starts[n] = start
      ends[n] = i
      hiddenBefore[n] = hidden
      n++
      hidden = 0
      continue
    }
    const cp = text.codePointAt(i)!
    i += cp > 0xffff ? 2 : 1
    if (cp >= 0xd800 && cp <= 0xdfff) loneSurrogate = true // codePointAt returns a lone half as is
    if (invisibleKind(cp)) {
      hidden = 1
      continue
    }
    const { folded, how } = foldChar(cp, text, start, i)
    if (n + folded.length > capacity) return undefined
    for (let k = 0; k < folded.length; k++) {
      codes[n] = folded.charCodeAt(k)
      starts[n] = start
      ends[n] = i
      mapped[n] = how
      hiddenBefore[n] = hidden
      n++
    }
    hidden = 0
  }
  return { text: unitsToString(codes.subarray(0, n), loneSurrogate), starts: starts.subarray(0, n), ends: ends.subarray(0, n), mapped: mapped.subarray(0, n), hiddenBefore: hiddenBefore.subarray(0, n) }
}

/** The string of `units`. TextDecoder is fast but would turn lone surrogates into U+FFFD, so only when there are none. */
function unitsToString(units: Uint16Array, loneSurrogate: boolean): string {
  if (!loneSurrogate) return utf16.decode(units)
  let out = ''
  for (let k = 0; k < units.length; k += 8192) out += String.fromCharCode(...units.subarray(k, Math.min(units.length, k + 8192)))
  return out
}
