/** A span a recognizer proposes, before overlap resolution and the `minScore` cut. */
export interface PiiCandidate {
  type: string
  start: number
  end: number
  score: number
  detector: string
}

/**
 * One detector. `find` scans the whole text once and pushes candidates; it must run in linear time
 * on any input (bounded repetition only, no nested or overlapping quantifiers).
 */
export interface Recognizer {
  /** The entity types this recognizer can emit (used to skip it when none is wanted). */
  types: readonly string[]
  detector: string
  find(text: string, push: (candidate: PiiCandidate) => void): void
}
