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
  let out = ''
  // origStart[i] / origEnd[i]: the original code unit range normalised character i came from
  const origStart: number[] = []
  const origEnd: number[] = []
  let changed = false
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!
    const width = cp > 0xffff ? 2 : 1
    const ch = text.slice(i, i + width)
    let repl: string
    if (cp < 0x80) repl = ch
    else if (DROP.test(ch)) repl = ''
    else if (SPACE.test(ch)) repl = ' '
    else if (DASH.test(ch)) repl = '-'
    else repl = ch.normalize('NFKC')
    if (repl !== ch) changed = true
    for (let k = 0; k < repl.length; k++) {
      origStart.push(i)
      origEnd.push(i + width)
    }
    out += repl
    i += width
  }
  if (!changed) return identity(text)
  return {
    text: out,
    toOriginal(start, end) {
      if (end <= start) return { start: origStart[start] ?? text.length, end: origStart[start] ?? text.length }
      return { start: origStart[start] ?? text.length, end: origEnd[end - 1] ?? text.length }
    },
  }
}

function identity(text: string): NormalizedText {
  return { text, toOriginal: (start, end) => ({ start, end }) }
}
