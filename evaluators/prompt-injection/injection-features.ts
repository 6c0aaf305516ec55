import { CONCEPT_EXACT, CONCEPT_MAX_PREFIX, CONCEPT_PREFIX, WORD_HASH_SEED } from './injection-concepts.js'
import { normalizeText, type NormalizedText } from './normalize-text.js'

/** Number of hash buckets (2^18): char 3–5-grams and word 1–2-grams share them. */
export const FEATURE_BUCKETS = 1 << 18
const MASK = FEATURE_BUCKETS - 1

/**
 * Hashed features of one text, position by position, so a linear model can score any window of
 * the text in O(1) after one O(n) pass. `index[k]` is a bucket, `at[k]` the position (in the
 * folded text) the n-gram starts at; entries are in ascending `at` order.
 */
export interface TextFeatures {
  /** The folded text (see `foldForModel`). */
  text: string
  index: Int32Array
  at: Int32Array
  count: number
  /** Start offset in the original text of each folded unit, and the end offset. */
  starts: Int32Array
  ends: Int32Array
}

/**
 * Fold text the way the model was trained on it: lower case, accents and compatibility forms
 * folded, look-alike letters and in-word leetspeak mapped, invisible characters dropped, runs of
 * whitespace collapsed (see `normalizeText`). Digits become `0` so numbers and IDs do not each
 * get their own features.
 */
export function foldForModel(text: string, norm: NormalizedText = normalizeText(text)): { text: string; starts: Int32Array; ends: Int32Array } {
  return { text: norm.text.replace(/[0-9]/g, '0'), starts: norm.starts, ends: norm.ends }
}

function isWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0x3000 && c <= 0x303f))
}

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/** A word class and the previous one, paired when at most this many words apart. */
const CONCEPT_REACH = 4

/** Reused between calls (the scoring path is synchronous and never re-entered): no allocation per text. */
let scratchCodes = new Uint16Array(0)
let scratchIndex = new Int32Array(0)
let scratchAt = new Int32Array(0)

/** Hashed features of a folded text, in emission order (see `textFeatures`). */
export interface RawFeatures {
  /** Buckets and positions; views of buffers reused by the next call, valid until then. */
  index: Int32Array
  at: Int32Array
  count: number
}

/**
 * Hash features of the normalised text `text` (digits are read as `0`, see `foldForModel`): char
 * 3-, 4- and 5-grams (seeded by n), word unigrams and bigrams, and word classes (see
 * `injection-concepts.ts`): the class of each class word, and the pair of it with the previous class
 * word when that is at most `CONCEPT_REACH` words back. Linear. Features come out in emission order
 * (a word's at its end); `textFeatures` sorts them by position, the scorer does not need to.
 */
