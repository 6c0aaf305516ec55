import { secretDetectors, type SecretDetector } from './secret-detectors.js'

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
 * is a `GITHUB_TOKEN`, not a `GENERIC_SECRET`.
 */
export function scanSecrets(
  text: string,
  { types, allow, minScore = 0, detectors = secretDetectors }: ScanSecretsOptions = {},
): SecretMatch[] {
  const wanted = types ? new Set(types) : undefined
  // findings and their detector's priority in parallel arrays: no wrapper object per hit, no rest copy at the end
  const hits: SecretMatch[] = []
  const priorities: number[] = []
  for (let priority = 0; priority < detectors.length; priority++) {
    const detector = detectors[priority]!
    if (wanted && !(detector.types ?? [detector.type]).some((t) => wanted.has(t))) continue
    for (const hit of detector.scan(text)) {
      const type = hit.type ?? detector.type
      if (hit.score < minScore || (wanted && !wanted.has(type))) continue
      if (allow?.size && allow.has(text.slice(hit.start, hit.end))) continue
      hits.push({ type, detector: hit.id ?? detector.id, start: hit.start, end: hit.end, score: hit.score })
      priorities.push(priority)
    }
  }
  const order = sortedOrder(hits, priorities, detectors.length)
  // sweep: of two overlapping spans keep the one from the earlier detector (n log n, any input)
  const kept: number[] = []
  for (const i of order) {
    const last = kept[kept.length - 1]
    if (last !== undefined && hits[i]!.start < hits[last]!.end) {
      if (priorities[i]! < priorities[last]!) kept[kept.length - 1] = i
      continue
    }
    kept.push(i)
  }
  return kept.map((i) => hits[i]!)
}

/**
 * Indices of `hits` by (start, priority, index): the order a stable sort by start then priority
 * gives. Where the composite key fits a double exactly it is one typed-array sort, no comparator.
 */
function sortedOrder(hits: readonly SecretMatch[], priorities: readonly number[], detectorCount: number): number[] {
  const n = hits.length
  let maxStart = 0
  for (const hit of hits) if (hit.start > maxStart) maxStart = hit.start
  const span = Math.max(1, detectorCount) * n
  if ((maxStart + 1) * span > Number.MAX_SAFE_INTEGER) {
    const order = hits.map((_, i) => i)
    return order.sort((a, b) => hits[a]!.start - hits[b]!.start || priorities[a]! - priorities[b]!)
  }
  const keys = new Float64Array(n)
  for (let i = 0; i < n; i++) keys[i] = hits[i]!.start * span + priorities[i]! * n + i
  keys.sort()
  const order = new Array<number>(n)
  for (let i = 0; i < n; i++) order[i] = keys[i]! % n
  return order
}
