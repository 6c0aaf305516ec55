import { createHash } from 'node:crypto'

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'

/** A legacy (P2PKH `1…`, P2SH `3…`) address with a valid base58check checksum. */
export function isBase58CheckAddress(address: string): boolean {
  if (address.length < 26 || address.length > 35) return false
  const bytes: number[] = [0]
  for (const ch of address) {
    let carry = BASE58.indexOf(ch)
    if (carry < 0) return false
    for (let i = 0; i < bytes.length; i++) {
      carry += bytes[i]! * 58
      bytes[i] = carry & 0xff
      carry >>= 8
    }
    while (carry > 0) {
      bytes.push(carry & 0xff)
      carry >>= 8
    }
  }
  for (let i = 0; i < address.length && address[i] === '1'; i++) bytes.push(0)
  const decoded = Uint8Array.from(bytes.reverse())
  if (decoded.length !== 25) return false
  const version = decoded[0]
  if (version !== 0x00 && version !== 0x05) return false
  const payload = decoded.subarray(0, 21)
  const checksum = createHash('sha256').update(createHash('sha256').update(payload).digest()).digest()
  for (let i = 0; i < 4; i++) if (checksum[i] !== decoded[21 + i]) return false
  return true
}

function polymod(values: number[]): number {
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
  let chk = 1
  for (const v of values) {
    const top = chk >>> 25
    chk = ((chk & 0x1ffffff) << 5) ^ v
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i]!
  }
  return chk >>> 0
}

/** A SegWit address (`bc1…`): bech32 for witness v0, bech32m for v1+, per BIP-173 / BIP-350. */
export function isBech32Address(address: string): boolean {
  if (address.length < 14 || address.length > 74) return false
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) return false
  const lower = address.toLowerCase()
  if (!lower.startsWith('bc1')) return false
  const data: number[] = []
  for (const ch of lower.slice(3)) {
    const v = BECH32.indexOf(ch)
    if (v < 0) return false
    data.push(v)
  }
  if (data.length < 7) return false
  const hrp = [...'bc'].map((c) => c.charCodeAt(0))
  const expanded = [...hrp.map((c) => c >> 5), 0, ...hrp.map((c) => c & 31), ...data]
  const check = polymod(expanded)
  const version = data[0]!
  if (version > 16) return false
  const program = data.length - 7 // 5-bit groups after the version, before the 6-char checksum
  const bytes = Math.floor((program * 5) / 8)
  if (bytes < 2 || bytes > 40) return false
  if (version === 0) return check === 1 && (bytes === 20 || bytes === 32)
  return check === 0x2bc830a3
}

/** A Bitcoin address with a valid checksum (legacy base58check or SegWit bech32/bech32m). */
export function isBitcoinAddress(address: string): boolean {
  return /^bc1/i.test(address) ? isBech32Address(address) : isBase58CheckAddress(address)
}
