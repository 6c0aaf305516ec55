/**
 * LLM-judge scheduling: N judged cases against a local OpenAI-compatible server of fixed latency
 * (test/helpers/openai-server.ts, 127.0.0.1, port 0), at concurrency C, through the whole judge
 * path (isCompliant: PII/secret pseudonymisation, prompt, structured output over HTTP, parsing,
 * redaction). The baseline is the ideal wall time N × latency ÷ C; the ratio wall ÷ ideal is the
 * framework's scheduling overhead (target ≤ 1.05). Second scenario: one 429 burst — the first C
 * requests are refused with `retry-after`; ideal then adds one latency and the retry-after. Third:
 * the same without pseudonymisation (a rubric's `redaction: none`), to show what privacy costs.
 * Median of RUNS runs each; the process's CPU per case is printed too (client and server share it:
 * when it nears latency ÷ C the run is CPU-bound, e.g. on a loaded machine). Samples: the recorded answers of datasets/support/cases.csv, cycled.
 *
 *   npm run bench -- judge            (env: JUDGE_N, JUDGE_C, JUDGE_LATENCY_MS, JUDGE_RUNS)
 */
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import pLimit from 'p-limit'
import { defineRubric, isCompliant } from '../evaluators/is-compliant/index.js'
import type { Sample } from '../src/core/types.js'
import { criterionOf, startOpenAiServer, verdictText, type ReplyFn } from '../test/helpers/openai-server.js'
import { median } from './measure.js'

const N = Number(process.env.JUDGE_N ?? 400)
const C = Number(process.env.JUDGE_C ?? 16)
const LATENCY = Number(process.env.JUDGE_LATENCY_MS ?? 200)
const RUNS = Number(process.env.JUDGE_RUNS ?? 3)
const RETRY_AFTER_S = 0.5

const root = join(import.meta.dirname, '..')
const rows = parse(readFileSync(join(root, 'datasets/support/cases.csv')), { columns: true }) as Record<string, string>[]
const samples: Sample[] = rows.map((r) => ({ input: r.input, output: r.output }))
const rubric = (redaction: 'pseudonymize' | 'none') => defineRubric({
  id: 'bench-judge',
  version: '1.0.0',
  owner: 'bench@example.com',
  controls: ['PI1.3'],
  judge: { maxRetries: 2, initialDelayMs: 1000, timeoutMs: 30_000, redaction },
  criteria: [{ id: 'helpful', severity: 'medium', kind: 'judge', requirement: 'The answer addresses the question.', description: 'helpful' }],
})

async function run(burst: boolean, redaction: 'pseudonymize' | 'none' = 'pseudonymize'): Promise<{ wallMs: number; cpuMs: number; calls: number; errors: number; maxInFlight: number }> {
  let refused = 0
  const reply: ReplyFn = (r) => {
    if (burst && refused < C) {
      refused++
      return { status: 429, headers: { 'retry-after': String(RETRY_AFTER_S) } }
    }
    return { text: verdictText('pass', { criterion: criterionOf(r) }) }
  }
  const server = await startOpenAiServer({ reply, latencyMs: LATENCY })
  try {
    const evaluator = isCompliant({ rubric: rubric(redaction), _internal: { env: { OPENAI_BASE_URL: server.baseURL, VOUCH_JUDGE_MODEL: 'bench-judge' } } })
    const limit = pLimit(C)
    const start = performance.now()
    const cpu = process.cpuUsage()
    const results = await Promise.all(Array.from({ length: N }, (_, i) => limit(() => evaluator.evaluate(samples[i % samples.length]!))))
    const wallMs = performance.now() - start
    const used = process.cpuUsage(cpu)
    return { wallMs, cpuMs: (used.user + used.system) / 1000, calls: server.requests.length, errors: results.filter((r) => r.status !== 'pass').length, maxInFlight: server.stats.maxInFlight }
  } finally {
    await server.close()
  }
}

// Warm-up: PII detector, provider, HTTP agent.
await run(false)

console.log(`judge scheduling: N=${N} cases, C=${C}, server latency ${LATENCY} ms, median of ${RUNS} runs; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`)
const scenarios = [
  { burst: false, redaction: 'pseudonymize', label: 'no errors' },
  { burst: true, redaction: 'pseudonymize', label: `one 429 burst (first ${C} refused, retry-after ${RETRY_AFTER_S}s)` },
  { burst: false, redaction: 'none', label: 'no errors, rubric opted out of pseudonymising' },
] as const
for (const { burst, redaction, label } of scenarios) {
  const runs = []
  for (let i = 0; i < RUNS; i++) runs.push(await run(burst, redaction))
  const wall = median(runs.map((r) => r.wallMs))
  const ideal = (N * LATENCY) / C + (burst ? LATENCY + RETRY_AFTER_S * 1000 : 0)
  const last = runs.at(-1)!
  console.log(
    `${label.padEnd(50)} wall ${wall.toFixed(0).padStart(6)} ms  ideal ${ideal.toFixed(0).padStart(6)} ms  ratio ${(wall / ideal).toFixed(3)}  ` +
      `(calls ${last.calls}, non-pass ${last.errors}, max in flight ${last.maxInFlight}; process CPU ${(median(runs.map((r) => r.cpuMs)) / N).toFixed(1)} ms/case vs a budget of ${(LATENCY / C).toFixed(1)} ms/case per slot; runs ${runs.map((r) => r.wallMs.toFixed(0)).join(', ')} ms)`,
  )
}
