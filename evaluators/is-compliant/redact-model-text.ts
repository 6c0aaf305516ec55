import { sensitiveSpans } from '../judge/sensitive-spans.js'
import { redact } from '../../src/redaction/index.js'

/**
 * A judge's reason or quote comes from a model and may repeat PII or secrets from the judged
 * text: replace every PII entity (PII module) and secret (secrets module) by its type, e.g.
 * `<EMAIL_ADDRESS>`, before it goes in a result.
 */
export function redactModelText(text: string): string {
  if (!text) return text
  const spans = sensitiveSpans(text)
  return spans.length ? redact(text, spans, { style: 'type' }) : text
}
