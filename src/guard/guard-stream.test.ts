import type { LanguageModelV4StreamPart } from '@ai-sdk/provider'
import { simulateReadableStream, streamText, wrapLanguageModel } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { describe, expect, it } from 'vitest'
import { defineEvaluator, type Evaluator, type Finding } from '../core/index.js'
import { GuardrailBlockedError } from '../core/errors/guardrail-blocked-error.js'
import { GuardrailEvidenceError } from '../core/errors/guardrail-evidence-error.js'
import { memoryEvidence } from '../evidence/memory-evidence.js'
import { pii } from '../../evaluators/pii/index.js'
import { spotPii } from '../../test/helpers/spot-pii.js'
import { guardrail } from './guardrail.js'
import type { GuardrailOptions } from './guardrail-options.js'

type Part = LanguageModelV4StreamPart
const EMAIL = 'jane.doe@example.com'
const CARD = '4111 1111 1111 1111'
const TEXT = `Hello there, please write to ${EMAIL} or pay with card ${CARD} before Friday, thanks a lot for waiting.`
const REDACTED = 'Hello there, please write to <EMAIL_ADDRESS> or pay with card <CREDIT_CARD> before Friday, thanks a lot for waiting.'


const finish: Part = {
  type: 'finish',
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 9, text: 9, reasoning: 0 } },
}

function textParts(chunks: readonly string[]): Part[] {
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't0' },
    ...chunks.map((delta): Part => ({ type: 'text-delta', id: 't0', delta })),
    { type: 'text-end', id: 't0' },
    finish,
  ]
}

function setup(options: Partial<GuardrailOptions>, parts: () => Part[]) {
  const evidence = memoryEvidence()
  const mock = new MockLanguageModelV4({
    provider: 'mock-provider',
    modelId: 'mock-model',
    doStream: async () => ({ stream: simulateReadableStream({ chunks: parts(), chunkDelayInMs: null, initialDelayInMs: null }) }),
  })
  const model = wrapLanguageModel({ model: mock, middleware: guardrail({ output: [spotPii()], evidence, salt: 'stream-test-salt-0123456789', ...options }) })
  return { evidence, mock, model }
}

async function collect(stream: ReadableStream<Part>): Promise<Part[]> {
  const out: Part[] = []
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return out
    out.push(value)
  }
}

async function run(model: ReturnType<typeof setup>['model']): Promise<{ parts: Part[]; text: string }> {
  const { stream } = await model.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] })
  const parts = await collect(stream)
  const text = parts.map((p) => (p.type === 'text-delta' ? p.delta : '')).join('')
  return { parts, text }
}

/** Every way to cut `text` in two, and in three with both cuts inside `[from, to)`. */
function splits(text: string, from: number, to: number): string[][] {
  const out: string[][] = []
  for (let i = 1; i < text.length; i++) out.push([text.slice(0, i), text.slice(i)])
  for (let i = from; i < to; i++) for (let j = i + 1; j < to; j++) out.push([text.slice(0, i), text.slice(i, j), text.slice(j)])
  return out
}

describe('guardrail stream: buffer', () => {
  it('redacts an entity split across chunks at every split point', async () => {
    const at = TEXT.indexOf(EMAIL)
    for (const chunks of splits(TEXT, at - 1, at + EMAIL.length + 1)) {
      const { model, evidence } = setup({ onOutput: 'redact', stream: 'buffer' }, () => textParts(chunks))
      const { parts, text } = await run(model)
      expect(text).toBe(REDACTED)
      expect(parts.at(-1)?.type).toBe('finish')
      expect(evidence.records).toHaveLength(1)
      expect(evidence.records[0]).toMatchObject({ action: 'redact', metadata: { call: 'stream', stream: 'buffer' } })
    }
  })

  it('block ends with an error part and releases no text; fallback replaces the answer', async () => {
    const blocked = setup({ onOutput: 'block' }, () => textParts([TEXT.slice(0, 40), TEXT.slice(40)]))
    const { parts } = await run(blocked.model)
    expect(parts.map((p) => p.type)).toEqual(['stream-start', 'error'])
    expect(GuardrailBlockedError.isInstance((parts[1] as { error: unknown }).error)).toBe(true)

    const fb = setup({ onOutput: 'fallback', fallback: 'Sorry, I cannot share that.' }, () => textParts([TEXT]))
    const out = await run(fb.model)
    expect(out.text).toBe('Sorry, I cannot share that.')
    expect(out.parts.at(-1)).toMatchObject({ type: 'finish', usage: finish.usage })
    expect(fb.evidence.records[0]).toMatchObject({ action: 'fallback' })
  })

  it('a sink that cannot write ends the stream with an error before any text', async () => {
    const mock = new MockLanguageModelV4({ doStream: async () => ({ stream: simulateReadableStream({ chunks: textParts(['fine answer']) }) }) })
    const sink = { append: async () => { throw new Error('disk full') }, lastHash: async () => '0'.repeat(64), close: async () => {} }
    const model = wrapLanguageModel({ model: mock, middleware: guardrail({ output: [spotPii()], evidence: sink, salt: 'stream-test-salt-0123456789' }) })
    const { parts, text } = await run(model)
    expect(text).toBe('')
    expect(GuardrailEvidenceError.isInstance((parts.at(-1) as { error: unknown }).error)).toBe(true)
  })
})

