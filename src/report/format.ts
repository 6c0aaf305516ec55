/** Small formatting helpers shared by the text reporters. */
export const pct = (x: number) => `${(x * 100).toFixed(1)}%`
export const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(3))
export const short = (hash: string, n = 12) => hash.slice(0, n)

/** An evaluator's pass rate and mean score, or a dash when nothing was counted (every result skipped). */
export const rateCells = (e: { pass: number; fail: number; error: number; passRate: number; meanScore: number }) =>
  e.pass + e.fail + e.error === 0 ? ['—', '—'] : [pct(e.passRate), num(e.meanScore)]

/** `2 (0 failed, 2 errors, 0 skipped)`: a maxFailures value with what it is made of, for gate lines. */
export function describeFailures(check: { actual: number; breakdown?: { fail: number; error: number; skipped: number } | undefined }): string {
  const b = check.breakdown
  return b ? `${check.actual} (${b.fail} failed, ${b.error} ${b.error === 1 ? 'error' : 'errors'}, ${b.skipped} skipped)` : String(check.actual)
}
