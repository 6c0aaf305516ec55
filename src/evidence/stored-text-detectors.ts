import { detectPii } from '../../evaluators/pii/detect-pii.js'
import type { RedactableSpan } from '../../evaluators/pii/redact.js'
import { scanSecrets } from '../../evaluators/secrets/scan-secrets.js'

/**
 * What stored evidence text is redacted for by default: every PII entity `detectPii` finds with its
 * default options (names included) and every secret `scanSecrets` finds. Overlapping spans from
 * the two are merged by `redact`, so no part of either value survives.
 */
export function defaultStoredTextDetectors(): readonly ((text: string) => readonly RedactableSpan[])[] {
  return DEFAULTS
}

const DEFAULTS: readonly ((text: string) => readonly RedactableSpan[])[] = [(text) => detectPii(text), (text) => scanSecrets(text)]
