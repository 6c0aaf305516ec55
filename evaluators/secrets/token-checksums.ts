/**
 * Checksums some providers put in their tokens. GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`)
 * and npm (`npm_`) tokens end in 6 base62 characters: the CRC-32 of the 30 random characters
 * before them, left-padded with `0`. A token that passes is almost certainly real; one that fails
 * is a made-up or mistyped string (still reported, with less confidence).
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

const CRC_TABLE = (() => {
  const table = new Int32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c
  }
  return table
})()

export function crc32(text: string): number {
  let crc = -1
  for (let i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8)
  return (crc ^ -1) >>> 0
}

export function base62(n: number, width: number): string {
  let out = ''
  let v = n
  while (v > 0) {
    out = BASE62[v % 62] + out
    v = Math.floor(v / 62)
  }
  return out.padStart(width, '0')
}

/** `prefix_` + 30 random + 6 checksum chars: does the checksum match? */
export function hasValidGithubChecksum(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1)
  if (body.length !== 36) return false
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30)
}
