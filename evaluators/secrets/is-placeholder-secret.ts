/**
 * Known test, example and placeholder values that look like secrets but are not: AWS's documented
 * example keys (they end in `EXAMPLE` / `EXAMPLEKEY`), `xxxx` runs, `<your-key>`, `${ENV_VAR}`,
 * `changeme`, long runs of one character, `1234567890` and `abcdef` sequences.
 * Every pattern here is anchored on literals or bounded: linear on any input.
 */
const PLACEHOLDER_WORDS =
  /example|placeholder|changeme|change_me|your[_-]?(?:own[_-]?)?(?:api[_-]?)?(?:key|token|secret|password|pass)|redacted|dummy|sample|insert[_-]?(?:key|token|here)|replace[_-]?me|not[_-]?a[_-]?real|notreal|fake[_-]?(?:key|token|secret)|secret[_-]?here|key[_-]?here|token[_-]?here|password[_-]?here/i
const TEMPLATE_MARKERS = /[<>]|\$\{|\{\{|%\(|%s\b|^\$[A-Z_]|^process\.env|^os\.environ|^env\(|^ENV\[/
const MASK_RUN = /([xX*#•._-])\1{3}/
const SAME_CHAR_RUN = /(.)\1{7}/
const SEQUENCES = /0123456789|1234567890|abcdefghij|ABCDEFGHIJ|qwertyuiop|abcdef0123|0123abcdef/

export function isPlaceholderSecret(value: string): boolean {
  return (
    PLACEHOLDER_WORDS.test(value) ||
    TEMPLATE_MARKERS.test(value) ||
    MASK_RUN.test(value) ||
    SAME_CHAR_RUN.test(value) ||
    SEQUENCES.test(value)
  )
}
