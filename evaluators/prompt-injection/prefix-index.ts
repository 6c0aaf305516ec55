/** Shortest prefix a `prefixIndex` can look up (it hashes the first three characters). */
export const INDEX_PREFIX_MIN = 3

/** 32-bit hash of three UTF-16 units; a text's bucket is its top bits. */
function hash3(a: number, b: number, c: number): number {
  return Math.imul(Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ c, 0x27d4eb2d) >>> 0
}

/** The key `prefixIndex(...).maybe` and `.positions` take for `prefix`: computed once per prefix, not per text. */
export function prefixKey(prefix: string): number {
  if (prefix.length < INDEX_PREFIX_MIN) throw new Error(`prefixIndex: prefix shorter than ${INDEX_PREFIX_MIN} characters`)
  return hash3(prefix.charCodeAt(0), prefix.charCodeAt(1), prefix.charCodeAt(2))
}

const NONE: readonly number[] = Object.freeze([])

export interface PrefixIndex {
  /** False when `prefix` (with `key = prefixKey(prefix)`) certainly does not occur: one array read, no allocation. */
  maybe(key: number): boolean
  /** Ascending positions where `prefix` occurs (`key`: `prefixKey(prefix)`, computed if omitted). */
  positions(prefix: string, key?: number): readonly number[]
}

/**
 * Where given prefixes occur in one text: one linear pass hashes the three characters at every
 * position into chained buckets, then `positions(prefix)` walks the prefix's bucket and checks each
 * position with `startsWith` (the occurrences of one prefix plus a few hash collisions, memoised per
 * prefix). Lets a caller run a regex only where one of its literal prefixes occurs; `maybe` rules a
 * prefix out without walking anything (most prefixes, in most texts).
 */
export function prefixIndex(text: string): PrefixIndex {
  // about one bucket per position (2^8..2^16): short texts clear little, long ones collide little
  const bits = Math.min(16, Math.max(8, Math.ceil(Math.log2(text.length + 1))))
  const shift = 32 - bits
  const heads = new Int32Array(1 << bits).fill(-1)
  const next = new Int32Array(Math.max(0, text.length - INDEX_PREFIX_MIN + 1))
  // walk backwards so each chain lists positions in ascending order
  for (let i = next.length - 1; i >= 0; i--) {
    const b = hash3(text.charCodeAt(i), text.charCodeAt(i + 1), text.charCodeAt(i + 2)) >>> shift
    next[i] = heads[b]!
    heads[b] = i
  }
  const memo = new Map<string, readonly number[]>()
  return {
    maybe: (key) => heads[key >>> shift]! >= 0,
    positions(prefix: string, key = prefixKey(prefix)): readonly number[] {
      let head = heads[key >>> shift]!
      if (head < 0) return NONE
      let found = memo.get(prefix)
      if (found) return found
      const list: number[] = []
      for (; head >= 0; head = next[head]!) {
        if (text.startsWith(prefix, head)) list.push(head)
      }
      found = list.length === 0 ? NONE : list
      memo.set(prefix, found)
      return found
    },
  }
}
