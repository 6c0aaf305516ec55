import { createPiiDetector, type PiiDetector } from '../pii/index.js'
import { scanSecrets } from '../secrets/index.js'

export interface SensitiveSpan {
  type: string
  start: number
  end: number
}

let detector: PiiDetector | undefined

/**
 * PII entities (the PII module's default detector) and secrets (the secrets module) in `text`,
 * as typed spans (possibly overlapping). One place for what "sensitive" means on the judge path:
 * what is pseudonymised before a judge call and redacted from what the judge answers.
 */
export function sensitiveSpans(text: string): SensitiveSpan[] {
  if (!text) return []
  detector ??= createPiiDetector()
  return [...detector(text), ...scanSecrets(text)].map(({ type, start, end }) => ({ type, start, end }))
}
