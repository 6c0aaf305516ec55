import { redact } from '../redaction/redact.js'
import type { Finding } from '../core/index.js'

/** A span to redact, in JS string offsets, with the entity type it stands for. */
export interface RedactSpan {
  start: number
  end: number
  type: string
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
