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

function isAsciiLetter(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
}

/**
 * Is the leet-able character at `at` part of a word ("1gn0re", "prev10us")? Its run of leet-able
 * characters is at most 3 long and touches an ASCII letter. Looks at most 4 characters each way.
 */
function inLeetWord(text: string, at: number): boolean {
  let left = at
  while (left > 0 && at - left < 4 && LEET[text[left - 1]!] !== undefined) left--
  let right = at + 1
  while (right < text.length && right - at < 4 && LEET[text[right]!] !== undefined) right++
  if (right - left > 3) return false
  return isAsciiLetter(text[left - 1]) || isAsciiLetter(text[right])
}

const SPACE = 0x20
const NEWLINE = 0x0a

/** Fold `text` for matching and keep the way back to original offsets. Linear in the input. */
export function normalizeText(text: string): NormalizedText {
  let capacity = text.length + 16
  let codes = new Uint16Array(capacity)
  let starts = new Int32Array(capacity)
  let ends = new Int32Array(capacity)
  let mapped = new Uint8Array(capacity)
  let hiddenBefore = new Uint8Array(capacity)
  let n = 0
  const grow = () => {
    capacity *= 2
    const c = new Uint16Array(capacity); c.set(codes); codes = c
    const s = new Int32Array(capacity); s.set(starts); starts = s
    const e = new Int32Array(capacity); e.set(ends); ends = e
    const m = new Uint8Array(capacity); m.set(mapped); mapped = m
    const h = new Uint8Array(capacity); h.set(hiddenBefore); hiddenBefore = h
  }
  const emit = (code: number, start: number, end: number, how: number, hidden: boolean) => {
    if (n === capacity) grow()
    codes[n] = code
    starts[n] = start
    ends[n] = end
    mapped[n] = how
    hiddenBefore[n] = hidden ? 1 : 0
    n++
  }
  let hidden = false
  let i = 0
  while (i < text.length) {
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
        emit(ws, start, i, 0, hidden)
      } else {
        const ch = text[start]!
        const leet = LEET[ch]
        if (leet !== undefined && inLeetWord(text, start)) emit(leet.charCodeAt(0), start, i, MAPPED_LEET, hidden)
        else emit(unit >= 0x41 && unit <= 0x5a ? unit + 32 : unit, start, i, 0, hidden)
      }
      hidden = false
      continue
    }
    const cp = text.codePointAt(i)!
    const width = cp > 0xffff ? 2 : 1
    i += width
    if (invisibleKind(cp)) {
      hidden = true
      continue
    }
    const ch = text.slice(start, i)
    let folded: string
    let how = 0
    const confusable = confusables.get(ch)
    if (confusable !== undefined) {
      folded = confusable
      how = MAPPED_HOMOGLYPH
    } else {
      folded = ch.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(MARKS, '')
      if (folded.length > 0 && folded.trim() === '') folded = ' '
    }
    for (let k = 0; k < folded.length; k++) emit(folded.charCodeAt(k), start, i, how, hidden)
    hidden = false
  }
  let out = ''
  for (let k = 0; k < n; k += 8192) out += String.fromCharCode(...codes.subarray(k, Math.min(n, k + 8192)))
  return { text: out, starts: starts.subarray(0, n), ends: ends.subarray(0, n), mapped: mapped.subarray(0, n), hiddenBefore: hiddenBefore.subarray(0, n) }
}
