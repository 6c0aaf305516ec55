/**
 * A JSON.parse failure described without quoting the input: V8's messages can embed a snippet of
 * the text (`Unexpected token 'o', "nope" is not valid JSON`), and a dataset row may hold PII.
 * Keeps V8's reason when it carries no snippet, and the position as a 1-based column.
 */
export function describeJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : ''
  if (message.startsWith('Unexpected end of JSON input')) return 'the JSON ends too early'
  const position = /at position (\d{1,12})(?!\d)/.exec(message)
  const column = position ? ` at column ${Number(position[1]) + 1}` : ''
  // A reason is safe to repeat only when it holds no quoted input: V8 quotes input with `"`.
  const reason = /^[^"]{1,200} in JSON at position/.test(message) ? message.slice(0, message.indexOf(' in JSON at position')) : 'invalid JSON'
  return `${reason}${column}`
}
