// Characters HTML cannot carry even escaped (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/U+FFFF).
const invalid = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/**
 * Escape text for HTML element content and quoted attribute values: `& < > " '` become entities and
 * characters HTML cannot carry are dropped. Everything from a report goes through this.
 */
export function escapeHtml(value: unknown): string {
  return String(value).replace(invalid, '').replace(/[&<>"']/g, (c) => entities[c]!)
}
