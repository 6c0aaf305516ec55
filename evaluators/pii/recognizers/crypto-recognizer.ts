import { isBitcoinAddress } from '../validators/bitcoin-address.js'
import { matchesOf } from './matches-of.js'
import type { Recognizer } from './recognizer.js'

const LEGACY = /(?<![\w])[13][a-km-zA-HJ-NP-Z1-9]{25,34}(?!\w)/g
const SEGWIT = /(?<![\w])(?:bc1|BC1)[a-zA-Z0-9]{11,71}(?!\w)/g

/** Bitcoin addresses with a valid checksum: base58check (`1…`, `3…`) or bech32/bech32m (`bc1…`). Score 1. */
export const cryptoRecognizer: Recognizer = {
  types: ['CRYPTO'],
  detector: 'crypto',
  find(text, push) {
    for (const pattern of [LEGACY, SEGWIT]) {
      for (const m of matchesOf(pattern, text)) {
        if (!isBitcoinAddress(m[0])) continue
        push({ type: 'CRYPTO', start: m.index, end: m.index + m[0].length, score: 1, detector: 'crypto' })
      }
    }
  },
}
