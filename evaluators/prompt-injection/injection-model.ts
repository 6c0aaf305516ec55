import { featureWindows, FEATURE_BUCKETS, textFeatures, type TextFeatures } from './injection-features.js'
import { injectionWeights } from './injection-weights.js'
import type { NormalizedText } from './normalize-text.js'

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
  return { version: file.version, weights, bias: file.bias, threshold: file.threshold, temperature: file.temperature }
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

/** Score one text: its riskiest window. Linear in the text. `norm`: `normalizeText(text)` when the caller already has it. */
export function scoreInjectionModel(text: string, model: InjectionModel = shippedInjectionModel(), norm?: NormalizedText): InjectionModelScore | undefined {
  const f = textFeatures(text, norm)
  if (f.count === 0) return undefined
  let best = { logit: -Infinity, from: 0, to: 0 }
  for (const w of windowLogits(model, f)) if (w.logit > best.logit) best = w
  const startUnit = f.at[best.from] ?? 0
  const endUnit = Math.min(f.text.length - 1, Math.max(startUnit, (f.at[best.to - 1] ?? startUnit) + 4))
  return {
    risk: 1 / (1 + Math.exp(-(best.logit - model.threshold) / model.temperature)),
    logit: best.logit,
    start: f.starts[startUnit] ?? 0,
    end: f.ends[endUnit] ?? text.length,
  }
}
