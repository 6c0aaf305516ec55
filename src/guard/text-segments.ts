import type { RedactSpan } from './redact-text.js'

/** Several texts judged as one string: each text's start offset in the joined string. */
export interface JoinedText {
  text: string
  starts: number[]
  lengths: number[]
}

/** Join texts with a separator, so findings in the joined string can be mapped back to each text. */
export function joinSegments(texts: readonly string[], separator: string): JoinedText {
  const starts: number[] = []
  const lengths: number[] = []
  let pos = 0
  for (const t of texts) {
    starts.push(pos)
    lengths.push(t.length)
    pos += t.length + separator.length
  }
  return { text: texts.join(separator), starts, lengths }
}

/**
 * Spans in the joined string, cut into per-text spans in each text's own offsets. A span that
 * crosses a separator is clipped on both sides, so both halves are redacted.
 */
export function splitSpans(joined: JoinedText, spans: readonly RedactSpan[]): RedactSpan[][] {
  return joined.starts.map((start, i) => {
    const end = start + (joined.lengths[i] ?? 0)
    const own: RedactSpan[] = []
    for (const s of spans) {
      if (s.end <= start || s.start >= end) continue
      own.push({ start: Math.max(s.start, start) - start, end: Math.min(s.end, end) - start, type: s.type })
    }
    return own
  })
}
