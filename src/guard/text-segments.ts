import { mergeSpans } from '../redaction/merge-spans.js'
import { redactText, type RedactSpan } from './redact-text.js'

/** Several texts judged as one string: each text's start offset in the joined string. */
export interface JoinedText {
  text: string
  starts: number[]
  lengths: number[]
}

/**
 * Join texts with a separator (or `separator[i - 1]` before text i), so findings in the joined
 * string can be mapped back to each text.
 * The answer's text parts are joined with `''`, as the AI SDK joins them for the caller: an
 * entity split across parts is one entity to the caller, so it is one to the checks.
 */
export function joinSegments(texts: readonly string[], separator: string | readonly string[]): JoinedText {
  const starts: number[] = []
  const lengths: number[] = []
  let text = ''
  texts.forEach((t, i) => {
    if (i > 0) text += typeof separator === 'string' ? separator : (separator[i - 1] ?? '')
    starts.push(text.length)
    lengths.push(t.length)
    text += t
  })
  return { text, starts, lengths }
}

/**
 * Each text redacted by spans given in joined offsets. A span's placeholder goes in the text where
 * the span starts; the rest of a span that runs on into later texts (across a part boundary or a
 * separator) is removed there, so with separator `''` the texts joined read exactly like the
 * joined text redacted: `"Card 4111 1111 "` + `"1111 1111 ok"` becomes `"Card <CREDIT_CARD>"` + `" ok"`.
 */
export function redactSegments(joined: JoinedText, spans: readonly RedactSpan[]): string[] {
  const merged = mergeSpans(spans, joined.text.length)
  return joined.starts.map((start, i) => {
    const end = start + (joined.lengths[i] ?? 0)
    let out = ''
    let pos = start
    for (const s of merged) {
      if (s.end <= start) continue
      if (s.start >= end) break
      if (s.start >= pos) {
        out += joined.text.slice(pos, s.start)
        out += redactText(joined.text.slice(s.start, s.end), [{ start: 0, end: s.end - s.start, type: s.type }])
      }
      pos = Math.min(Math.max(pos, s.end), end)
    }
    return out + joined.text.slice(pos, end)
  })
}
