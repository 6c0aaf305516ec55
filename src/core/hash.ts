import { hash } from 'node:crypto'
import { canonicalJson } from './canonical-json.js'

/** sha256 as lowercase hex (one-shot `crypto.hash`: no Hash object per call; evidence hashes several per record). */
export function sha256(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex')
}

/** sha256 of the canonical JSON of a value: the hash of options, call parameters and records. */
export function hashValue(value: unknown): string {
  return sha256(canonicalJson(value))
}
