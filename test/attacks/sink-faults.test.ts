import type { LanguageModelV4StreamPart } from '@ai-sdk/provider'
import { simulateReadableStream, wrapLanguageModel } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { describe, expect, it } from 'vitest'
import { defineEvaluator } from '../../src/core/define-evaluator.js'
import { GuardrailEvidenceError } from '../../src/core/errors/guardrail-evidence-error.js'
import type { EvidenceEntry, EvidenceSink } from '../../src/evidence/evidence-record.js'
import { memoryEvidence } from '../../src/evidence/memory-evidence.js'
import { guardrail } from '../../src/guard/guardrail.js'
import { spotPii } from '../helpers/spot-pii.js'
import { MODES, type Mode } from './harness.js'

/** Sink faults and slow evaluators: every one fails the request closed, in every mode, without a hang. */

const ANSWER = 'Your order shipped on Monday and should arrive within three working days. '.repeat(12)
const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } }

function mockModel() {
  const chunks: LanguageModelV4StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't' },
    ...(ANSWER.match(/.{1,10}/gs) ?? []).map((delta): LanguageModelV4StreamPart => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
  ]
  return new MockLanguageModelV4({
    doGenerate: async () => ({ content: [{ type: 'text', text: ANSWER }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] }),
    doStream: async () => ({ stream: simulateReadableStream({ chunks, chunkDelayInMs: null, initialDelayInMs: null }) }),
  })
}

type Fault = 'throws' | 'rejects' | 'hangs' | 'fails-after-first'
const FAULTS: Fault[] = ['throws', 'rejects', 'hangs', 'fails-after-first']

function faultySink(fault: Fault): EvidenceSink {
  const inner = memoryEvidence()
  let n = 0
  return {
    append(entry: EvidenceEntry) {
      n++
      if (fault === 'throws') throw new Error('EIO: sink exploded')
      if (fault === 'rejects') return Promise.reject(new Error('ENOSPC: disk full'))
      if (fault === 'hangs') return new Promise(() => {})
      return n === 1 ? inner.append(entry) : Promise.reject(new Error('ENOSPC: disk full'))
    },
    lastHash: () => inner.lastHash(),
    close: () => inner.close(),
  }
}

async function call(model: ReturnType<typeof wrapLanguageModel>, mode: Mode): Promise<{ error: unknown; text: string; finished: boolean }> {
  const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Where is my order?' }] }]
  try {
    if (mode === 'generate') {
      const r = await model.doGenerate({ prompt })
      return { error: undefined, text: r.content.map((c) => (c.type === 'text' ? c.text : '')).join(''), finished: true }
    }
    const { stream } = await model.doStream({ prompt })
    let text = ''
    let error: unknown
    let finished = false
    const reader = stream.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (value.type === 'text-delta') text += value.delta
      if (value.type === 'error') error = value.error
      if (value.type === 'finish') finished = true
    }
    return { error, text, finished }
  } catch (error) {
    return { error, text: '', finished: false }
  }
}

describe('sink faults fail the request closed in every mode', () => {
  for (const mode of MODES) {
    for (const fault of FAULTS) {
      for (const side of ['input', 'output', 'both'] as const) {
        it(`${mode}: sink ${fault}, ${side} side checked`, async () => {
          const evaluators = { ...(side !== 'output' ? { input: [spotPii()] } : {}), ...(side !== 'input' ? { output: [spotPii()] } : {}) }
          const model = wrapLanguageModel({
            model: mockModel(),
            middleware: guardrail({ ...evaluators, evidence: faultySink(fault), evidenceTimeoutMs: 100, salt: 'sink-fault-salt-0123456789', ...(mode === 'generate' ? {} : { stream: mode }) }),
          })
          // A hanging sink must not hang the request: evidenceTimeoutMs (100 ms) ends it, and the
          // test's own timeout is the check (no wall-clock assertion: a loaded machine is slow).
          const { error, text, finished } = await call(model, mode)
          if (fault === 'fails-after-first' && side !== 'both') {
            // one evaluator, one record: the single write succeeds
            expect(error).toBeUndefined()
            return
          }
          expect(GuardrailEvidenceError.isInstance(error)).toBe(true)
          if (fault === 'hangs') expect((error as Error).message).toMatch(/100 ?ms/)
          expect(finished).toBe(false)
          // Never the complete answer without its record: the last window waits for the write.
          expect(text.length).toBeLessThan(ANSWER.length)
          if (mode !== 'incremental') expect(text).toBe('')
        })
      }
    }
  }

  it('a slow sink within evidenceTimeoutMs is fine', async () => {
    const inner = memoryEvidence()
    const slow: EvidenceSink = { ...inner, append: (e) => new Promise((r) => setTimeout(r, 50)).then(() => inner.append(e)) }
    const model = wrapLanguageModel({ model: mockModel(), middleware: guardrail({ output: [spotPii()], evidence: slow, evidenceTimeoutMs: 1_000, salt: 'sink-fault-salt-0123456789', stream: 'incremental' }) })
    const { error, text, finished } = await call(model, 'incremental')
    expect(error).toBeUndefined()
    expect(finished).toBe(true)
    expect(text).toBe(ANSWER)
    expect(inner.records).toHaveLength(1)
  })
})

describe('a CPU-bound evaluator over timeoutMs fails closed in every mode', () => {
  const hog = defineEvaluator({
    name: 'hog',
    version: '1.0.0',
    evaluate: () => {
      const end = Date.now() + 150
      while (Date.now() < end) {
        // blocks the event loop: the timeout timer cannot fire until this returns
      }
      return { passed: true, score: 1, reason: 'fine' }
    },
  })
  for (const mode of MODES) {
    it(`${mode}: blocked, recorded as an evaluator error`, async () => {
      const evidence = memoryEvidence()
      const model = wrapLanguageModel({
        model: mockModel(),
        middleware: guardrail({ output: [hog], timeoutMs: 40, evidence, salt: 'sink-fault-salt-0123456789', ...(mode === 'generate' ? {} : { stream: mode }) }),
      })
      const { error, finished } = await call(model, mode)
      expect(error).toBeDefined()
      expect(finished).toBe(false)
      const last = evidence.records.at(-1)
      expect(last?.result).toMatchObject({ status: 'error', reason: expect.stringMatching(/over its 40 ms budget/) })
      expect(last?.action).toBe('block')
    })
  }
})
