const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }

/**
 * Text from case ids, reasons, file names or errors made safe for a Markdown table cell or line:
 * HTML is inert (`<details open>`, `<img>` become text), Markdown control characters are escaped
 * (no `[x](javascript:…)` link, no emphasis, no heading), `|` cannot split the cell, and a newline
 * cannot start a new block. Linear time: one pass per replace.
 */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/\r\n?|\n|\u2028|\u2029/g, ' ')
    .replace(/[&<>]/g, (c) => ENTITIES[c]!)
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`)
}

/** Text inside a `code span` in a table cell: only backticks (which would close it), `|` and newlines matter. */
export function escapeCodeCell(value: string): string {
  return value.replace(/\r\n?|\n|\u2028|\u2029/g, ' ').replace(/`/g, "'").replace(/\|/g, '\\|')
}
