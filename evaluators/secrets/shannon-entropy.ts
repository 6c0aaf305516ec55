const ASCII_COUNTS = new Int32Array(128)

/** Shannon entropy of a string in bits per character (0 for the empty string). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0
  let ascii = true
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) >= 128) { ascii = false; break }
  if (ascii) {
    // the common case (tokens, keys): counts in one reused typed array, no allocation
    for (let i = 0; i < value.length; i++) ASCII_COUNTS[value.charCodeAt(i)]!++
    let bits = 0
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i)
      const k = ASCII_COUNTS[c]!
      if (k > 0) {
        const p = k / value.length
        bits -= p * Math.log2(p)
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
