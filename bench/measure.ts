/** Shared measuring helpers for the benchmarks: medians, and MB/s of a function over one text. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/** Median time of `runs` calls of `fn(text)` after one warm-up call, printed and returned as MB/s. */
export function throughput(label: string, text: string, fn: (t: string) => unknown, { runs = 5, width = 40 }: { runs?: number; width?: number } = {}): number {
  fn(text)
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn(text)
    times.push(performance.now() - t0)
  }
  const ms = median(times)
  const mbps = text.length / (1 << 20) / (ms / 1000)
  console.log(`${label.padEnd(width)} ${ms.toFixed(1).padStart(8)} ms  ${mbps.toFixed(2).padStart(8)} MB/s`)
  return mbps
}
