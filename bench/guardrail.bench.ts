// Guardrail latency added per call over the bare (unwrapped) mock model, measured in the same
// process: default pii() on the output (redact), evidence to memory. Two answer sets of 2 KB:
// `dense` (every sentence holds personal data: e-mail, card, phone, SSN, IBAN, a person's name)
// and `prose` (a name now and then). Modes: generate, buffer stream, incremental stream, and the
// time to first token the incremental hold-back adds. p50/p99 over N calls cycling through 16
// different answers per set. Values come from the attack catalogue's seeded generator
// (test/attacks/payloads.ts), names and sentence frames from the lists below.
//
//   npm run bench -- guardrail          BENCH_N=400 for more calls
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider'
import { wrapLanguageModel } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { execSync } from 'node:child_process'
import { pii } from '../evaluators/pii/index.js'
import { defineEvaluator, guardrail, memoryEvidence } from '../src/index.js'
import { payloads } from '../test/attacks/payloads.js'

const N = Number(process.env.BENCH_N ?? 200)
const VARIANTS = 16
const NAMES = ['Maria Garcia', 'James Okafor', 'Li Wei', 'Anna Kowalski', 'David Cohen', 'Fatima Khan', 'Lars Nilsson', 'Sofia Rossi']
const PROSE = [
  'Your order left our warehouse this morning and is on its way.',
  'Delivery usually takes three to five working days in your region.',
  'If the parcel is late, our support team can open a trace with the carrier.',
  'Returns are free within thirty days of delivery, in the original packaging.',
  'Refunds go back to the original payment method once the return is scanned.',
  'You can change the delivery address until the parcel is handed to the carrier.',
]

function answerSet(kind: 'dense' | 'prose', seed: number): string[] {
  const p = payloads(seed)
  const out: string[] = []
  for (let v = 0; v < VARIANTS; v++) {
    let text = ''
    for (let i = 0; text.length < 2048; i++) {
      const name = NAMES[(v + i) % NAMES.length] as string
      const prose = PROSE[(v + i) % PROSE.length] as string
      if (kind === 'prose') text += i % 4 === 0 ? `${name} from our team checked it. ${prose} ` : `${prose} `
      else {
        const pii = [
          `Write to ${p.email()} with questions.`,
          `The card ${p.card()} was refunded.`,
          `${name} will call you on ${p.phone()} today.`,
          `We have SSN ${p.ssn()} on file for the claim.`,
          `The refund goes to IBAN ${p.iban()}.`,
        ][i % 5] as string
        text += `${pii} ${prose} `
      }
    }
    out.push(text.slice(0, 2048))
  }
  return out
}

const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 500, text: 500, reasoning: 0 } }
const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Where is my order?' }] }]

function bareModel(answers: string[]) {
  let g = 0
  let s = 0
  return new MockLanguageModelV4({
    doGenerate: async () => ({ content: [{ type: 'text', text: answers[g++ % answers.length] as string }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] }),
    doStream: async () => {
      const chunks = (answers[s++ % answers.length] as string).match(/.{1,8}/gs) ?? [] // ~256 deltas of 8 characters, as token streams send them
      return {
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(c) {
            c.enqueue({ type: 'stream-start', warnings: [] })
            c.enqueue({ type: 'text-start', id: '1' })
            for (const delta of chunks) c.enqueue({ type: 'text-delta', id: '1', delta })
            c.enqueue({ type: 'text-end', id: '1' })
            c.enqueue({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage })
            c.close()
          },
        }),
      }
    },
  })
}

type Model = Pick<ReturnType<typeof bareModel>, 'doGenerate' | 'doStream'>
const guarded = (bare: Model, stream: 'buffer' | 'incremental'): Model =>
  wrapLanguageModel({ model: bare as ReturnType<typeof bareModel>, middleware: guardrail({ output: [pii()], onOutput: 'redact', stream, evidence: memoryEvidence(), salt: 'bench-salt-0123456789abcdef' }) })
