/** Building blocks for ~1 MB adversarial inputs: every detector must scan them in linear time. */
export const MB = 1 << 20

/** `unit` repeated to exactly `size` characters. */
export function fill(unit: string, size = MB): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size)
}

/** `size` characters drawn from `charset` by a seeded xorshift: the same string on every run. */
export function pseudoRandom(charset: string, size = MB, seed = 88172645): string {
  let out = ''
  let x = seed
  for (let i = 0; i < size; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out += charset[(x >>> 0) % charset.length]
  }
  return out
}
