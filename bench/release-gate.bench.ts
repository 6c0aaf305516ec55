/**
 * Release gate at scale, through the default CLI path: `vouch eval` (the built bin, every reporter
 * on) over 100k and 1M rows with three cheap evaluators (a custom contains-id check, `pii` limited
 * to emails, `outputRange`). Each run is its own process, so its peak RSS (maxRSS) is honest.
 * Baseline in the same run: the dataset reader alone over the same file, in its own process.
 * Figures: rows/s, peak RSS, and bytes written per row (evidence, journal, reports).
 *
 * RELEASE_GATE_ROWS=20000,100000 picks other sizes; RELEASE_GATE_RUNS=3 repeats each size (median).
 * The rows are synthetic (a support question and a JSON answer; every 10th answer holds an email).
 */
import { spawnSync } from 'node:child_process'
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { median } from './measure.js'

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)))
const bin = join(repo, 'dist/src/cli/bin.js')
const sizes = (process.env.RELEASE_GATE_ROWS ?? '100000,1000000').split(',').map(Number)
const runs = Number(process.env.RELEASE_GATE_RUNS ?? 1)
const dir = mkdtempSync(join(tmpdir(), 'vouch-release-gate-'))
mkdirSync(join(dir, 'node_modules'))
// The config imports 'vouch' as a user's would: link this repository as the installed package.
for (const pkg of ['vouch', 'zod']) spawnSync('ln', ['-s', pkg === 'vouch' ? repo : join(repo, 'node_modules', pkg), join(dir, 'node_modules', pkg)])

writeFileSync(
  join(dir, 'vouch.config.ts'),
  `import { defineConfig, defineEvaluator, outputRange, pii } from 'vouch'
const containsId = defineEvaluator({
  name: 'contains-id',
  version: '1.0.0',
  evaluate: ({ id = '', output = '' }) => {
    const ok = output.includes(id)
    return { passed: ok, score: ok ? 1 : 0, reason: ok ? 'the answer names its case' : 'the answer does not name its case' }
  },
})
export default defineConfig({
  suites: [{
    name: 'bench',
    dataset: process.env.BENCH_DATASET!,
    task: 'recorded',
    evaluators: [
      containsId,
      pii({ entities: ['EMAIL_ADDRESS'], fields: ['output'] }),
      outputRange({ ranges: { '$.score': { min: 0, max: 1 }, '$.label': { enum: ['normal', 'urgent'] } } }),
    ],
    gate: { minPassRate: 0.5 },
  }],
})
`,
)

async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path)
  out.write('id,input,output\n')
  for (let i = 0; i < rows; i++) {
    const contact = i % 10 === 0 ? ` Write to agent${i}@example.com.` : ''
    const line = `r${i},"How do I reset my password? (ticket ${i})","{""id"": ""r${i}"", ""score"": ${(i % 100) / 100}, ""label"": ""${i % 7 === 0 ? 'urgent' : 'normal'}"", ""reply"": ""Use the reset link we sent.${contact}""}"\n`
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

/** Runs node with args in a child process; returns seconds, its peak RSS (bytes) and its CPU seconds (all threads). */
function measure(args: string[], env: Record<string, string>): { seconds: number; rss: number; cpu: number; status: number | null; stderr: string } {
  const reportRss = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.getBuiltinModule('node:fs').writeSync(2,'\\nmaxrss='+u.maxRSS+' cpu='+(u.userCPUTime+u.systemCPUTime)+'\\n')})`
  const start = performance.now()
  const r = spawnSync(process.execPath, ['--import', reportRss, ...args], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 26 })
  const seconds = (performance.now() - start) / 1000
  const kb = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1] ?? NaN)
  const cpu = Number(/cpu=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1e6
  return { seconds, rss: kb * 1024, cpu, status: r.status, stderr: r.stderr }
}

function dirBytes(path: string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const f of readdirSync(path)) {
    const s = statSync(join(path, f))
    if (s.isFile()) out[f] = s.size
  }
  return out
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
const readerScript = `const { readDataset } = await import(${JSON.stringify(join(repo, 'dist/src/dataset/index.js'))}); let n = 0; for await (const _ of readDataset({ path: process.env.BENCH_DATASET })) n++; if (n !== Number(process.env.BENCH_ROWS)) throw new Error('rows ' + n)`

console.log(`release gate, default CLI path (all reporters), 3 evaluators; load: ${spawnSync('uptime', { encoding: 'utf8' }).stdout.trim()}`)
for (const rows of sizes) {
  const data = join(dir, `rows-${rows}.csv`)
  await writeCsv(data, rows)
  const env = { BENCH_DATASET: data, BENCH_ROWS: String(rows), VOUCH_EVIDENCE_SALT: 'bench-salt-0123456789abcdef', NO_COLOR: '1' }
  const reader: { rate: number; rss: number }[] = []
  const gate: { rate: number; rss: number; cpu: number; bytes: Record<string, number> }[] = []
  for (let i = 0; i < runs; i++) {
    const r = measure(['--input-type=module', '-e', readerScript], env)
    if (r.status !== 0) throw new Error(`reader failed: ${r.stderr}`)
    reader.push({ rate: rows / r.seconds, rss: r.rss })
    const runId = `run-${rows}-${i}`
    const g = measure([bin, 'eval', '--run-id', runId], env)
    if (g.status !== 0) throw new Error(`vouch eval exited ${g.status}: ${g.stderr.slice(-2000)}`)
    gate.push({ rate: rows / g.seconds, rss: g.rss, cpu: g.cpu, bytes: dirBytes(join(dir, 'reports', runId)) })
    rmSync(join(dir, 'reports', runId), { recursive: true, force: true })
  }
  const rate = median(gate.map((g) => g.rate))
  const readRate = median(reader.map((r) => r.rate))
  const bytes = gate.at(-1)!.bytes
  const total = Object.values(bytes).reduce((a, b) => a + b, 0)
  console.log(`\n${rows.toLocaleString('en')} rows (median of ${runs}):`)
  console.log(`  dataset reader alone (baseline): ${readRate.toFixed(0).padStart(7)} rows/s  peak RSS ${mb(median(reader.map((r) => r.rss)))}`)
  console.log(`  vouch eval, all reporters:       ${rate.toFixed(0).padStart(7)} rows/s  peak RSS ${mb(median(gate.map((g) => g.rss)))}  (${(rate / readRate).toFixed(2)}× the reader's rate)`)
  console.log(`  CPU time (all threads): ${median(gate.map((g) => g.cpu)).toFixed(1)} s = ${((median(gate.map((g) => g.cpu)) / rows) * 1e6).toFixed(0)} µs/row (wall-clock rates move with the machine's load; CPU time less)`)
  console.log(`  written: ${mb(total)} = ${(total / rows).toFixed(0)} B/row (${Object.entries(bytes).sort((a, b) => b[1] - a[1]).map(([f, b]) => `${f} ${(b / rows).toFixed(0)}`).join(', ')} B/row)`)
  rmSync(data, { force: true })
}
rmSync(dir, { recursive: true, force: true })
