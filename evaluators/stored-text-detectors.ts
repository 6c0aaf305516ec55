import type { RedactableSpan } from '../src/redaction/merge-spans.js'
import { detectPii } from './pii/detect-pii.js'
import { scanSecrets } from './secrets/scan-secrets.js'

/**
 * What stored evidence text is redacted for by default: every PII entity `detectPii` finds with its
 * default options (names included) and every secret `scanSecrets` finds. Overlapping spans from
 * the two are merged by `redact`, so no part of either value survives. The evidence layer does not
 * import these: the runner and the guardrail pass them to `storedSample` as its `detectors`.
 */
export function defaultStoredTextDetectors(): readonly ((text: string) => readonly RedactableSpan[])[] {
  return DEFAULTS
}

const DEFAULTS: readonly ((text: string) => readonly RedactableSpan[])[] = [(text) => detectPii(text), (text) => scanSecrets(text)]
