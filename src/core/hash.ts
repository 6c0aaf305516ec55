import { createHash } from 'node:crypto'
import { canonicalJson } from './canonical-json.js'

/** sha256 as lowercase hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/** sha256 of the canonical JSON of a value: the hash of options, call parameters and records. */
export function hashValue(value: unknown): string {
  return sha256(canonicalJson(value))
}
