/**
 * Dataset reader throughput and memory. 100k synthetic support rows, median of 5 runs each:
 * - CSV through readDataset vs a baseline of bare csv-parse over the same file (the floor: the
 *   ratio is what line tracking, header mapping and Sample building cost on top of parsing);
 * - JSONL through readDataset vs a baseline of node:readline + JSON.parse.
 * Then one pass over 1M CSV rows for peak RSS and heap growth, to show memory stays flat.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { parse } from 'csv-parse'
import { readDataset } from '../src/dataset/index.js'

const dir = mkdtempSync(join(tmpdir(), 'vouch-bench-dataset-'))
const ROWS = 100_000
const RUNS = 5

async function write(path: string, rows: number, format: 'csv' | 'jsonl'): Promise<void> {
  const out = createWriteStream(path)
  if (format === 'csv') out.write('id,input,output,metadata.intent,metadata.locale,model\n')
  for (let i = 0; i < rows; i++) {
    const input = `Hi, order #${40000 + (i % 9999)} hasn't arrived, "tracking" says delivered.${i % 10 === 0 ? '\nPlease help!' : ''}`
    const output = JSON.stringify({ reply: `Sorry! I've opened a claim for order #${40000 + (i % 9999)}.`, category: 'shipping', priority: 2, confidence: 0.84, escalate: false, refund_amount: 0 })
    const line =
      format === 'csv'
        ? `c${i},"${input.replaceAll('"', '""')}","${output.replaceAll('"', '""')}",missing_package,en-US,openai:gpt-4o-mini\n`
        : `${JSON.stringify({ id: `c${i}`, input, output, metadata: { intent: 'missing_package', locale: 'en-US' }, model: 'openai:gpt-4o-mini' })}\n`
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')} rows/s`

async function timed(fn: () => Promise<number>): Promise<number> {
  const start = performance.now()
  const n = await fn()
  if (n !== ROWS) throw new Error(`expected ${ROWS} rows, got ${n}`)
  return n / ((performance.now() - start) / 1000)
}

async function viaReader(path: string): Promise<number> {
  let n = 0
  for await (const row of readDataset({ path, required: ['input', 'output'] })) if (row.sample.output) n++
  return n
}

async function bareCsv(path: string): Promise<number> {
  let n = -1 // header
  for await (const record of createReadStream(path).pipe(parse({ bom: true }))) if ((record as string[]).length) n++
  return n
}

async function bareJsonl(path: string): Promise<number> {
  let n = 0
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) if (line && JSON.parse(line)) n++
  return n
}

try {
  const csv = join(dir, 'rows.csv')
  const jsonl = join(dir, 'rows.jsonl')
  await write(csv, ROWS, 'csv')
  await write(jsonl, ROWS, 'jsonl')
  console.log(`files: ${ROWS.toLocaleString('en-US')} rows, CSV ${mb(statSync(csv).size)}, JSONL ${mb(statSync(jsonl).size)}`)

  const results: Record<string, number[]> = { bareCsv: [], readerCsv: [], bareJsonl: [], readerJsonl: [] }
  for (let run = 0; run < RUNS; run++) {
    // interleave baseline and subject so drift affects both alike
    results.bareCsv!.push(await timed(() => bareCsv(csv)))
    results.readerCsv!.push(await timed(() => viaReader(csv)))
    results.bareJsonl!.push(await timed(() => bareJsonl(jsonl)))
    results.readerJsonl!.push(await timed(() => viaReader(jsonl)))
  }
  const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)])) as Record<keyof typeof results, number>
  console.log(`CSV   baseline csv-parse     ${rate(m.bareCsv!)}`)
  console.log(`CSV   readDataset            ${rate(m.readerCsv!)}  (${(m.readerCsv! / m.bareCsv!).toFixed(2)}x baseline)`)
  console.log(`JSONL baseline readline+JSON ${rate(m.bareJsonl!)}`)
  console.log(`JSONL readDataset            ${rate(m.readerJsonl!)}  (${(m.readerJsonl! / m.bareJsonl!).toFixed(2)}x baseline)`)

  // Memory: 1M CSV rows, heap sampled after gc at 10% and at the end, peak RSS throughout.
  const big = join(dir, 'big.csv')
  const BIG = 1_000_000
  rmSync(jsonl)
  await write(big, BIG, 'csv')
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const rssStart = process.memoryUsage().rss
  let peak = rssStart
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  let heapAtTenth = 0
  let n = 0
  const start = performance.now()
  for await (const row of readDataset({ path: big })) {
    n++
    if (row.index === BIG / 10) {
      gc?.()
      heapAtTenth = process.memoryUsage().heapUsed
    }
  }
  const seconds = (performance.now() - start) / 1000
  clearInterval(timer)
  gc?.()
  const heapEnd = process.memoryUsage().heapUsed
  if (n !== BIG) throw new Error(`expected ${BIG} rows, got ${n}`)
  console.log(
    `1M CSV rows (${mb(statSync(big).size)}): ${rate(n / seconds)}, peak RSS ${mb(peak)} (start ${mb(rssStart)}), heap after gc at 10% ${mb(heapAtTenth)} -> at 100% ${mb(heapEnd)}${gc ? '' : ' (no --expose-gc: heap figures without gc)'}`,
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
