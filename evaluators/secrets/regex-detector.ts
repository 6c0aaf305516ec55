import type { ScanState, SecretDetector, SecretHit } from './secret-detectors.js'

export type Confirm = (match: RegExpExecArray, text: string, scan?: ScanState) => SecretHit | undefined

/**
 * A detector from one global regex and a confirmation step in code; scanning resumes after each
 * match (after the hit, when it is longer). With `anchors` (positions that include every place a
 * match can start, from the shared anchor pass) the regex is tried sticky at those positions only:
 * the same matches, in the same order, without the regex walking the whole text.
 */
export function regexDetector(id: string, type: string, pattern: RegExp, confirm: Confirm, anchors?: (text: string, scan?: ScanState) => ArrayLike<number> & Iterable<number>): SecretDetector {
  if (!pattern.global) throw new TypeError(`secret detector ${id}: pattern must be global`)
  const sticky = anchors ? new RegExp(pattern.source, `${pattern.flags}y`) : undefined
  // One compiled copy reused scan after scan (a `new RegExp` per scan was most of a short text's
  // cost); a scan that starts while another is still being iterated gets a fresh copy.
  let idle: RegExp | undefined = new RegExp(pattern.source, pattern.flags)
  return {
    id,
    type,
    *scan(text, scan) {
      if (sticky && anchors) {
        for (const match of anchoredMatches(sticky, text, anchors(text, scan))) {
          const hit = confirm(match, text, scan)
          if (hit) {
            yield hit
            if (hit.end > sticky.lastIndex) sticky.lastIndex = hit.end
          }
        }
        return
      }
      const re = idle ?? new RegExp(pattern.source, pattern.flags)
      idle = undefined
      re.lastIndex = 0
      try {
        let match: RegExpExecArray | null
        while ((match = re.exec(text)) !== null) {
          if (match[0].length === 0) re.lastIndex++
          const hit = confirm(match, text, scan)
          if (hit) {
            yield hit
            if (hit.end > re.lastIndex) re.lastIndex = hit.end
          }
        }
      } finally {
        idle = re
      }
    },
  }
}

/**
 * The matches of the sticky regex `re` tried at `positions` only (ascending, and including every
 * place a match can start), in the order and with the skips of a global walk: after a match the
 * walk resumes at its end, or further on if the caller moved `re.lastIndex` past a longer hit.
 */
export function* anchoredMatches(re: RegExp, text: string, positions: Iterable<number>): Generator<RegExpExecArray> {
  let next = 0
  for (const at of positions) {
    if (at < next) continue
    re.lastIndex = at
    const match = re.exec(text)
    if (match === null) continue
    re.lastIndex = Math.max(at + 1, re.lastIndex)
    yield match
    next = re.lastIndex
  }
}

/** The span of capture group `n` (patterns that use it carry the `d` flag). */
export function group(match: RegExpExecArray, n: number): { start: number; end: number; value: string } | undefined {
  const span = match.indices?.[n]
  const value = match[n]
  if (!span || value === undefined) return undefined
  return { start: span[0], end: span[1], value }
}
