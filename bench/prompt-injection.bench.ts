// Prompt injection: precision/recall per detector type on the labeled sets (main and holdout),
// false-positive rate on hard negatives, and throughput against simple baselines measured in the
// same run on the same corpus.
import { fileURLToPath } from 'node:url'
import { detectInjection } from '../evaluators/prompt-injection/detect-injection.js'
import { injectionPatterns } from '../evaluators/prompt-injection/injection-patterns.js'
import { promptInjection } from '../evaluators/prompt-injection/prompt-injection.js'
import { hostileInjectionInputs } from '../test/fixtures/prompt-injection/hostile-inputs.js'
import { loadLabeledCases } from '../test/helpers/load-labeled-cases.js'
import { formatScores, scoreDetectors } from '../test/helpers/score-detectors.js'
import { median, throughput as measure } from './measure.js'

const TYPES = [...new Set([...injectionPatterns.map((p) => p.type), 'INVISIBLE_UNICODE', 'HOMOGLYPH_OBFUSCATION'])]
const evaluator = promptInjection()

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
const ours = throughput('detectInjection (decode on)', corpus, (t) => detectInjection(t))
const noDecode = throughput('detectInjection (decode off)', corpus, (t) => detectInjection(t, { decode: false }))
console.log(`ratio detectInjection / keyword regex: ${(ours / keyword).toFixed(4)}; / (toLowerCase + NFKC): ${(ours / lower).toFixed(3)}; decode off / on: ${(noDecode / ours).toFixed(2)}`)

const doc = corpus.slice(0, 2048)
const perDoc: number[] = []
for (let r = 0; r < 200; r++) {
  const t0 = performance.now()
  detectInjection(doc)
  perDoc.push(performance.now() - t0)
}
console.log(`per 2 KB document: median ${(median(perDoc) * 1000).toFixed(0)} µs`)

console.log('\nhostile 1 MB inputs (median of 3):')
for (const [name, text] of Object.entries(hostileInjectionInputs)) throughput(`  ${name}`, text, (t) => detectInjection(t), 3)
