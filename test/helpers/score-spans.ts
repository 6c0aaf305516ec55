import type { EntityScore } from '../../evaluators/pii/score-pii.js'
/** A labeled or predicted span. */
export interface Span {
  type: string
  start: number
  end: number
}

/** Counts and rates of one entity type: the same shape the pii accuracy scorer reports. */
export type TypeScore = EntityScore

export interface SpanScores {
  /** Typed scores per entity: a match needs the same type and IoU ≥ `iou`. */
  perType: Record<string, TypeScore>
  /** Type-agnostic: any predicted span matches any labeled span with IoU ≥ `iou`. */
  agnostic: TypeScore & { f2: number }
}

/** Intersection over union of two spans, in characters. */
export function iou(a: Span, b: Span): number {
  const inter = Math.min(a.end, b.end) - Math.max(a.start, b.start)
  if (inter <= 0) return 0
  return inter / (Math.max(a.end, b.end) - Math.min(a.start, b.start))
}

/**
 * Score a detector as presidio-evaluator does: typed precision/recall/F1 per entity and a
 * type-agnostic span F-beta (β = 2, recall weighted four times precision), a match needing
 * IoU ≥ 0.9. Matching is one-to-one, greedy by IoU. `mapType` maps both labels and predictions
 * first (e.g. STREET_ADDRESS → LOCATION, as a benchmark that has only LOCATION counts them);
 * a type mapped to `undefined` is dropped on both sides.
 */
export function scoreSpans(
  items: readonly { text: string; spans: readonly Span[] }[],
  detect: (text: string) => readonly Span[],
  { threshold = 0.9, mapType = (t: string): string | undefined => t }: { threshold?: number; mapType?: (type: string) => string | undefined } = {},
): SpanScores {
  const typed = new Map<string, { tp: number; fp: number; fn: number }>()
  const bump = (type: string, key: 'tp' | 'fp' | 'fn') => {
    let c = typed.get(type)
    if (!c) typed.set(type, (c = { tp: 0, fp: 0, fn: 0 }))
    c[key]++
  }
  const agnostic = { tp: 0, fp: 0, fn: 0 }
  const mapped = (spans: readonly Span[]) =>
    spans.flatMap((s) => {
      const type = mapType(s.type)
      return type === undefined ? [] : [{ type, start: s.start, end: s.end }]
    })
  for (const item of items) {
    const gold = mapped(item.spans)
    const pred = mapped(detect(item.text))
    const typedMatch = match(gold, pred, threshold, true)
    for (const [gi, g] of gold.entries()) bump(g.type, typedMatch.gold.has(gi) ? 'tp' : 'fn')
    for (const [pi, p] of pred.entries()) if (!typedMatch.pred.has(pi)) bump(p.type, 'fp')
    const any = match(gold, pred, threshold, false)
    agnostic.tp += any.gold.size
    agnostic.fn += gold.length - any.gold.size
    agnostic.fp += pred.length - any.pred.size
  }
  const perType: Record<string, TypeScore> = {}
  for (const [type, c] of [...typed].sort(([a], [b]) => a.localeCompare(b))) perType[type] = finish(c)
  const a = finish(agnostic)
  const f2 = a.precision + a.recall === 0 ? 0 : (5 * a.precision * a.recall) / (4 * a.precision + a.recall)
  return { perType, agnostic: { ...a, f2 } }
}

function match(gold: Span[], pred: Span[], threshold: number, sameType: boolean): { gold: Set<number>; pred: Set<number> } {
  const pairs: { g: number; p: number; v: number }[] = []
  for (const [gi, g] of gold.entries()) {
    for (const [pi, p] of pred.entries()) {
      if (sameType && g.type !== p.type) continue
      const v = iou(g, p)
      if (v >= threshold) pairs.push({ g: gi, p: pi, v })
    }
  }
  pairs.sort((x, y) => y.v - x.v)
  const out = { gold: new Set<number>(), pred: new Set<number>() }
  for (const { g, p } of pairs) {
    if (out.gold.has(g) || out.pred.has(p)) continue
    out.gold.add(g)
    out.pred.add(p)
  }
  return out
}

function finish({ tp, fp, fn }: { tp: number; fp: number; fn: number }): TypeScore {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn)
  return { tp, fp, fn, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) }
}

/** A fixed-width table of typed scores and the type-agnostic F2, optionally beside a baseline. */
export function formatSpanScores(ours: SpanScores, baseline?: SpanScores): string {
  const f = (n: number) => n.toFixed(2).padStart(5)
  const lines = [`entity               n     P     R     F1  ${baseline ? '| baseline P     R     F1' : ''}`]
  for (const [type, s] of Object.entries(ours.perType)) {
    const b = baseline?.perType[type]
    lines.push(`${type.padEnd(18)} ${String(s.tp + s.fn).padStart(4)} ${f(s.precision)} ${f(s.recall)} ${f(s.f1)}  ${baseline ? `|        ${b ? `${f(b.precision)} ${f(b.recall)} ${f(b.f1)}` : '  (none)'}` : ''}`)
  }
  const a = ours.agnostic
  const b = baseline?.agnostic
  lines.push(`${'span (any type)'.padEnd(18)} ${String(a.tp + a.fn).padStart(4)} ${f(a.precision)} ${f(a.recall)} ${f(a.f1)}  ${b ? `|        ${f(b.precision)} ${f(b.recall)} ${f(b.f1)}` : ''}`)
  lines.push(`type-agnostic F2 (IoU >= 0.9): ${a.f2.toFixed(3)}${b ? `   baseline ${b.f2.toFixed(3)}` : ''}`)
  return lines.join('\n')
}
