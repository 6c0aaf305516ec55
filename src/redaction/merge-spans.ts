import { markerType } from './redaction-marker.js'

/** Anything with a type and a span: PII findings, Secrets findings, evaluator `Finding`s. */
export interface RedactableSpan {
  type: string
  start: number
  end: number
}

/**
 * The one span merge of vouch: clamp spans to `[0, length)`, drop empty or non-numeric ones, and
 * merge overlapping spans into one, typed after the longest of them (so no part of either value
 * survives a replacement). Types that are not valid marker types become `REDACTED`. Returned sorted
 * by start, non-overlapping. O(k log k) for k spans.
 */
export function mergeSpans(spans: readonly RedactableSpan[], length: number): RedactableSpan[] {
  const valid: RedactableSpan[] = []
  for (const f of spans) {
    if (f == null || typeof f.start !== 'number' || typeof f.end !== 'number') continue
    if (!Number.isFinite(f.start) || !Number.isFinite(f.end)) continue
    const start = Math.max(0, Math.floor(f.start))
    const end = Math.min(length, Math.ceil(f.end))
    if (end <= start) continue
    valid.push({ type: markerType(f.type), start, end })
  }
  valid.sort((a, b) => a.start - b.start || b.end - a.end)
  const merged: RedactableSpan[] = []
  let longest = 0
  for (const span of valid) {
    const last = merged[merged.length - 1]
    if (last && span.start < last.end) {
      if (span.end - span.start > longest) {
        longest = span.end - span.start
        last.type = span.type
      }
      last.end = Math.max(last.end, span.end)
      continue
    }
    merged.push({ ...span })
    longest = span.end - span.start
  }
  return merged
}
