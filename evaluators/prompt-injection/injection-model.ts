import { featureWindows, FEATURE_BUCKETS, hashFeatures, STRIDE, WINDOW, type TextFeatures } from './injection-features.js'
import { injectionWeights } from './injection-weights.js'
import { normalizeText, type NormalizedText } from './normalize-text.js'

/** A linear model over hashed n-gram features (see `textFeatures`). */
export interface InjectionModel {
  /** Recorded in the evaluator's options, so evidence says which weights decided. */
  version: string
  weights: Float32Array
  bias: number
  /** The logit tuned on the dev split to be the decision boundary: it maps to risk 0.5. */
  threshold: number
  /** Logit units per unit of the risk's log-odds (how quickly risk rises past the threshold). */
  temperature: number
  /** The int8 weights a decoded weight file holds (`weights[i] === quantised[i] * scale`): 4× less memory to touch per text. */
  quantised?: { values: Int8Array; scale: number }
}

/** The shipped model's weight file, as `train-injection` writes it. */
export interface InjectionWeightFile {
  version: string
  buckets: number
  bias: number
  threshold: number
  temperature: number
  /** int8 weights, base64; weight = byte × scale. */
  scale: number
  data: string
}

export function decodeInjectionModel(file: InjectionWeightFile): InjectionModel {
  if (file.buckets !== FEATURE_BUCKETS) throw new Error(`injection model: ${file.buckets} buckets, expected ${FEATURE_BUCKETS}`)
  const bytes = Buffer.from(file.data, 'base64')
  if (bytes.length !== file.buckets) throw new Error(`injection model: ${bytes.length} weights, expected ${file.buckets}`)
  const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length)
  const weights = new Float32Array(file.buckets)
  for (let i = 0; i < q.length; i++) weights[i] = q[i]! * file.scale
  return { version: file.version, weights, bias: file.bias, threshold: file.threshold, temperature: file.temperature, quantised: { values: q, scale: file.scale } }
}

let shipped: InjectionModel | undefined
/** The model shipped with the package (decoded once, on first use). */
export function shippedInjectionModel(): InjectionModel {
  shipped ??= decodeInjectionModel(injectionWeights)
  return shipped
}

export interface InjectionModelScore {
  /** Calibrated so the tuned decision boundary is 0.5. */
  risk: number
  /** Raw logit of the riskiest window. */
  logit: number
  /** Span of the riskiest window in the original text. */
  start: number
  end: number
}

/** Logit of every window of `f` (one prefix-sum pass, so O(n) however many windows). */
export function windowLogits(model: InjectionModel, f: TextFeatures): { logit: number; from: number; to: number }[] {
  const prefix = new Float64Array(f.count + 1)
  for (let k = 0; k < f.count; k++) prefix[k + 1] = prefix[k]! + model.weights[f.index[k]!]!
  return featureWindows(f).map(({ from, to }) => ({
    logit: to > from ? (prefix[to]! - prefix[from]!) / Math.sqrt(to - from) + model.bias : model.bias,
    from,
    to,
  }))
}

let sums = new Float64Array(0)
let counts = new Int32Array(0)

/** Per-position sum of the weights of the features starting there (int8 weights summed exactly, then scaled). */
function addWeights(model: InjectionModel, index: Int32Array, at: Int32Array, count: number): number {
  if (model.quantised) {
    const q = model.quantised.values
    for (let k = 0; k < count; k++) {
      const p = at[k]! + 1
      sums[p]! += q[index[k]!]!
      counts[p]!++
    }
    return model.quantised.scale
  }
  const weights = model.weights
  for (let k = 0; k < count; k++) {
    const p = at[k]! + 1
    sums[p]! += weights[index[k]!]!
    counts[p]!++
  }
  return 1
}

/**
 * Score one text: its riskiest window. Linear in the text: one hashing pass, per-position sums of
 * weights and feature counts, prefix sums, then each window in O(1) — the same windows and logits
 * as `windowLogits` over `textFeatures`, without sorting the features. `norm`: `normalizeText(text)`
 * when the caller already has it.
 */
export function scoreInjectionModel(text: string, model: InjectionModel = shippedInjectionModel(), norm: NormalizedText = normalizeText(text)): InjectionModelScore | undefined {
  const { index, at, count } = hashFeatures(norm.text)
  if (count === 0) return undefined
  const n = norm.text.length
  if (sums.length < n + 1) {
    sums = new Float64Array(n + 1)
    counts = new Int32Array(n + 1)
  } else {
    sums.fill(0, 0, n + 1)
    counts.fill(0, 0, n + 1)
  }
  const scale = addWeights(model, index, at, count)
  for (let p = 1; p <= n; p++) {
    sums[p]! += sums[p - 1]!
    counts[p]! += counts[p - 1]!
  }
  let best = -Infinity
  let bestStart = 0
  let bestEnd = n
  const consider = (start: number, end: number) => {
    const c = counts[end]! - counts[start]!
    const logit = c > 0 ? ((sums[end]! - sums[start]!) * scale) / Math.sqrt(c) + model.bias : model.bias
    if (logit > best) {
      best = logit
      bestStart = start
      bestEnd = end
    }
  }
  if (n <= WINDOW) consider(0, n)
  else {
    for (let s = 0; ; s += STRIDE) {
      const start = Math.min(s, n - WINDOW)
      consider(start, start + WINDOW)
      if (start + WINDOW >= n) break
    }
  }
  // the window's first and last positions that carry a feature
  let startUnit = bestStart
  while (startUnit < bestEnd && counts[startUnit + 1] === counts[startUnit]) startUnit++
  let lastUnit = bestEnd - 1
  while (lastUnit > startUnit && counts[lastUnit + 1] === counts[lastUnit]) lastUnit--
  if (startUnit >= bestEnd) startUnit = 0
  const endUnit = Math.min(n - 1, Math.max(startUnit, lastUnit + 4))
  return {
    risk: 1 / (1 + Math.exp(-(best - model.threshold) / model.temperature)),
    logit: best,
    start: norm.starts[startUnit] ?? 0,
    end: norm.ends[endUnit] ?? text.length,
  }
}
