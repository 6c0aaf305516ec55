/**
 * Known test, example and placeholder values that look like secrets but are not: AWS's documented
 * example keys (they end in `EXAMPLE` / `EXAMPLEKEY`), `xxxx` runs, `<your-key>`, `${ENV_VAR}`,
 * `changeme`, long runs of one character, `1234567890` and `abcdef` sequences.
 * Every pattern here is anchored on literals or bounded: linear on any input.
 */
const PLACEHOLDER_WORDS =
  /example|placeholder|changeme|change_me|your[_-]?(?:own[_-]?)?(?:api[_-]?)?(?:key|token|secret|password|pass)|redacted|dummy|sample|insert[_-]?(?:key|token|here)|replace[_-]?me|not[_-]?a[_-]?real|notreal|fake[_-]?(?:key|token|secret)|secret[_-]?here|key[_-]?here|token[_-]?here|password[_-]?here|^your[_-]|[_-]here$/i
const TEMPLATE_MARKERS = /[<>]|\$\{|\{\{|%\(|%s\b|^\$[A-Z_]|^process\.env|^os\.environ|^env\(|^ENV\[/
/** A mask character (x X * # • . _ -) or a line terminator: the classes `hasRun` treats specially. */
function isMaskCode(c: number): boolean {
  return c === 0x78 || c === 0x58 || c === 0x2a || c === 0x23 || c === 0x2022 || c === 0x2e || c === 0x5f || c === 0x2d
}

/**
 * One pass instead of two backreference regexes, same meaning (UTF-16 code units, as the regexes
 * without the `u` flag): a run of 4 of one mask character (`/([xX*#•._-])\1{3}/`) or of 8 of any one
 * character other than a line terminator (`/(.)\1{7}/`).
 */
function hasRun(value: string): boolean {
  let run = 0
  let prev = -1
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    run = c === prev ? run + 1 : 1
    prev = c
    if (run >= 4 && isMaskCode(c)) return true
    if (run >= 8 && c !== 0x0a && c !== 0x0d && c !== 0x2028 && c !== 0x2029) return true
  }
  return false
}
const SEQUENCES = /0123456789|1234567890|abcdefghij|ABCDEFGHIJ|qwertyuiop|abcdef0123|0123abcdef/

export function isPlaceholderSecret(value: string): boolean {
  return (
    PLACEHOLDER_WORDS.test(value) ||
    TEMPLATE_MARKERS.test(value) ||
    hasRun(value) ||
    SEQUENCES.test(value)
  )
}

/** Whitespace, a quote or `<` `>`: where a word ends. */
function isWordEdge(c: number): boolean {
  return c <= 0x20 || c === 0x22 || c === 0x27 || c === 0x60 || c === 0x3c || c === 0x3e
}

/**
 * Does the whitespace- or quote-delimited word around `[start, end)` name a placeholder
 * (`sk_live_…-EXAMPLE`, `abc:…EXAMPLE`) where a detector matched only a piece of it? Looks at most
 * 64 chars back and 128 ahead: bounded work per call.
 */
export function wordHasPlaceholder(text: string, start: number, end: number): boolean {
  let from = start
  const lowest = Math.max(0, start - 64)
  while (from > lowest && !isWordEdge(text.charCodeAt(from - 1))) from--
  let to = end
  const highest = Math.min(text.length, end + 128)
  while (to < highest && !isWordEdge(text.charCodeAt(to))) to++
  return (from < start || to > end) && PLACEHOLDER_WORDS.test(text.slice(from, to))
}
