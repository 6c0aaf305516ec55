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
  const before = sentenceTail(text.slice(Math.max(0, start - BEFORE), start).toLowerCase())
  const after = sentenceHead(text.slice(end, end + AFTER).toLowerCase())
  for (const word of words) {
    if (containsWord(before, word) || containsWord(after, word)) return true
  }
  return false
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

function containsWord(haystack: string, word: string): boolean {
  let from = 0
  for (;;) {
    const at = haystack.indexOf(word, from)
    if (at < 0) return false
    const prev = at === 0 ? '' : haystack[at - 1]!
    const next = haystack[at + word.length] ?? ''
    if (!isWordChar(prev) && !isWordChar(next)) return true
    from = at + 1
  }
}

function isWordChar(ch: string): boolean {
  return ch !== '' && /[a-z0-9]/.test(ch)
}
