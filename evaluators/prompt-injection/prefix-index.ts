/** Shortest prefix a `prefixIndex` can look up (it hashes the first three characters). */
export const INDEX_PREFIX_MIN = 3

/**
 * Where given prefixes occur in one text: one linear pass hashes the three characters at every
 * position into chained buckets, then `positions(prefix)` walks the prefix's bucket and checks each
 * position with `startsWith` (the occurrences of one prefix plus a few hash collisions, memoised per
 * prefix). Lets a caller run a regex only where one of its literal prefixes occurs.
 */
export function prefixIndex(text: string): { positions(prefix: string): readonly number[] } {
  // about one bucket per position (2^8..2^16): short texts clear little, long ones collide little
  const bits = Math.min(16, Math.max(8, Math.ceil(Math.log2(text.length + 1))))
  const mask = (1 << bits) - 1
  const bucket = (a: number, b: number, c: number) => (Math.imul(Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ c, 0x27d4eb2d) >>> (32 - bits)) & mask
  const heads = new Int32Array(mask + 1).fill(-1)
  const next = new Int32Array(Math.max(0, text.length - INDEX_PREFIX_MIN + 1))
  // walk backwards so each chain lists positions in ascending order
  for (let i = next.length - 1; i >= 0; i--) {
    const b = bucket(text.charCodeAt(i), text.charCodeAt(i + 1), text.charCodeAt(i + 2))
    next[i] = heads[b]!
    heads[b] = i
  }
  const memo = new Map<string, number[]>()
  return {
    positions(prefix: string): readonly number[] {
      if (prefix.length < INDEX_PREFIX_MIN) throw new Error(`prefixIndex: prefix shorter than ${INDEX_PREFIX_MIN} characters`)
      let found = memo.get(prefix)
      if (found) return found
      found = []
      for (let i = heads[bucket(prefix.charCodeAt(0), prefix.charCodeAt(1), prefix.charCodeAt(2))]!; i >= 0; i = next[i]!) {
        if (text.startsWith(prefix, i)) found.push(i)
      }
      memo.set(prefix, found)
      return found
    },
  }
}
