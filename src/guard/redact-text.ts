import { redact } from '../../evaluators/pii/redact.js'
import type { Finding } from '../core/index.js'

/** A span to redact, in JS string offsets, with the entity type it stands for. */
export interface RedactSpan {
  start: number
  end: number
  type: string
}

/**
 * Sort, clip to `[0, length)` and merge overlapping spans (the first span's type names a merged
 * run). Linear after the sort.
 */
export function mergeSpans(spans: readonly RedactSpan[], length: number): RedactSpan[] {
  const sorted = spans
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(length, s.end), type: s.type }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end)
  const out: RedactSpan[] = []
  for (const s of sorted) {
    const last = out[out.length - 1]
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end)
    else out.push({ ...s })
  }
  return out
}

/**
 * Replace each span of `text` by its type placeholder (`<EMAIL_ADDRESS>`, the PII module's
 * `redact` style `type`). This is the guardrail's redaction of content that leaves the process:
 * the prompt sent to the provider and the answer sent to the user.
 */
export function redactText(text: string, spans: readonly RedactSpan[]): string {
  return spans.length === 0 ? text : redact(text, spans)
}

/** Spans of the findings that point into `field`. */
export function spansOf(findings: readonly Finding[], field: string): RedactSpan[] {
  return findings.filter((f) => f.field === field).map((f) => ({ start: f.start, end: f.end, type: f.type }))
}
