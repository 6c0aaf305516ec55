/**
 * Report throughput, medians of 5 runs with a baseline measured in the same run:
 * - soc2: `soc2Report` over a 200,000-record log (stream, verify, tally per criterion, coverage,
 *   failure sample) vs a baseline of `verifyEvidence` alone over the same file — the ratio is
 *   what the control report costs beyond verifying the chain it must verify anyway;
 * - html: `renderHtml` of a 20,000-case report vs a baseline of `JSON.stringify` of the same report
 *   (what report.json costs), and the page size.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chainRecord } from '../src/evidence/chain-record.js'
import { GENESIS_HASH } from '../src/evidence/evidence-record.js'
import { verifyEvidence } from '../src/evidence/verify-evidence.js'
import { renderHtml } from '../src/report/html-reporter.js'
import { soc2Report } from '../src/report/soc2/index.js'
import { makeEntry } from '../test/evidence/make-entry.js'
import { fixtureReport } from '../test/html/fixture-report.js'

const RUNS = 5
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const dir = mkdtempSync(join(tmpdir(), 'vouch-bench-reports-'))

async function time(fn: () => unknown): Promise<number> {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

try {
  // 200k records: 4 evaluators over 50k requests, each declaring criteria; 1 in 7 fails.
  const N = 200_000
  const log = join(dir, 'log.jsonl')
  const out: string[] = []
  let prev = GENESIS_HASH
  for (let i = 0; i < N; i++) {
    const entry = makeEntry(i, { runId: undefined, suite: undefined, caseId: undefined, requestId: `req-${i >> 2}`, route: 'support', controls: [['C1.1', 'P4.2'], ['PI1.3'], ['CC6.1'], ['A1.2']][i % 4]! })
    const { record, line } = chainRecord(entry, i, prev)
    prev = record.hash
    out.push(line)
  }
  writeFileSync(log, out.join(''))
  out.length = 0

  const verifyMs: number[] = []
  const soc2Ms: number[] = []
  for (let r = 0; r < RUNS; r++) {
    verifyMs.push(await time(() => verifyEvidence(log)))
    soc2Ms.push(await time(() => soc2Report({ inputs: [log] })))
  }
  const v = median(verifyMs)
  const s = median(soc2Ms)
  console.log(`soc2 report, ${fmt(N)} records: verifyEvidence (baseline) ${fmt(v)} ms (${fmt(N / (v / 1000))} rec/s); soc2Report ${fmt(s)} ms (${fmt(N / (s / 1000))} rec/s); ratio ${(s / v).toFixed(2)}×`)

  const report = fixtureReport({ cases: 20_000 })
  const jsonMs: number[] = []
  const htmlMs: number[] = []
  let size = 0
  for (let r = 0; r < RUNS; r++) {
    jsonMs.push(await time(() => JSON.stringify(report, null, 2)))
    htmlMs.push(await time(() => (size = renderHtml(report).length)))
  }
  const j = median(jsonMs)
  const h = median(htmlMs)
  console.log(`report.html, ${fmt(20_002)} cases: JSON.stringify (baseline) ${fmt(j)} ms; renderHtml ${fmt(h)} ms; ratio ${(h / j).toFixed(2)}×; page ${(size / 1024 / 1024).toFixed(1)} MB`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
