import { defineConfig } from 'vitest/config'

// vitest 5 declares Node >= 22 and its reporter calls Map.groupBy / Object.groupBy (Node 21+) when
// it prints failures. These machines run Node 20: give the test runner's own process those two
// functions so a failing test is reported instead of crashing the reporter. vouch itself uses no
// Node 22 API; this affects only the vitest main process.
type GroupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => Map<K, T[]>
const mapCtor = Map as unknown as { groupBy?: GroupBy }
if (typeof mapCtor.groupBy !== 'function') {
  mapCtor.groupBy = (items, key) => {
    const out = new Map()
    let i = 0
    for (const item of items) {
      const k = key(item, i++)
      const list = out.get(k)
      if (list) list.push(item)
      else out.set(k, [item])
    }
    return out
  }
}
const objectCtor = Object as unknown as { groupBy?: (items: Iterable<unknown>, key: (item: unknown, index: number) => PropertyKey) => Record<PropertyKey, unknown[]> }
if (typeof objectCtor.groupBy !== 'function') {
  objectCtor.groupBy = (items, key) => Object.assign(Object.create(null), Object.fromEntries(mapCtor.groupBy!(items, key)))
}

export default defineConfig({
  test: {
    // In CI also write a JSON summary, from which .ci/run prints one plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-results.json' }]] : ['default'],
    include: ['src/**/*.test.ts', 'evaluators/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
