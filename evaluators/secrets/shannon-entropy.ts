const ASCII_COUNTS = new Int32Array(128)

/** `p * log2(p)` for p = k / length, per length up to TERM_CACHE_MAX, computed once (NaN: not yet). */
const TERM_CACHE_MAX = 512
const TERMS: (Float64Array | undefined)[] = []

function termsFor(length: number): Float64Array | undefined {
  if (length > TERM_CACHE_MAX) return undefined
  let terms = TERMS[length]
  if (!terms) {
    terms = new Float64Array(length + 1).fill(Number.NaN)
    TERMS[length] = terms
  }
  return terms
}

function cachedTerm(terms: Float64Array, k: number, length: number): number {
  let t = terms[k]!
  if (Number.isNaN(t)) {
    const p = k / length
    t = p * Math.log2(p)
    terms[k] = t
  }
  return t
}

/** Shannon entropy of a string in bits per character (0 for the empty string). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0
  // the common case (tokens, keys): counts in one reused typed array, no allocation
  let ascii = true
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c >= 128) {
      ascii = false
      for (let j = 0; j < i; j++) ASCII_COUNTS[value.charCodeAt(j)] = 0
      break
    }
    ASCII_COUNTS[c]!++
  }
  if (ascii) {
    const terms = termsFor(value.length)
    let bits = 0
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i)
      const k = ASCII_COUNTS[c]!
      if (k > 0) {
        // the same term, summed in the same order, as `p * Math.log2(p)` with p = k / length: the same bits
        bits -= terms ? cachedTerm(terms, k, value.length) : (k / value.length) * Math.log2(k / value.length)
        ASCII_COUNTS[c] = 0
      }
    }
    return bits
  }
  const counts = new Map<string, number>()
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  const length = [...value].length
  let bits = 0
  for (const count of counts.values()) {
    const p = count / length
    bits -= p * Math.log2(p)
  }
  return bits
}