export function hashFeatures(text: string): RawFeatures {
  const n = text.length
  // at most 3 char-grams per position and 4 word features per word (a word takes 2+ positions)
  const size = n * 5 + 8
  if (scratchIndex.length < size) {
    scratchIndex = new Int32Array(size)
    scratchAt = new Int32Array(size)
  }
  if (scratchCodes.length < n) scratchCodes = new Uint16Array(n)
  const index = scratchIndex
  const at = scratchAt
  const codes = scratchCodes
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    codes[i] = c >= 0x30 && c <= 0x39 ? 0x30 : c
  }
  let k = 0
  let wordStart = -1
  let wordHash = 0
  let prevWordHash = 0
  let prevWordAt = -1
  let words = 0
  let concept = 0
  let prevConcept = 0
  let prevConceptAt = -1
  let prevConceptWord = -CONCEPT_REACH - 1
  for (let i = 0; i <= n; i++) {
    const c = i < n ? codes[i]! : 0x20
    // words: emitted at their end, positioned at their start
    if (i < n && isWordCode(c)) {
      if (wordStart < 0) {
        wordStart = i
        wordHash = WORD_HASH_SEED
        concept = 0
      }
      wordHash = Math.imul(wordHash ^ c, FNV_PRIME)
      const length = i + 1 - wordStart
      if (length >= 4 && length <= CONCEPT_MAX_PREFIX) concept = CONCEPT_PREFIX.get(wordHash) ?? concept
    } else if (wordStart >= 0) {
      index[k] = (Math.imul(wordHash ^ 0x1f, FNV_PRIME) >>> 0) & MASK
      at[k++] = wordStart
      if (prevWordAt >= 0) {
        index[k] = (Math.imul(Math.imul(prevWordHash, 0x9e3779b1) ^ wordHash ^ 0x2b, FNV_PRIME) >>> 0) & MASK
        at[k++] = prevWordAt
      }
      concept = CONCEPT_EXACT.get(wordHash) ?? concept
      if (concept > 0) {
        index[k] = (Math.imul(concept * 0x9e3779b1 ^ 0x5c, FNV_PRIME) >>> 0) & MASK
        at[k++] = wordStart
        if (words - prevConceptWord <= CONCEPT_REACH) {
          index[k] = (Math.imul((prevConcept * 64 + concept) * 0x85ebca6b ^ 0x3d, FNV_PRIME) >>> 0) & MASK
          at[k++] = prevConceptAt
        }
        prevConcept = concept
        prevConceptAt = wordStart
        prevConceptWord = words
      }
      words++
      prevWordHash = wordHash
      prevWordAt = wordStart
      wordStart = -1
    }
    if (i >= n) break
    // char n-grams starting at i
    let h = FNV_OFFSET
    const last = Math.min(5, n - i)
    for (let j = 0; j < last; j++) {
      h = Math.imul(h ^ codes[i + j]!, FNV_PRIME)
      if (j >= 2) {
        index[k] = (Math.imul(h ^ (j + 1), FNV_PRIME) >>> 0) & MASK
        at[k++] = i
      }
    }
  }
  return { index: index.subarray(0, k), at: at.subarray(0, k), count: k }
}

/** Hashed features of `raw` sorted by position (a copy: the training library keeps them per row). */
export function textFeatures(raw: string, norm?: NormalizedText): TextFeatures {
  const { text, starts, ends } = foldForModel(raw, norm)
  const { index, at, count } = hashFeatures(text)
  // word features were emitted at their end: restore ascending `at` order with a stable counting pass
  const order = sortByPosition(at, count, text.length)
  return { text, index: permute(index, order), at: permute(at, order), count, starts, ends }
}

function sortByPosition(at: Int32Array, k: number, n: number): Int32Array {
  const counts = new Int32Array(n + 1)
  for (let i = 0; i < k; i++) counts[at[i]!]!++
  let sum = 0
  for (let p = 0; p <= n; p++) {
    const c = counts[p]!
    counts[p] = sum
    sum += c
  }
  const order = new Int32Array(k)
  for (let i = 0; i < k; i++) order[counts[at[i]!]!++] = i
  return order
}

function permute(values: Int32Array, order: Int32Array): Int32Array {
  const out = new Int32Array(order.length)
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]!]!
  return out
}

/** Window length and stride (in folded characters) for scoring long texts. */
export const WINDOW = 512
export const STRIDE = 128

export interface FeatureWindow {
  /** Range into the feature arrays. */
  from: number
  to: number
}

/**
 * The windows a text is scored in: the whole text when it is at most `WINDOW` long, else windows of
 * `WINDOW` characters every `STRIDE` (the last one flush with the end). An injection planted in a
 * long document is judged against its neighbourhood, not diluted by the whole document.
 */
export function featureWindows(f: TextFeatures): FeatureWindow[] {
  const n = f.text.length
  if (n <= WINDOW) return [{ from: 0, to: f.count }]
  const windows: FeatureWindow[] = []
  let lo = 0
  let hi = 0
  for (let s = 0; ; s += STRIDE) {
    const start = Math.min(s, n - WINDOW)
    const end = start + WINDOW
    while (lo < f.count && f.at[lo]! < start) lo++
    if (hi < lo) hi = lo
    while (hi < f.count && f.at[hi]! < end) hi++
    windows.push({ from: lo, to: hi })
    if (end >= n) break
  }
  return windows
}
