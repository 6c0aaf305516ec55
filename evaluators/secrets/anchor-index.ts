/**
 * One pass over a text that finds where any of several anchor-word sets may start, so each
 * detector runs its (sticky) regex only there instead of scanning the whole text itself.
 *
 * An anchor set is indexed by the first two characters of its words (ASCII only; a set marked
 * `ignoreCase` matches either case, as a non-`u` `/i` regex does: no non-ASCII character folds to
 * an ASCII letter there). The pass reads each code unit once and does one table lookup per
 * position (a 128×128 table of set bits), so it is linear and cheap; positions it reports are a
 * superset of where a word of the set starts, and the detector's own regex decides.
 * The result for the last text is kept: every detector of one scan shares the pass.
 */
export interface AnchorSet {
  words: readonly string[]
  ignoreCase: boolean
}

const LOWER = new Uint8Array(128).map((_, c) => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c))

export type AnchorPositions = (text: string) => readonly (readonly number[])[]

export function anchorIndex(sets: readonly AnchorSet[]): AnchorPositions {
  if (sets.length > 16) throw new RangeError('anchorIndex: at most 16 anchor sets')
  const folded = new Uint16Array(128 * 128)
  const exact = new Uint16Array(128 * 128)
  sets.forEach(({ words, ignoreCase }, bit) => {
    for (const word of words) {
      const c0 = word.charCodeAt(0)
      const c1 = word.charCodeAt(1)
      if (!(word.length >= 2 && c0 < 128 && c1 < 128)) throw new RangeError(`anchorIndex: anchor "${word}" needs two ASCII characters`)
      if (ignoreCase) folded[(LOWER[c0]! << 7) | LOWER[c1]!]! |= 1 << bit
      else exact[(c0 << 7) | c1]! |= 1 << bit
    }
  })
  // the last two texts (a concatenation's joined literals are scanned in the middle of a scan)
  let lastText: string | undefined
  let last: number[][] = []
  let olderText: string | undefined
  let older: number[][] = []
  return (text) => {
    if (text === lastText) return last
    if (text === olderText) return older
    const out: number[][] = sets.map(() => [])
    const n = text.length - 1
    let c1 = text.length > 0 ? text.charCodeAt(0) : 0
    for (let i = 0; i < n; i++) {
      const c0 = c1
      c1 = text.charCodeAt(i + 1)
      if ((c0 | c1) > 127) continue
      let m = folded[(LOWER[c0]! << 7) | LOWER[c1]!]! | exact[(c0 << 7) | c1]!
      while (m !== 0) {
        const bit = 31 - Math.clz32(m & -m)
        out[bit]!.push(i)
        m &= m - 1
      }
    }
    olderText = lastText
    older = last
    lastText = text
    last = out
    return out
  }
}

const shared: AnchorSet[] = []
let sharedIndex: AnchorPositions | undefined
let indexedSets = 0

/**
 * Register an anchor set in the pass every built-in detector shares; returns the positions of that
 * set for a text. (Detectors built with custom data make their own `anchorIndex`.)
 */
export function sharedAnchors(set: AnchorSet): (text: string) => readonly number[] {
  const bit = shared.length
  shared.push(set)
  return (text) => {
    if (!sharedIndex || indexedSets !== shared.length) {
      sharedIndex = anchorIndex(shared)
      indexedSets = shared.length
    }
    return sharedIndex(text)[bit]!
  }
}
