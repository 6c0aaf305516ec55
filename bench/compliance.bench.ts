/**
 * IsCompliant and DataPrivacy cost per sample, offline (no judge model), over the 68 recorded
 * answers of datasets/support/cases.csv, repeated to 2,000 evaluations per run; median of 5 runs.
 * Baseline measured in the same run: pii() over the same samples — DataPrivacy and the rubric's
 * no-pii rules compose the PII module, so the ratio shows what the policy layer costs on top of
 * detection. Also the judge path with a MockLanguageModelV4 (prompt building, structured-output
 * parsing, redaction; no network), to show the framework's own share of a judge call.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { isCompliant } from '../evaluators/is-compliant/index.js'
import { dataPrivacy } from '../evaluators/data-privacy/index.js'
import { pii } from '../evaluators/pii/index.js'
import type { Evaluator, Sample } from '../src/core/types.js'
import { mockJudge } from '../test/fixtures/rubrics/mock-judge-model.js'

const root = join(import.meta.dirname, '..')
const rows = parse(readFileSync(join(root, 'datasets/support/cases.csv')), { columns: true }) as Record<string, string>[]
const samples: Sample[] = rows.map((r) => {
  const [provider, id] = r.model!.split(':')
  return { id: r.id, input: r.input, output: r.output, model: { provider: provider!, id: id! } }
})
const N = 2_000
const RUNS = 5
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function perSampleUs(evaluator: Evaluator, n = N): Promise<number> {
  for (let i = 0; i < 50; i++) await evaluator.evaluate(samples[i % samples.length]!) // warm-up
  const times: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now()
    for (let i = 0; i < n; i++) await evaluator.evaluate(samples[i % samples.length]!)
    times.push(((performance.now() - start) * 1000) / n)
  }
  return median(times)
}

const baseline = await perSampleUs(pii())
const rubric = await perSampleUs(isCompliant({ rubric: join(root, 'rubrics/support-answer.md'), _internal: { env: {} } }))
const policy = await perSampleUs(dataPrivacy({ policy: join(root, 'test/fixtures/data-privacy/policy.yaml') }))
const judged = await perSampleUs(isCompliant({ rubric: join(root, 'rubrics/support-answer.md'), model: mockJudge([{ verdict: 'pass' }]), _internal: { env: {} } }), 500)

const fmt = (us: number) => `${us.toFixed(0).padStart(6)} µs/sample`
console.log(`baseline pii() (all entities, input+output+context)     ${fmt(baseline)}`)
console.log(`isCompliant(support-answer), offline, judge skipped     ${fmt(rubric)}  ${(rubric / baseline).toFixed(2)}x baseline`)
console.log(`dataPrivacy(policy.yaml)                                ${fmt(policy)}  ${(policy / baseline).toFixed(2)}x baseline`)
console.log(`isCompliant(support-answer), mock judge (no network)    ${fmt(judged)}  ${(judged / baseline).toFixed(2)}x baseline`)
