/**
 * One pass over a text that finds where any of several anchor-word sets may start, so each
 * detector runs its (sticky) regex only there instead of scanning the whole text itself.
 *
 * An anchor set is indexed by the first three characters of its words (two for two-letter words;
 * ASCII only; a set marked `ignoreCase` matches either case, as a non-`u` `/i` regex does: no
 * non-ASCII character folds to an ASCII letter there). The pass reads each code unit once and does
 * a few table lookups per position, so it is linear and cheap; positions it reports are a superset
 * of where a word of the set starts, and the detector's own regex decides.
 * `sharedAnchors`: every built-in detector of one scan shares the one pass.
 */
export interface AnchorSet {
  words: readonly string[]
  ignoreCase: boolean
}

const LOWER = new Uint8Array(128).map((_, c) => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c))

export type AnchorPositions = (text: string) => readonly Int32Array[]

const TRIGRAM_BITS = 16

/** Three ASCII codes hashed to TRIGRAM_BITS (multiplicative hash: collisions only add candidates). */
function trigram(c0: number, c1: number, c2: number): number {
  return Math.imul((c0 << 14) | (c1 << 7) | c2, 0x9e3779b1) >>> (32 - TRIGRAM_BITS)
}

/**
 * An index over `sets`: for a text, the candidate positions of each set (one pass, no caching).
 * Words of 3+ characters are keyed on their first three, folded to lower case (a hashed table),
 * two-character words on both; case-sensitive sets are keyed folded too (more candidates, never
 * fewer: the detector's regex checks the case). Few false candidates in random text.
 */
export function anchorIndex(sets: readonly AnchorSet[]): AnchorPositions {
  if (sets.length > 16) throw new RangeError('anchorIndex: at most 16 anchor sets')
  const bigrams = new Uint16Array(128 * 128)
  const trigrams = new Uint16Array(1 << TRIGRAM_BITS)
  let hasBigrams = false
  sets.forEach(({ words }, bit) => {
    for (const word of words) {
      const [c0, c1, c2] = [word.charCodeAt(0), word.charCodeAt(1), word.charCodeAt(2)]
      if (!(word.length >= 2 && c0 < 128 && c1 < 128 && (word.length === 2 || c2 < 128))) throw new RangeError(`anchorIndex: anchor "${word}" needs two ASCII characters`)
      if (word.length === 2) {
        hasBigrams = true
        bigrams[(LOWER[c0]! << 7) | LOWER[c1]!]! |= 1 << bit
      } else trigrams[trigram(LOWER[c0]!, LOWER[c1]!, LOWER[c2]!)]! |= 1 << bit
    }
  })
  return (text) => {
    // pass 1: every candidate position with its set bits, in two growable typed arrays
    const length = text.length
    // sized to the text (at most one candidate per position): a short text does not zero 6 KB per scan
    const initial = Math.max(16, Math.min(1024, length))
    let positions = new Int32Array(initial)
    let masks = new Uint16Array(initial)
    let count = 0
    // l0 l1 l2: the folded codes at i, i+1, i+2 (128 for anything non-ASCII or past the end)
    let l1 = length > 0 ? fold(text.charCodeAt(0)) : 128
    let l2 = length > 1 ? fold(text.charCodeAt(1)) : 128
    for (let i = 0; i < length - 1; i++) {
      const l0 = l1
      l1 = l2
      l2 = i + 2 < length ? fold(text.charCodeAt(i + 2)) : 128
      if ((l0 | l1) > 127) continue
      let m = hasBigrams ? bigrams[(l0 << 7) | l1]! : 0
      if (l2 < 128) m |= trigrams[trigram(l0, l1, l2)]!
      if (m === 0) continue
      if (count === positions.length) {
        const p = new Int32Array(count * 2)
        p.set(positions)
        positions = p
        const k = new Uint16Array(count * 2)
        k.set(masks)
        masks = k
      }
      positions[count] = i
      masks[count++] = m
    }
    // pass 2: split per set (sizes counted first: no growing)
    const sizes = new Int32Array(sets.length)
    for (let c = 0; c < count; c++) for (let m = masks[c]!; m !== 0; m &= m - 1) sizes[31 - Math.clz32(m & -m)]!++
    const out = sets.map((_, bit) => new Int32Array(sizes[bit]!))
    const filled = new Int32Array(sets.length)
    for (let c = 0; c < count; c++) {
      for (let m = masks[c]!; m !== 0; m &= m - 1) {
        const bit = 31 - Math.clz32(m & -m)
        out[bit]![filled[bit]!++] = positions[c]!
      }
    }
    return out
  }
}

/** ASCII folded to lower case; 128 for anything else. */
function fold(c: number): number {
  return c < 128 ? LOWER[c]! : 128
}

const shared: AnchorSet[] = []
let sharedIndex: AnchorPositions | undefined
let indexedSets = 0
/** The memo key of the shared pass in a scan's state. */
const SHARED = {}

/**
 * Register an anchor set in the pass every built-in detector shares; returns the positions of that
 * set for a text. The pass runs once per `scanSecrets` call (kept in that scan's `memo`, never
 * across scans); a detector scanned on its own runs it for itself. Detectors built with custom
 * data make their own `anchorIndex`.
 */
export function sharedAnchors(set: AnchorSet): (text: string, scan?: { memo: Map<object, unknown> }) => Int32Array {
  const bit = shared.length
  shared.push(set)
  return (text, scan) => {
    if (!sharedIndex || indexedSets !== shared.length) {
      sharedIndex = anchorIndex(shared)
      indexedSets = shared.length
    }
    const memo = scan?.memo.get(SHARED) as { text: string; positions: readonly Int32Array[] } | undefined
    if (memo && memo.text === text) return memo.positions[bit]!
    const positions = sharedIndex(text)
    scan?.memo.set(SHARED, { text, positions })
    return positions[bit]!
  }
}
