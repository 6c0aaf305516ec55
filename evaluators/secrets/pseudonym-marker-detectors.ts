import type { SecretDetector } from './secret-detectors.js'

/** `<AWS_ACCESS_KEY_ID:3f9a1c2e>`: bounded classes, no nested quantifiers — linear on any input. */
const MARKER = /<([A-Z][A-Z0-9_]{0,63}):[0-9a-f]{8}>/g

/**
 * One detector per secret type that reports vouch's salted pseudonym markers of that type (redacted
 * evidence, redacted cassettes) as a finding of the type: a secret leak replayed from a redacted
 * cassette still fails the gate. The markers of a text are found once and shared by all of them.
 */
export function pseudonymMarkerDetectors(detectors: readonly SecretDetector[]): SecretDetector[] {
  let lastText: string | undefined
  let lastMarkers: { type: string; start: number; end: number }[] = []
  const markers = (text: string) => {
    if (text !== lastText) {
      lastText = text
      lastMarkers = text.includes('<') ? [...text.matchAll(MARKER)].map((m) => ({ type: m[1]!, start: m.index, end: m.index + m[0].length })) : []
    }
    return lastMarkers
  }
  return [...new Set(detectors.map((d) => d.type))].map((type) => ({
    id: 'pseudonym-marker',
    type,
    *scan(text: string) {
      for (const m of markers(text)) if (m.type === type) yield { start: m.start, end: m.end, score: 1 }
    },
  }))
}
