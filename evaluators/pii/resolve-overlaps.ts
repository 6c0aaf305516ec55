import type { PiiCandidate } from './recognizers/recognizer.js'

/**
 * Keep non-overlapping candidates: the higher score wins, then the longer span, then the earlier
 * one. Returned sorted by start. Candidates are taken in rank order and a span is kept when none of
 * its characters is taken yet (an occupancy map: cost is the sum of span lengths, with no
 * insertions into the middle of an array, which made the old version quadratic on many candidates).
 */
export function resolveOverlaps(candidates: readonly PiiCandidate[]): PiiCandidate[] {
  if (candidates.length <= 1) return [...candidates]
  const ranked = [...candidates].sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start)
  let size = 0
  for (const c of candidates) if (c.end > size) size = c.end
  const taken = new Uint8Array(size)
  const kept: PiiCandidate[] = []
  for (const c of ranked) {
    let free = true
    for (let i = c.start; i < c.end; i++) {
      if (taken[i] === 1) {
        free = false
        break
      }
    }
    if (!free) continue
    taken.fill(1, c.start, c.end)
    kept.push(c)
  }
  return kept.sort((a, b) => a.start - b.start)
}
