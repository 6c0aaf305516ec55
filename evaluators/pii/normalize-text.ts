/**
 * The text detectors see, and the way back to the caller's offsets. Formatting tricks that keep a
 * value readable to a person but break a pattern are undone first:
 *
 * - NFKC per character: fullwidth digits and letters (`４１１１`, `＠`), ligatures, superscripts;
 * - zero-width and other format characters (`\p{Cf}`: ZWSP, ZWJ, soft hyphen, BOM, bidi marks) and
 *   variation selectors are dropped;
 * - every space separator (NBSP, thin, narrow, figure, ideographic spaces) becomes a space;
 * - hyphens, en/em dashes, minus signs and their fullwidth/small forms become `-`.
 *
 * A span `[start, end)` of the normalised text maps back to the original characters it came from
 * (dropped characters inside a span stay inside it). ASCII text is returned as is, at no cost.
 */
export interface NormalizedText {
  text: string
  /** Original offsets of a normalised span. */
  toOriginal(start: number, end: number): { start: number; end: number }
}

const NON_ASCII = /[^\x00-\x7f]/
const SPECIAL = /[\p{Cf}\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\uFE00-\uFE0F\u2010-\u2015\u2212\u2796\uFE58\uFE63\uFF0D]/u
const DROP = /^[\p{Cf}\uFE00-\uFE0F]$/u
const SPACE = /^\p{Zs}$/u
const DASH = /^[\u2010-\u2015\u2212\u2796\uFE58\uFE63\uFF0D]$/u

export function normalizeText(text: string): NormalizedText {
  if (!NON_ASCII.test(text) || (!SPECIAL.test(text) && text.normalize('NFKC') === text)) return identity(text)
  // the output as UTF-16 code units, and per output unit the original code unit range it came from
  let out = new Uint16Array(text.length + 16)
  let origStart = new Int32Array(text.length + 16)
  let origEnd = new Int32Array(text.length + 16)
  let n = 0
  let changed = false
  for (let i = 0; i < text.length; ) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) {
      out[n] = unit
      origStart[n] = i
      origEnd[n++] = i + 1
      i++
      continue
    }
    const cp = text.codePointAt(i)!
    const width = cp > 0xffff ? 2 : 1
    const repl = replacements.get(cp) ?? replacement(cp, text.slice(i, i + width))
    if (repl.length !== width || repl.charCodeAt(0) !== unit || (width === 2 && repl.charCodeAt(1) !== text.charCodeAt(i + 1))) changed = true
    if (n + repl.length > out.length) {
      const size = Math.max(out.length * 2, n + repl.length + 16)
      out = grow(out, new Uint16Array(size))
      origStart = grow(origStart, new Int32Array(size))
      origEnd = grow(origEnd, new Int32Array(size))
    }
    for (let k = 0; k < repl.length; k++) {
      out[n] = repl.charCodeAt(k)
      origStart[n] = i
      origEnd[n++] = i + width
    }
    i += width
  }
  if (!changed) return identity(text)
  let normalized = ''
  for (let k = 0; k < n; k += 8192) normalized += String.fromCharCode(...out.subarray(k, Math.min(n, k + 8192)))
  return {
    text: normalized,
    toOriginal(start, end) {
      const at = (i: number) => (i >= 0 && i < n ? origStart[i]! : text.length)
      if (end <= start) return { start: at(start), end: at(start) }
      return { start: at(start), end: end - 1 >= 0 && end - 1 < n ? origEnd[end - 1]! : text.length }
    },
  }
}

function grow<T extends Uint16Array | Int32Array>(from: T, to: T): T {
  to.set(from)
  return to
}

/** The replacement of one non-ASCII character, memoised per code point (a text repeats the same few). */
const replacements = new Map<number, string>()
function replacement(cp: number, ch: string): string {
  let repl = replacements.get(cp)
  if (repl !== undefined) return repl
  if (DROP.test(ch)) repl = ''
  else if (SPACE.test(ch)) repl = ' '
  else if (DASH.test(ch)) repl = '-'
  else if (cp === 0xba || cp === 0xaa) repl = ch // ordinal indicators stay: "1º B", "3ª planta" (NFKC would make them letters)
  else repl = ch.normalize('NFKC')
  if (replacements.size < 10_000) replacements.set(cp, repl)
  return repl
}

function identity(text: string): NormalizedText {
  return { text, toOriginal: (start, end) => ({ start, end }) }
}
