import { matchesOf } from './matches-of.js'
import type { Recognizer } from './recognizer.js'

/** `<EMAIL_ADDRESS:3f9a1c2e>`: bounded classes, no nested quantifiers — linear on any input. */
const MARKER = /<([A-Z][A-Z0-9_]{0,63}):[0-9a-f]{8}>/g

/**
 * A salted pseudonym marker as vouch writes it into redacted text (evidence, redacted cassettes)
 * counts as a finding of its type: a leak replayed from a redacted cassette still fails the gate,
 * although the value itself is no longer there. Only markers of the given (PII) types are reported.
 */
export function pseudonymMarkerRecognizer(types: readonly string[]): Recognizer {
  const known = new Set(types)
  return {
    types,
    detector: 'pseudonym-marker',
    find(text, push) {
      if (!text.includes('<')) return
      for (const m of matchesOf(MARKER, text)) {
        if (known.has(m[1]!)) push({ type: m[1]!, start: m.index, end: m.index + m[0].length, score: 1, detector: 'pseudonym-marker' })
      }
    },
  }
}
