/** A coverage or failure rate as the coverage reports print it: whole at 0% and 100%, else two decimals; '—' when unknown. */
export function coveragePct(x: number | undefined): string {
  return x === undefined ? '—' : `${(x * 100).toFixed(x === 1 || x === 0 ? 0 : 2)}%`
}
