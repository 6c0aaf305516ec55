import type { SecretDetector, SecretHit } from './secret-detectors.js'

export type Confirm = (match: RegExpExecArray, text: string) => SecretHit | undefined

/** A detector from one global regex and a confirmation step in code; scanning resumes after each hit. */
export function regexDetector(id: string, type: string, pattern: RegExp, confirm: Confirm): SecretDetector {
  if (!pattern.global) throw new TypeError(`secret detector ${id}: pattern must be global`)
  return {
    id,
    type,
    *scan(text) {
      const re = new RegExp(pattern.source, pattern.flags)
      let match: RegExpExecArray | null
      while ((match = re.exec(text)) !== null) {
        if (match[0].length === 0) re.lastIndex++
        const hit = confirm(match, text)
        if (hit) {
          yield hit
          if (hit.end > re.lastIndex) re.lastIndex = hit.end
        }
      }
    },
  }
}

/** The span of capture group `n` (patterns that use it carry the `d` flag). */
export function group(match: RegExpExecArray, n: number): { start: number; end: number; value: string } | undefined {
  const span = match.indices?.[n]
  const value = match[n]
  if (!span || value === undefined) return undefined
  return { start: span[0], end: span[1], value }
}
