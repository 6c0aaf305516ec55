// Dev-split error browser for the PII detector: node bench/load.js bench/pii-errors.ts dev [TYPE [LIMIT]]
// Prints typed scores and, for TYPE, the missed labels and false positives. Never run on the test split while tuning.
import { createPiiDetector } from '../evaluators/pii/index.js'
import { generatePiiSet } from '../test/helpers/pii-synthetic/generate-pii-set.js'
import { formatSpanScores, scoreSpans, iou } from '../test/helpers/score-spans.js'
const split = (process.argv[3] ?? 'dev') as 'dev' | 'test'
const items = generatePiiSet({ split })
const detect = createPiiDetector({})
const mapType = (t: string) => (t === 'STREET_ADDRESS' ? 'LOCATION' : t)
console.log(items.length, 'items', items.reduce((a, i) => a + i.spans.length, 0), 'spans')
console.log(formatSpanScores(scoreSpans(items, detect, { mapType })))
const want = process.argv[4]
if (want) {
  let n = 0
  for (const it of items) {
    const pred = detect(it.text).map((p) => ({ ...p, type: mapType(p.type) }))
    const gold = it.spans.map((g) => ({ ...g, type: mapType(g.type) }))
    const miss = gold.filter((g) => g.type === want && !pred.some((p) => p.type === g.type && iou(p, g) >= 0.9))
    const fp = pred.filter((p) => p.type === want && !gold.some((g) => g.type === p.type && iou(p, g) >= 0.9))
    if ((miss.length || fp.length) && n++ < Number(process.argv[5] ?? 40)) {
      console.log('---', it.id, it.locale, JSON.stringify(it.text))
      for (const m of miss) console.log('  MISS', JSON.stringify(it.text.slice(m.start, m.end)))
      for (const p of fp) console.log('  FP  ', JSON.stringify(it.text.slice(p.start, p.end)))
    }
  }
}
