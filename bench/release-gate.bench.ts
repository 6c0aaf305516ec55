/**
 * Release-gate throughput and memory: N synthetic rows through outputRange, end to end (stream
 * the CSV, evaluate, journal, hash-chain the evidence, write reports). Figures: rows/s (median of
 * 3 runs of 100k rows), peak RSS, and peak RSS at 1M rows to show memory stays flat. Baseline in
 * the same process: reading the same CSV through the dataset reader alone (the floor the runner
 * cannot beat), so the ratio shows what evaluation + evidence cost on top of parsing.
 */
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { configSchema } from '../src/config/config-schema.js'
import { readDataset } from '../src/dataset/index.js'
import { runEval } from '../src/runner/run-eval.js'
import { outputRange } from '../evaluators/output-range/index.js'
import { median } from './measure.js'

const dir = mkdtempSync(join(tmpdir(), 'vouch-bench-'))
process.env.VOUCH_EVIDENCE_SALT ??= 'bench-salt-0123456789abcdef'

async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path)
  out.write('id,input,output\n')
  for (let i = 0; i < rows; i++) {
    const line = `r${i},"How do I reset my password? (ticket ${i})","{""score"": ${(i % 100) / 100}, ""label"": ""${i % 7 === 0 ? 'urgent' : 'normal'}""}"\n`
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

function peakRss(): { stop: () => number } {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  return { stop: () => { clearInterval(timer); return Math.max(peak, process.memoryUsage().rss) } }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

async function readOnly(path: string): Promise<number> {
  const start = performance.now()
  let n = 0
  for await (const _ of readDataset({ path })) n++
  return n / ((performance.now() - start) / 1000)
}

async function gate(path: string, rows: number, runId: string, storage: 'redacted' | 'none' = 'redacted'): Promise<{ rate: number; rss: number }> {
  const config = configSchema.parse({
    outDir: join(dir, 'reports'),
    evidence: { storage },
    concurrency: 8,
    suites: [{ name: 'bench', dataset: path, evaluators: [outputRange({ ranges: { '$.score': { min: 0, max: 1 }, '$.label': { enum: ['normal', 'urgent'] } } })] }],
  })
  global.gc?.()
  const rss = peakRss()
  const start = performance.now()
  const { report } = await runEval({ config, configFile: join(dir, 'vouch.config.ts'), cwd: dir, runId, maxReportCases: 1000 })
  const seconds = (performance.now() - start) / 1000
  const peak = rss.stop()
  if (report.suites[0]!.counts.cases !== rows) throw new Error(`expected ${rows} cases, got ${report.suites[0]!.counts.cases}`)
  return { rate: rows / seconds, rss: peak }
}

// the runner hashes the config file; give it one
writeFileSync(join(dir, 'vouch.config.ts'), '// bench\n')

const small = join(dir, 'rows-100k.csv')
await writeCsv(small, 100_000)
const readRates: number[] = []
const gateRates: number[] = []
const gateRss: number[] = []
const bareRates: number[] = []
for (let i = 0; i < 3; i++) {
  readRates.push(await readOnly(small))
  const r = await gate(small, 100_000, `run-100k-${i}`)
  gateRates.push(r.rate)
  gateRss.push(r.rss)
  bareRates.push((await gate(small, 100_000, `run-100k-bare-${i}`, 'none')).rate)
}
console.log(`100k rows, outputRange, concurrency 8, evidence redacted (median of 3):`)
console.log(`  dataset reader alone (baseline): ${median(readRates).toFixed(0)} rows/s`)
console.log(`  release gate end to end:          ${median(gateRates).toFixed(0)} rows/s  (${(median(gateRates) / median(readRates)).toFixed(2)}× the reader)`)
console.log(`  same, evidence text not stored:   ${median(bareRates).toFixed(0)} rows/s  (redacting stored text costs ${((1 - median(gateRates) / median(bareRates)) * 100).toFixed(0)}% of the rate)`)
console.log(`  peak RSS:                         ${mb(median(gateRss))}`)

const big = join(dir, 'rows-1m.csv')
await writeCsv(big, 1_000_000)
const r1m = await gate(big, 1_000_000, 'run-1m')
console.log(`1M rows: ${r1m.rate.toFixed(0)} rows/s, peak RSS ${mb(r1m.rss)} (${(r1m.rss / median(gateRss)).toFixed(2)}× the 100k peak: flat means ≈1)`)
rmSync(dir, { recursive: true, force: true })
