// Prompt injection: figures on the public dev split (when the data is there: classifier + patterns,
// classifier alone, patterns alone, per kind), precision/recall per pattern type on the hand-written
// sets, and latency/throughput of the new detector against the old pattern-only detector measured
// in the same run on the same texts.
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { detectInjection } from '../evaluators/prompt-injection/detect-injection.js'
import { injectionPatterns } from '../evaluators/prompt-injection/injection-patterns.js'
import { promptInjection } from '../evaluators/prompt-injection/prompt-injection.js'
import { hostileInjectionInputs } from '../test/fixtures/prompt-injection/hostile-inputs.js'
import { loadLabeledCases } from '../test/helpers/load-labeled-cases.js'
import { formatScores, scoreDetectors } from '../test/helpers/score-detectors.js'
import { median, throughput as measure } from './measure.js'

const TYPES = [...new Set([...injectionPatterns.map((p) => p.type), 'INVISIBLE_UNICODE', 'HOMOGLYPH_OBFUSCATION'])]
const evaluator = promptInjection({ classifier: false })
const patternsOnly = (t: string) => detectInjection(t, { model: false })

const devPath = `${process.env.VOUCH_INJECTION_DATA ?? '/work/shared/datasets/injection'}/dev.jsonl`
if (existsSync(devPath)) {
  const rows = readFileSync(devPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text: string; label: string; kind: string })
  for (const [label, e] of [['classifier + patterns', promptInjection()], ['patterns only (old detector)', evaluator]] as const) {
    let tp = 0, fp = 0, fn = 0, tn = 0
    const kinds = new Map<string, [number, number]>()
    for (const r of rows) {
      const flagged = (await e.evaluate({ input: r.text })).status === 'fail'
      const pos = r.label === 'injection'
      if (pos) flagged ? tp++ : fn++
      else flagged ? fp++ : tn++
      const k = kinds.get(r.kind) ?? [0, 0]
      kinds.set(r.kind, [k[0] + (flagged ? 1 : 0), k[1] + 1])
    }
    const p = tp / (tp + fp), rc = tp / (tp + fn)
    console.log(`dev.jsonl (${rows.length} rows), ${label}: precision ${p.toFixed(3)} recall ${rc.toFixed(3)} F1 ${((2 * p * rc) / (p + rc)).toFixed(3)} false alarms ${(fp / (fp + tn)).toFixed(3)}`)
    console.log(`  flagged per kind: ${[...kinds].sort().map(([k, [f, n]]) => `${k} ${f}/${n}`).join(', ')}`)
  }
} else console.log(`(no ${devPath}: dev-split figures skipped)`)

for (const name of ['cases.jsonl', 'holdout.jsonl']) {
  const cases = loadLabeledCases(fileURLToPath(new URL(`../test/fixtures/prompt-injection/${name}`, import.meta.url)), { expand: false })
  const rows = []
  for (const c of cases) {
    const result = await evaluator.evaluate({ input: c.text })
    const found = result.status === 'fail' ? [...new Set(result.findings.map((f) => f.type))] : []
    rows.push({ expect: c.expect, found, risk: (result.details as { risk: number }).risk })
  }
  const negatives = rows.filter((r) => r.expect.length === 0)
  const positives = rows.filter((r) => r.expect.length > 0)
  console.log(`\n${name}: ${cases.length} cases (${positives.length} attacks, ${negatives.length} hard negatives)`)
  console.log(formatScores(scoreDetectors(rows, TYPES)))
  console.log(
    `sample level at threshold 0.5: attacks flagged ${positives.filter((r) => r.risk >= 0.5).length}/${positives.length}, ` +
      `false positives ${negatives.filter((r) => r.risk >= 0.5).length}/${negatives.length}, negatives at risk >= 0.8: ${negatives.filter((r) => r.risk >= 0.8).length}`,
  )
}

const throughput = (label: string, text: string, fn: (t: string) => unknown, runs = 5) => measure(label, text, fn, { runs, width: 40 })

// ~1 MB of retrieved-document-like text: the labeled cases interleaved with ordinary prose
const all = loadLabeledCases(fileURLToPath(new URL('../test/fixtures/prompt-injection/cases.jsonl', import.meta.url)), { expand: false })
const prose = 'Our onboarding guide explains how to set up accounts, configure single sign-on and review the security policy. '
let corpus = ''
for (let i = 0; corpus.length < 1 << 20; i++) corpus += `${prose}${all[i % all.length]!.text}\n`

console.log('\nthroughput (median of 5):')
const keyword = throughput('baseline: one keyword regex', corpus, (t) => t.match(/ignore (?:all )?previous instructions/gi))
const lower = throughput('baseline: toLowerCase + NFKC', corpus, (t) => t.toLowerCase().normalize('NFKC'))
const old = throughput('old: patterns only (decode on)', corpus, patternsOnly)
const ours = throughput('new: classifier + patterns', corpus, (t) => detectInjection(t))
const noDecode = throughput('new: classifier + patterns, decode off', corpus, (t) => detectInjection(t, { decode: false }))
console.log(`ratio new / old: ${(ours / old).toFixed(3)}; new / keyword regex: ${(ours / keyword).toFixed(4)}; / (toLowerCase + NFKC): ${(ours / lower).toFixed(3)}; decode off / on: ${(noDecode / ours).toFixed(2)}`)

// latency per 2 KB document: 400 different 2 KB slices of the corpus, old and new interleaved.
// Wall time, and this process's CPU time (user + system, µs resolution): on a shared machine the
// wall-time tail is mostly time spent descheduled, the CPU-time tail is the detector's own.
const p = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))]!
const perDoc = { old: { wall: [] as number[], cpu: [] as number[] }, new: { wall: [] as number[], cpu: [] as number[] } }
const timeOne = (into: { wall: number[]; cpu: number[] }, fn: () => unknown) => {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  fn()
  into.wall.push((performance.now() - t0) * 1000)
  const c = process.cpuUsage(c0)
  into.cpu.push(c.user + c.system)
}
for (let round = 0; round < 3; round++) {
  for (let r = 0; r < 400; r++) {
    const doc = corpus.slice((r * 2593) % (corpus.length - 2048), ((r * 2593) % (corpus.length - 2048)) + 2048)
    timeOne(perDoc.old, () => patternsOnly(doc))
    timeOne(perDoc.new, () => detectInjection(doc))
  }
}
const fmt = (v: number[]) => `median ${median(v).toFixed(0)} µs p99 ${p(v, 0.99).toFixed(0)} µs`
console.log(`per 2 KB document (400 docs × 3 rounds), wall time: old ${fmt(perDoc.old.wall)}; new ${fmt(perDoc.new.wall)}`)
console.log(`per 2 KB document (400 docs × 3 rounds), CPU time: old ${fmt(perDoc.old.cpu)}; new ${fmt(perDoc.new.cpu)}`)

console.log('\nhostile 1 MB inputs (median of 3):')
for (const [name, text] of Object.entries(hostileInjectionInputs)) throughput(`  ${name}`, text, (t) => detectInjection(t), 3)
