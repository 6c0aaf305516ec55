import type { PiiDetector, PiiMatch } from './detect-pii.js'
import { pseudonymMarkerRecognizer } from './recognizers/pseudonym-marker-recognizer.js'

/**
 * The pii evaluator's detector plus vouch's `<TYPE:8-hex>` pseudonym markers as findings of their
 * type: a leak replayed from a redacted cassette still fails the gate. Kept out of `detectPii` itself
 * so redaction-aware checks (dataPrivacy, where a placeholder means "redacted") are unaffected.
 */
export function withPseudonymMarkers(detect: PiiDetector, types: readonly string[]): PiiDetector {
  const markers = pseudonymMarkerRecognizer(types)
  return (text) => {
    const found = detect(text)
    const extra: PiiMatch[] = []
    markers.find(text, (c) => extra.push({ type: c.type, start: c.start, end: c.end, score: c.score, detector: c.detector }))
    if (extra.length === 0) return found
    const inside = (m: PiiMatch) => extra.some((e) => m.start < e.end && e.start < m.end)
    return [...found.filter((m) => !inside(m)), ...extra].sort((a, b) => a.start - b.start)
  }
}
