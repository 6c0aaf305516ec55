// Per-recognizer cost on PII-dense 2 KB texts (generated test split): node bench/load.js bench/pii-profile.ts
import { createPiiDetector } from '../evaluators/pii/index.js'
import { generatePiiSet } from '../test/helpers/pii-synthetic/generate-pii-set.js'
import { PII_ENTITIES } from '../evaluators/pii/pii-entity.js'
const set = generatePiiSet({ split: (process.argv[3] ?? 'test') as 'dev' | 'test' })
const dense = set.filter((i) => i.spans.length > 0).map((i) => i.text)
const dense2k = Array.from({ length: 300 }, (_, k) => {
  let out = ''
  for (let i = k * 7; out.length < 2048; i++) out += dense[i % dense.length]! + '\n\n'
  return out.slice(0, 2048)
})
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000 }
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!
function measure(name: string, d: (t: string) => unknown) {
  d('warm up Sarah Johnson in Paris 12 Main Street')
  for (const t of dense2k) d(t)
  const per: number[] = []
  const t0 = performance.now()
  for (let r = 0; r < 3; r++) for (const t of dense2k) { const a = performance.now(); d(t); per.push(performance.now() - a) }
  const total = performance.now() - t0
  console.log(`${name.padEnd(18)} mean ${(total / per.length).toFixed(3)} ms  p50 ${pct(per, 50).toFixed(3)}  p99 ${pct(per, 99).toFixed(3)}  max ${pct(per, 100).toFixed(2)}`)
}
measure('all', createPiiDetector({}))
for (const e of PII_ENTITIES) measure(e, createPiiDetector({ entities: [e], minScore: 0 }))
const tiny = createPiiDetector({})
const tinies = ['ok', 'Thanks!', 'The order shipped.', 'Call me at 5pm', 'hello world this is fine']
for (let i = 0; i < 2000; i++) for (const t of tinies) tiny(t)
const t0 = performance.now(); for (let i = 0; i < 20000; i++) for (const t of tinies) tiny(t)
console.log(`tiny strings: ${(((performance.now() - t0) / 100000) * 1000).toFixed(1)} µs per call`)
