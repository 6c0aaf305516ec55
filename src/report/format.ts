/** Small formatting helpers shared by the text reporters. */
export const pct = (x: number) => `${(x * 100).toFixed(1)}%`
export const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(3))
export const short = (hash: string, n = 12) => hash.slice(0, n)