describe('guardrail stream: incremental', () => {
  const incremental = { onOutput: 'redact', stream: 'incremental', holdBack: 24 } as const

  it('redacts entities split across 2 and 3 chunks at every split point', async () => {
    const email = TEXT.indexOf(EMAIL)
    const card = TEXT.indexOf(CARD)
    const cases = [...splits(TEXT, email - 1, email + EMAIL.length + 1), ...splits(TEXT, card - 1, card + CARD.length + 1).slice(TEXT.length - 1)]
    for (const chunks of cases) {
      const { model, evidence } = setup(incremental, () => textParts(chunks))
      const { parts, text } = await run(model)
      expect(text, JSON.stringify(chunks)).toBe(REDACTED)
      expect(parts.at(-1)?.type).toBe('finish')
      expect(evidence.records).toHaveLength(1)
      expect(evidence.records[0]?.metadata).not.toHaveProperty('unredactedFindings')
    }
  })

  it('with the real pii() evaluator: redacts an e-mail and a card split across 2 and 3 chunks at every split point', async () => {
    const email = TEXT.indexOf(EMAIL)
    const card = TEXT.indexOf(CARD)
    const cases = [...splits(TEXT, email - 1, email + EMAIL.length + 1), ...splits(TEXT, card - 1, card + CARD.length + 1).slice(TEXT.length - 1)]
    const evaluator = pii({ fields: ['output', 'toolCalls'] })
    for (const chunks of cases) {
      const { model, evidence } = setup({ ...incremental, output: [evaluator] }, () => textParts(chunks))
      expect((await run(model)).text, JSON.stringify(chunks)).toBe(REDACTED)
      expect(evidence.records[0]).toMatchObject({ evaluator: { name: 'pii' }, action: 'redact' })
      expect(evidence.lines.join('')).not.toContain(EMAIL)
    }
  })

  it('redacts with one character per chunk and with the default hold-back', async () => {
    for (const options of [incremental, { onOutput: 'redact', stream: 'incremental' } as const]) {
      const { model } = setup(options, () => textParts([...TEXT]))
      expect((await run(model)).text).toBe(REDACTED)
    }
  })

  it('releases safe text before the model has finished', async () => {
    let push!: (p: Part) => void
    const source = new ReadableStream<Part>({ start: (c) => { push = (p) => c.enqueue(p) } })
    const mock = new MockLanguageModelV4({ doStream: async () => ({ stream: source }) })
    const model = wrapLanguageModel({ model: mock, middleware: guardrail({ output: [spotPii()], ...incremental }) })
    const { stream } = await model.doStream({ prompt: [] })
    const reader = stream.getReader()
    push({ type: 'stream-start', warnings: [] })
    push({ type: 'text-start', id: 't0' })
    push({ type: 'text-delta', id: 't0', delta: 'Thanks for waiting. Your refund of 40 dollars is on its way, ' })
    const seen: Part[] = []
    while (!seen.some((p) => p.type === 'text-delta')) seen.push((await reader.read()).value as Part)
    const first = seen.find((p) => p.type === 'text-delta') as { delta: string }
    expect(first.delta.length).toBeGreaterThan(0)
    expect('Thanks for waiting. Your refund of 40 dollars is on its way, '.startsWith(first.delta)).toBe(true)
    await reader.cancel()
  })

  it('block mid-stream: ends with an error part, releases nothing more, records the block', async () => {
    const safe = 'Let me look that up for you, one moment please while I check the account. '
    const chunks = [safe, 'The owner is jane.doe@exa', 'mple.com and the card on file is 4111 1111', ' 1111 1111.', ' More text that must never be released.']
    const { model, evidence } = setup({ ...incremental, onOutput: 'block' }, () => textParts(chunks))
    const { parts, text } = await run(model)
    expect(parts.at(-1)?.type).toBe('error')
    expect(GuardrailBlockedError.isInstance((parts.at(-1) as { error: unknown }).error)).toBe(true)
    expect(parts.some((p) => p.type === 'finish' || p.type === 'text-end')).toBe(false)
    expect(text.length).toBeGreaterThan(0)
    expect(safe + 'The owner is ').toContain(text)
    expect(text).not.toContain('jane')
    expect(evidence.records).toHaveLength(1)
    expect(evidence.records[0]).toMatchObject({ action: 'block', metadata: { blockedMidStream: true } })
  })

  it('fallback before anything was released answers with the fallback', async () => {
    const { model, evidence } = setup({ ...incremental, onOutput: 'fallback', fallback: 'Sorry.' }, () => textParts([`Mail ${EMAIL} now`]))
    const { text, parts } = await run(model)
    expect(text).toBe('Sorry.')
    expect(parts.at(-1)?.type).toBe('finish')
    expect(evidence.records[0]).toMatchObject({ action: 'fallback', metadata: { fallbackUsed: true } })
  })

  it('holds tool calls for the whole-answer check: a leaking call is never emitted, a clean one is, with its input parts, in order', async () => {
    const toolParts = (args: string): Part[] => [
      { type: 'stream-start', warnings: [] },
      { type: 'tool-input-start', id: 'c1', toolName: 'send_email' },
      { type: 'tool-input-delta', id: 'c1', delta: args.slice(0, 10) },
      { type: 'tool-input-delta', id: 'c1', delta: args.slice(10) },
      { type: 'tool-input-end', id: 'c1' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'send_email', input: args },
      { ...finish, finishReason: { unified: 'tool-calls', raw: 'tool_calls' } },
    ]
    const leaking = setup(incremental, () => toolParts(JSON.stringify({ to: EMAIL })))
    const bad = await run(leaking.model)
    expect(bad.parts.map((p) => p.type)).toEqual(['stream-start', 'error'])
    expect(JSON.stringify(bad.parts)).not.toContain('jane')
    expect(leaking.evidence.records[0]).toMatchObject({ action: 'block', metadata: { blockCause: 'unredactable' } })

    const clean = setup(incremental, () => toolParts(JSON.stringify({ to: 'support team' })))
    const good = await run(clean.model)
    expect(good.parts.map((p) => p.type)).toEqual(['stream-start', 'tool-input-start', 'tool-input-delta', 'tool-input-delta', 'tool-input-end', 'tool-call', 'finish'])
    expect(clean.evidence.records[0]).toMatchObject({ action: 'allow', sample: { toolCalls: [{ name: 'send_email' }] } })
  })

  it('an evaluator that throws: closed ends the stream with an error, open passes; both recorded', async () => {
    const flaky = defineEvaluator({ name: 'flaky', version: '1.0.0', evaluate: () => { throw new Error('judge down') } })
    const closed = setup({ ...incremental, output: [flaky] }, () => textParts([TEXT]))
    const c = await run(closed.model)
    expect(c.text).toBe('')
    expect(c.parts.at(-1)?.type).toBe('error')
    expect(closed.evidence.records[0]).toMatchObject({ action: 'block', metadata: { failMode: 'closed', failModeReason: 'Error: judge down' } })

    const open = setup({ ...incremental, output: [flaky], failMode: 'open' }, () => textParts([TEXT]))
    const o = await run(open.model)
    expect(o.text).toBe(TEXT)
    expect(open.evidence.records[0]).toMatchObject({ action: 'allow', metadata: { failMode: 'open' } })
  })

  it('a cancelled stream still leaves its record', async () => {
    const { model, evidence } = setup(incremental, () => textParts([TEXT.slice(0, 60), TEXT.slice(60)]))
    const { stream } = await model.doStream({ prompt: [] })
    const reader = stream.getReader()
    await reader.read()
    await reader.cancel()
    expect(evidence.records).toHaveLength(1)
    expect(evidence.records[0]?.metadata).toMatchObject({ aborted: true })
  })

  it('works end to end through streamText', async () => {
    const { model } = setup(incremental, () => textParts(TEXT.match(/.{1,7}/gs) ?? []))
    const result = streamText({ model, prompt: 'hi' })
    let text = ''
    for await (const delta of result.textStream) text += delta
    expect(text).toBe(REDACTED)
  })

  it('finishes on 1 MB hostile streams (long digit runs, a@a.a.a…, nested separators)', async () => {
    const hostile = ['7'.repeat(1 << 20), 'a@a.'.repeat(1 << 18), '1-2 3-4 '.repeat(1 << 17)]
    for (const big of hostile) {
      const chunks = big.match(/[^]{1,4096}/g) ?? []
      const { model, evidence } = setup({ onOutput: 'redact', stream: 'incremental' }, () => textParts(chunks))
      const { parts } = await run(model)
      expect(parts.at(-1)?.type).toBe('finish')
      expect(evidence.records).toHaveLength(1)
    }
  })
})
