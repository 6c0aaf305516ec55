/** One labeled text of an accuracy set. */
export interface LabeledPiiItem {
  id?: string
  text: string
  spans: { type: string; start: number; end: number }[]
}

export interface EntityScore {
  tp: number
  fp: number
  fn: number
  precision: number
  recall: number
  f1: number
}

/**
 * Precision, recall and F1 per entity type over a labeled set.
 *
 * Span match rule: a predicted span matches a labeled span when the types are equal and their
 * overlap covers at least half of the longer of the two (so `Dr. Emily Watson` matches
 * `Emily Watson`, but a 4-digit piece of a 16-digit card does not). Matching is one-to-one,
 * greedy by overlap. An unmatched prediction is a false positive of its type, an unmatched label a
 * false negative. Precision and recall of an entity with no predictions / no labels are 1.
 */
export function scorePii(
  items: readonly LabeledPiiItem[],
  detect: (text: string) => readonly { type: string; start: number; end: number }[],
): { perEntity: Record<string, EntityScore>; micro: EntityScore } {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>()
  const bump = (type: string, key: 'tp' | 'fp' | 'fn') => {
    let c = counts.get(type)
    if (!c) counts.set(type, (c = { tp: 0, fp: 0, fn: 0 }))
    c[key]++
  }
  for (const item of items) {
    const predicted = detect(item.text)
    const used = new Set<number>()
    const matchedGold = new Set<number>()
    const pairs: { p: number; g: number; overlap: number }[] = []
    predicted.forEach((p, pi) =>
      item.spans.forEach((g, gi) => {
        if (p.type !== g.type) return
        const overlap = Math.min(p.end, g.end) - Math.max(p.start, g.start)
        if (overlap > 0 && overlap * 2 >= Math.max(p.end - p.start, g.end - g.start)) pairs.push({ p: pi, g: gi, overlap })
      }),
    )
    pairs.sort((a, b) => b.overlap - a.overlap)
    for (const { p, g } of pairs) {
      if (used.has(p) || matchedGold.has(g)) continue
      used.add(p)
      matchedGold.add(g)
      bump(item.spans[g]!.type, 'tp')
    }
    predicted.forEach((p, i) => used.has(i) || bump(p.type, 'fp'))
    item.spans.forEach((g, i) => matchedGold.has(i) || bump(g.type, 'fn'))
  }
  const perEntity: Record<string, EntityScore> = {}
  const total = { tp: 0, fp: 0, fn: 0 }
  for (const [type, c] of [...counts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    perEntity[type] = finish(c)
    total.tp += c.tp
    total.fp += c.fp
    total.fn += c.fn
  }
  return { perEntity, micro: finish(total) }
}

function finish({ tp, fp, fn }: { tp: number; fp: number; fn: number }): EntityScore {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { tp, fp, fn, precision, recall, f1 }
}
