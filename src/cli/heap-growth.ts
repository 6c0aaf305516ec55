import { setFlagsFromString } from 'node:v8'

/** The old generation may grow to this much over the data that survived the last full collection. */
export const HEAP_GROWING_PERCENT = 20

/**
 * Keeps a long `vouch eval` close to its live memory. V8 lets the old generation grow up to four
 * times what survived the last full collection before it collects again; a release gate keeps about
 * 100 MB live (the PII detectors' name, city and phone tables) and turns over short-lived per-row
 * objects, so peak RSS reached ~490 MB at 100k rows. A 1.2 growth factor keeps it near 230 MB for
 * the same CPU time (`npm run bench -- release-gate`). A soft heuristic, not a limit: a run that
 * needs more memory still gets it. Left alone when the user passed the flag to node themselves.
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((a) => /^--heap[-_]growing[-_]percent\b/.test(a))) return
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
}