/** The guardrail's own plumbing: a no-op evaluator and no stored text, so detection cost is out. */
const noop = defineEvaluator({ name: 'noop', version: '1.0.0', evaluate: () => ({ passed: true, score: 1, reason: 'ok' }) })
const plumbing = (bare: Model, stream: 'buffer' | 'incremental'): Model =>
  wrapLanguageModel({ model: bare as ReturnType<typeof bareModel>, middleware: guardrail({ output: [noop], stream, evidence: memoryEvidence(), storeSample: 'none' }) })

async function generateCall(model: Model): Promise<number> {
  const t0 = performance.now()
  await model.doGenerate({ prompt })
  return performance.now() - t0
}

async function streamCall(model: Model): Promise<{ total: number; ttft: number }> {
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

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? Number.NaN

/** Alternate bare and guarded calls so load changes hit both alike. */
async function paired<T>(bare: () => Promise<T>, guard: () => Promise<T>): Promise<{ bare: T[]; guard: T[] }> {
  for (let i = 0; i < 20; i++) {
    await bare()
    await guard()
  }
  const out = { bare: [] as T[], guard: [] as T[] }
  for (let i = 0; i < N; i++) {
    out.bare.push(await bare())
    out.guard.push(await guard())
  }
  return out
}

const row = (label: string, base: number[], g: number[]) =>
  console.log(
    `${label.padEnd(34)} bare p50 ${pct(base, 50).toFixed(3).padStart(7)}  guarded p50 ${pct(g, 50).toFixed(3).padStart(7)} p99 ${pct(g, 99).toFixed(3).padStart(7)}  added p50 ${(pct(g, 50) - pct(base, 50)).toFixed(3).padStart(7)} p99 ${(pct(g, 99) - pct(base, 99)).toFixed(3).padStart(7)} ms`,
  )

console.log(`guardrail added latency, 2 KB answers, pii() redact on the output, N=${N} per row, ${VARIANTS} answers per set`)
console.log(`load: ${execSync('uptime').toString().trim()}`)
for (const kind of ['dense', 'prose'] as const) {
  const answers = answerSet(kind, kind === 'dense' ? 11 : 12)
  const bare = bareModel(answers)
  const buffer = guarded(bareModel(answers), 'buffer')
  const incremental = guarded(bareModel(answers), 'incremental')
  const gen = await paired(
    () => generateCall(bare),
    () => generateCall(buffer),
  )
  row(`${kind}: generate`, gen.bare, gen.guard)
  const buf = await paired(
    () => streamCall(bare),
    () => streamCall(buffer),
  )
  row(`${kind}: stream buffer (total)`, buf.bare.map((s) => s.total), buf.guard.map((s) => s.total))
  const inc = await paired(
    () => streamCall(bare),
    () => streamCall(incremental),
  )
  row(`${kind}: stream incremental (total)`, inc.bare.map((s) => s.total), inc.guard.map((s) => s.total))
  row(`${kind}: incremental time to first token`, inc.bare.map((s) => s.ttft), inc.guard.map((s) => s.ttft))
  if (kind === 'prose') continue
  const plainBuffer = plumbing(bareModel(answers), 'buffer')
  const plainIncremental = plumbing(bareModel(answers), 'incremental')
  const plainGen = await paired(
    () => generateCall(bare),
    () => generateCall(plainBuffer),
  )
  row('plumbing only: generate', plainGen.bare, plainGen.guard)
  const plainInc = await paired(
    () => streamCall(bare),
    () => streamCall(plainIncremental),
  )
  row('plumbing only: incremental (total)', plainInc.bare.map((s) => s.total), plainInc.guard.map((s) => s.total))
  row('plumbing only: time to first token', plainInc.bare.map((s) => s.ttft), plainInc.guard.map((s) => s.ttft))
}
console.log(`load: ${execSync('uptime').toString().trim()}`)
