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
  const hits: (SecretMatch & { priority: number })[] = []
  detectors.forEach((detector, priority) => {
    if (wanted && !(detector.types ?? [detector.type]).some((t) => wanted.has(t))) return
    for (const hit of detector.scan(text)) {
      const type = hit.type ?? detector.type
      if (hit.score < minScore || (wanted && !wanted.has(type))) continue
      if (allow?.size && allow.has(text.slice(hit.start, hit.end))) continue
      hits.push({ type, detector: hit.id ?? detector.id, start: hit.start, end: hit.end, score: hit.score, priority })
    }
  })
  hits.sort((a, b) => a.start - b.start || a.priority - b.priority)
  // sweep: of two overlapping spans keep the one from the earlier detector (n log n, any input)
  const kept: (SecretMatch & { priority: number })[] = []
  for (const hit of hits) {
    const last = kept[kept.length - 1]
    if (last && hit.start < last.end) {
      if (hit.priority < last.priority) kept[kept.length - 1] = hit
      continue
    }
    kept.push(hit)
  }
  return kept.map(({ priority: _priority, ...match }) => match)
}
