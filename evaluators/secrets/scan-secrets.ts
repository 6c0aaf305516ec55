import { secretDetectors, type ScanState, type SecretDetector } from './secret-detectors.js'

export interface SecretMatch {
  type: string
  detector: string
  start: number
  end: number
  score: number
}

export interface ScanSecretsOptions {
  /** Only these finding types (default: all built-in detectors). */
  types?: readonly string[]
  /** Exact values known to be safe (test fixtures, public keys): never reported. */
  allow?: ReadonlySet<string>
  /** Drop hits below this confidence. */
  minScore?: number
  detectors?: readonly SecretDetector[]
}

/**
 * Every secret in `text`, as typed spans (never the values). Where two detectors claim overlapping
 * spans the earlier (more specific) detector in the list wins, so a GitHub token inside `token=…`
 * is a `GITHUB_TOKEN`, not a `GENERIC_SECRET`: detectors run in list order, and a later one's hit
 * that overlaps an earlier one's is dropped (detectors also skip their confirmation work there).
 */
export function scanSecrets(
  text: string,
  { types, allow, minScore = 0, detectors = secretDetectors }: ScanSecretsOptions = {},
): SecretMatch[] {
  const wanted = types ? new Set(types) : undefined
  // each finding's fields in parallel arrays (numbers unboxed): a finding object is made only for
  // the hits the sweep keeps
  const starts: number[] = []
  const ends: number[] = []
  const scores: number[] = []
  const found: string[] = []
  const ids: string[] = []
  const priorities: number[] = []
  // code units already reported by an earlier detector: a later one skips its work there
  const claimed = claimedBuffer(text.length)
  let claimedAny = false
  const taken = (start: number, end: number): boolean => {
    if (!claimedAny) return false
    for (let i = Math.max(0, start); i < end && i < claimed.length; i++) if (claimed[i] === 1) return true
    return false
  }
  const state: ScanState = { taken, memo: new Map() }
  for (let priority = 0; priority < detectors.length; priority++) {
    const detector = detectors[priority]!
    if (wanted && !(detector.types ?? [detector.type]).some((t) => wanted.has(t))) continue
    const firstOfDetector = starts.length
    for (const hit of detector.scan(text, state)) {
      const type = hit.type ?? detector.type
      if (hit.score < minScore || (wanted && !wanted.has(type))) continue
      if (allow?.size && allow.has(text.slice(hit.start, hit.end))) continue
      if (taken(hit.start, hit.end)) continue // an earlier detector's span wins (as the sweep below would decide)
      starts.push(hit.start)
      ends.push(hit.end)
      scores.push(hit.score)
      found.push(type)
      ids.push(hit.id ?? detector.id)
      priorities.push(priority)
    }
    // claimed after the detector is done: its own hits may overlap each other (the sweep orders them)
    for (let k = firstOfDetector; k < starts.length; k++) {
      claimed.fill(1, starts[k]!, ends[k]!)
      claimedAny = true
    }
  }
  const order = sortedOrder(starts, priorities, detectors.length)
  // sweep: of two overlapping spans keep the one from the earlier detector (n log n, any input)
  const kept: number[] = []
  for (const i of order) {
    const last = kept[kept.length - 1]
    if (last !== undefined && starts[i]! < ends[last]!) {
      if (priorities[i]! < priorities[last]!) kept[kept.length - 1] = i
      continue
    }
    kept.push(i)
  }
  return kept.map((i) => ({ type: found[i]!, detector: ids[i]!, start: starts[i]!, end: ends[i]!, score: scores[i]! }))
}

let claimedStore = new Uint8Array(1024)

/** A zeroed mask of `length` bytes, reused across scans (no 1 MB allocation per scan of a 1 MB text). */
function claimedBuffer(length: number): Uint8Array {
  if (claimedStore.length < length) claimedStore = new Uint8Array(Math.max(length, claimedStore.length * 2))
  else claimedStore.fill(0, 0, length)
  return claimedStore.subarray(0, length)
}

/**
 * Indices of the findings by (start, priority, index): the order a stable sort by start then
 * priority gives. Where the composite key fits a double exactly it is one typed-array sort, no comparator.
 */
function sortedOrder(starts: readonly number[], priorities: readonly number[], detectorCount: number): number[] {
  const n = starts.length
  let maxStart = 0
  for (const start of starts) if (start > maxStart) maxStart = start
  const span = Math.max(1, detectorCount) * n
  if ((maxStart + 1) * span > Number.MAX_SAFE_INTEGER) {
    const order = starts.map((_, i) => i)
    return order.sort((a, b) => starts[a]! - starts[b]! || priorities[a]! - priorities[b]!)
  }
  const keys = new Float64Array(n)
  for (let i = 0; i < n; i++) keys[i] = starts[i]! * span + priorities[i]! * n + i
  keys.sort()
  const order = new Array<number>(n)
  for (let i = 0; i < n; i++) order[i] = keys[i]! % n
  return order
}
