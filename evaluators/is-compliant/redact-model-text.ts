import { createPiiDetector, redact, type PiiDetector } from '../pii/index.js'
import { scanSecrets } from '../secrets/index.js'

/**
 * A judge's reason or quote comes from a model and may repeat PII or secrets from the judged
 * text: replace every PII entity (PII module) and secret (secrets module) by its type, e.g.
 * `<EMAIL_ADDRESS>`, before it goes in a result.
 */
let detector: PiiDetector | undefined

export function redactModelText(text: string): string {
  if (!text) return text
  detector ??= createPiiDetector()
  const spans = [...detector(text), ...scanSecrets(text)].map(({ type, start, end }) => ({ type, start, end }))
  return spans.length ? redact(text, spans, { style: 'type' }) : text
}
