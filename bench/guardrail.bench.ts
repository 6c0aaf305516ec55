// Guardrail overhead per call over an unwrapped mock model: 2 KB answers, default pii() on the
// output (redact), in generate and incremental-stream modes, plus time-to-first-token added by the
// incremental hold-back. Medians and p99 over repeated calls, ratios against the bare model
// measured in the same process.
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider'
import { wrapLanguageModel } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { pii } from '../evaluators/pii/index.js'
import { guardrail, memoryEvidence } from '../src/index.js'

const SENTENCE = 'Your order shipped on Tuesday and should arrive within five business days; write to jane.doe@example.com with questions. '
const ANSWER = SENTENCE.repeat(Math.ceil(2048 / SENTENCE.length)).slice(0, 2048)
const CHUNKS = ANSWER.match(/.{1,8}/gs) ?? [] // ~256 deltas of 8 characters, as token streams send them
const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 500, text: 500, reasoning: 0 } }
const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Where is my order?' }] }]

const bare = new MockLanguageModelV4({
  doGenerate: async () => ({ content: [{ type: 'text', text: ANSWER }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] }),
  doStream: async () => ({
    stream: new ReadableStream<LanguageModelV4StreamPart>({
      start(c) {
        c.enqueue({ type: 'stream-start', warnings: [] })
        c.enqueue({ type: 'text-start', id: '1' })
        for (const delta of CHUNKS) c.enqueue({ type: 'text-delta', id: '1', delta })
        c.enqueue({ type: 'text-end', id: '1' })
        c.enqueue({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage })
        c.close()
      },
    }),
  }),
})
const guarded = (stream: 'buffer' | 'incremental') =>
  wrapLanguageModel({ model: bare, middleware: guardrail({ output: [pii()], onOutput: 'redact', stream, evidence: memoryEvidence(), salt: 'bench-salt-0123456789abcdef' }) })

async function streamCall(model: { doStream: typeof bare.doStream }): Promise<{ total: number; ttft: number }> {
  const t0 = performance.now()
  const { stream } = await model.doStream({ prompt })
  const reader = stream.getReader()
  let ttft = -1
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (ttft < 0 && value.type === 'text-delta') ttft = performance.now() - t0
  }
  return { total: performance.now() - t0, ttft }
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN
const N = Number(process.env.BENCH_N ?? 300)

async function measure(fn: () => Promise<number>): Promise<number[]> {
  for (let i = 0; i < 20; i++) await fn() // warm-up
  const out: number[] = []
  for (let i = 0; i < N; i++) out.push(await fn())
  return out
}

const gen = guarded('buffer')
const inc = guarded('incremental')
const bareGen = await measure(async () => { const t = performance.now(); await bare.doGenerate({ prompt }); return performance.now() - t })
const guardGen = await measure(async () => { const t = performance.now(); await gen.doGenerate({ prompt }); return performance.now() - t })
const bareStream: { total: number; ttft: number }[] = []
const incStream: { total: number; ttft: number }[] = []
for (let i = 0; i < 20; i++) { await streamCall(bare); await streamCall(inc) }
for (let i = 0; i < N; i++) { bareStream.push(await streamCall(bare)); incStream.push(await streamCall(inc)) }

const row = (label: string, base: number[], g: number[]) => {
  const added50 = pct(g, 50) - pct(base, 50)
  const added99 = pct(g, 99) - pct(base, 99)
  console.log(`${label.padEnd(22)} bare p50 ${pct(base, 50).toFixed(3)} ms  guarded p50 ${pct(g, 50).toFixed(3)} ms p99 ${pct(g, 99).toFixed(3)} ms  added p50 ${added50.toFixed(3)} ms p99 ${added99.toFixed(3)} ms  ratio ${(pct(g, 50) / pct(base, 50)).toFixed(1)}x`)
}
console.log(`guardrail overhead, 2 KB answer, pii() redact, N=${N}`)
row('generate', bareGen, guardGen)
row('stream (incremental)', bareStream.map((s) => s.total), incStream.map((s) => s.total))
row('time to first token', bareStream.map((s) => s.ttft), incStream.map((s) => s.ttft))
