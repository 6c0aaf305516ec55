import type { PiiCandidate } from './recognizers/recognizer.js'

/**
 * Keep non-overlapping candidates: the higher score wins, then the longer span, then the earlier
 * one. Returned sorted by start. O(k log k) for k candidates.
 */
export function resolveOverlaps(candidates: readonly PiiCandidate[]): PiiCandidate[] {
  const ranked = [...candidates].sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start)
  const kept: PiiCandidate[] = [] // sorted by start
  for (const c of ranked) {
    // binary search the first kept span that ends after c starts
    let lo = 0
    let hi = kept.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (kept[mid]!.end <= c.start) lo = mid + 1
      else hi = mid
    }
    const next = kept[lo]
    if (next && next.start < c.end) continue
    kept.splice(lo, 0, c)
  }
  return kept
}
