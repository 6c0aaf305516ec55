/** How far around a match context words are looked for, in characters (about six words before, four after). */
const BEFORE = 48
const AFTER = 32

/**
 * Presidio-style context: is one of `words` (lower-case; may contain spaces) written as a whole
 * word within a few words before or after `[start, end)`? Used to raise weak patterns (bank
 * numbers, passports, licences, bare 9-digit numbers) and to lower strong ones in a
 * contradicting context (a Luhn-valid "order number"). The window is bounded, so the cost per
 * candidate is constant.
 */
export function hasContext(text: string, start: number, end: number, words: readonly string[]): boolean {
  if (words.length === 0) return false
  const pattern = compiled(words)
  const before = sentenceTail(text.slice(Math.max(0, start - BEFORE), start))
  if (pattern.test(before)) return true
  return pattern.test(sentenceHead(text.slice(end, end + AFTER)))
}

const cache = new WeakMap<readonly string[], RegExp>()

/** One case-insensitive regex per word list, compiled once: whole words, ASCII letters and digits as word characters. */
function compiled(words: readonly string[]): RegExp {
  let re = cache.get(words)
  if (!re) {
    const alternatives = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    re = new RegExp(`(?<![a-z0-9])(?:${alternatives.join('|')})(?![a-z0-9])`, 'i')
    cache.set(words, re)
  }
  return re
}

/** Context stays inside the sentence: cut at the last `. `, `! `, `? ` or line break before the match. */
function sentenceTail(before: string): string {
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('! '), before.lastIndexOf('? '), before.lastIndexOf('\n'))
  return cut < 0 ? before : before.slice(cut + 1)
}

function sentenceHead(after: string): string {
  const m = /[.!?](?:\s|$)|\n/.exec(after)
  return m ? after.slice(0, m.index) : after
}
