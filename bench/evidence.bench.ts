/**
 * Evidence log throughput and memory, each figure a median of 5 runs with a baseline measured in
 * the same run:
 * - append: jsonlEvidence (schema check, hash chain, lock file, tail check) vs a baseline of bare
 *   FileHandle.write of the same pre-serialised lines — sequential awaited appends (what the
 *   release gate does) under each fsync policy, and 1,000 concurrent appends (the guardrail under
 *   load: group commit) with fsync 'always';
 * - verify: verifyEvidence vs a baseline of node:readline + JSON.parse over the same file;
 * - memory: peak RSS while verifying 1M records, to show it stays flat (bounded by one line).
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { once } from 'node:events'
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { makeEntry } from '../test/evidence/make-entry.js'
import { chainRecord } from '../src/evidence/chain-record.js'
import { GENESIS_HASH } from '../src/evidence/evidence-record.js'
import { jsonlEvidence, type FsyncPolicy } from '../src/evidence/jsonl-evidence.js'
import { scanEvidence, verifyEvidence } from '../src/evidence/verify-evidence.js'

const dir = mkdtempSync(join(tmpdir(), 'vouch-bench-evidence-'))
const RUNS = 5
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
let fileNo = 0
const fresh = () => join(dir, `log-${fileNo++}.jsonl`)

function lines(n: number): string[] {
  const out: string[] = []
  let prev = GENESIS_HASH
  for (let i = 0; i < n; i++) {
    const { record, line } = chainRecord(makeEntry(i), i, prev)
    prev = record.hash
    out.push(line)
  }
  return out
}

async function baselineAppend(n: number, sync: boolean): Promise<number> {
  const pre = lines(n)
  const h = await open(fresh(), 'a')
  const start = performance.now()
  for (const line of pre) {
    await h.write(line)
    if (sync) await h.datasync()
  }
  const ms = performance.now() - start
  await h.close()
  return n / (ms / 1000)
}

/** Chaining (schema check, canonical JSON, sha256) and a bare write per record, no lock or queue: what the sink adds beyond this is its concurrency safety. */
async function chainOnlyAppend(n: number, sync: boolean): Promise<number> {
  const h = await open(fresh(), 'a')
  const start = performance.now()
  let prev = GENESIS_HASH
  for (let i = 0; i < n; i++) {
    const { record, line } = chainRecord(makeEntry(i), i, prev)
    prev = record.hash
    await h.write(line)
    if (sync) await h.datasync()
  }
  const ms = performance.now() - start
  await h.close()
  return n / (ms / 1000)
}

async function sinkAppend(n: number, fsync: FsyncPolicy, concurrent: boolean): Promise<number> {
  const sink = jsonlEvidence(fresh(), { fsync })
  const start = performance.now()
  if (concurrent) await Promise.all(Array.from({ length: n }, (_, i) => sink.append(makeEntry(i))))
  else for (let i = 0; i < n; i++) await sink.append(makeEntry(i))
  await sink.close()
  return n / ((performance.now() - start) / 1000)
}

console.log('append (records/s, median of 5; a record is ~700 bytes)')
for (const [label, n, fsync, concurrent, syncBaseline] of [
  ['sequential, fsync never ', 5_000, 'never', false, false],
  ['sequential, fsync batch ', 5_000, 'batch', false, false],
  ['sequential, fsync always', 300, 'always', false, true],
  ['1,000 concurrent, always', 1_000, 'always', true, true],
] as const) {
  const base: number[] = []
  const chained: number[] = []
  const sink: number[] = []
  for (let r = 0; r < RUNS; r++) {
    base.push(await baselineAppend(n, syncBaseline))
    chained.push(await chainOnlyAppend(n, syncBaseline))
    sink.push(await sinkAppend(n, fsync, concurrent))
  }
  const b = median(base)
  const c = median(chained)
  const s = median(sink)
  const sync = syncBaseline ? '+fdatasync per line' : ''
  console.log(
    `  ${label}: jsonlEvidence ${fmt(s)}/s | baselines: bare write${sync} ${fmt(b)}/s (ratio ${(s / b).toFixed(2)}), chain+write${sync} without lock ${fmt(c)}/s (ratio ${(s / c).toFixed(2)})`,
  )
}

async function writeLog(path: string, n: number): Promise<void> {
  const out = createWriteStream(path)
  let prev = GENESIS_HASH
  for (let i = 0; i < n; i++) {
    const { record, line } = chainRecord(makeEntry(i), i, prev)
    prev = record.hash
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

async function readlineParse(path: string): Promise<number> {
  let n = 0
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) if (JSON.parse(line).seq >= 0) n++
  return n
}

const VERIFY_N = 100_000
const verifyLog = join(dir, 'verify.jsonl')
await writeLog(verifyLog, VERIFY_N)
const size = statSync(verifyLog).size
const vBase: number[] = []
const vSink: number[] = []
for (let r = 0; r < RUNS; r++) {
  let t = performance.now()
  if ((await readlineParse(verifyLog)) !== VERIFY_N) throw new Error('baseline count')
  vBase.push(performance.now() - t)
  t = performance.now()
  const result = await verifyEvidence(verifyLog, { expectedCount: VERIFY_N })
  if (!result.ok) throw new Error('verify failed')
  vSink.push(performance.now() - t)
}
const vb = median(vBase)
const vs = median(vSink)
console.log(`verify ${fmt(VERIFY_N)} records (${mb(size)}), median of 5:`)
console.log(`  verifyEvidence ${fmt(VERIFY_N / (vs / 1000))} records/s (${(size / 1024 / 1024 / (vs / 1000)).toFixed(1)} MB/s)   baseline readline+JSON.parse ${fmt(VERIFY_N / (vb / 1000))} records/s   ratio ${(vb / vs).toFixed(2)}`)
rmSync(verifyLog)

const BIG_N = Number(process.env.EVIDENCE_BENCH_BIG ?? 1_000_000)
const bigLog = join(dir, 'big.jsonl')
await writeLog(bigLog, BIG_N)
globalThis.gc?.()
const rssBefore = process.memoryUsage().rss
let peak = rssBefore
const checkpoints: string[] = []
const t0 = performance.now()
// scanEvidence is verifyEvidence with a per-record callback: sample RSS along the way to show it stays flat.
const big = await scanEvidence(bigLog, { expectedCount: BIG_N }, (record) => {
  if (record.seq % 1000 === 0) peak = Math.max(peak, process.memoryUsage().rss)
  if ((record.seq + 1) % (BIG_N / 4) === 0) checkpoints.push(`${fmt(record.seq + 1)}: peak so far ${mb(peak)}`)
})
if (!big.ok) throw new Error('big verify failed')
console.log(`verify ${fmt(BIG_N)} records (${mb(statSync(bigLog).size)}) once: ${((performance.now() - t0) / 1000).toFixed(1)} s, RSS before ${mb(rssBefore)}, peak ${mb(peak)} (+${mb(peak - rssBefore)})`)
console.log(`  RSS peak by records verified: ${checkpoints.join(' | ')}`)
rmSync(dir, { recursive: true, force: true })
