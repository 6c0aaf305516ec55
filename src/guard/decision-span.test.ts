import { context, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { generateText, wrapLanguageModel } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryEvidence } from '../evidence/memory-evidence.js'
import { spotPii } from '../../test/helpers/spot-pii.js'
import { guardrail } from './guardrail.js'

const exporter = new InMemorySpanExporter()
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })
const contextManager = new AsyncLocalStorageContextManager()
beforeAll(() => {
  contextManager.enable()
  context.setGlobalContextManager(contextManager)
})
afterAll(() => {
  context.disable()
})

function answer(text: string) {
  return {
    content: [{ type: 'text' as const, text }],
    finishReason: { unified: 'stop' as const, raw: 'stop' },
    usage: { inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } },
    warnings: [],
  }
}

describe('guardrail OpenTelemetry spans', () => {
  it('one span per decision, child of the request span, with GenAI and vouch attributes and the evidence hash of each verdict', async () => {
    exporter.reset()
    const tracer = provider.getTracer('vouch-test')
    const evidence = memoryEvidence()
    const model = wrapLanguageModel({
      model: new MockLanguageModelV4({ provider: 'mock-provider', modelId: 'mock-model', doGenerate: answer('Write to jane.doe@example.com') }),
      middleware: guardrail({
        input: [spotPii()],
        output: [spotPii()],
        onOutput: 'redact',
        evidence,
        route: 'support',
        tracer,
        instanceId: 'web-7',
        salt: 'test-salt-0123456789abcdef',
        metadata: { cohort: 'beta' },
      }),
    })
    const root = tracer.startSpan('POST /chat')
    const { text } = await context.with(trace.setSpan(context.active(), root), () => generateText({ model, prompt: 'hello' }))
    root.end()
    expect(text).not.toContain('jane.doe@example.com')

    const spans = exporter.getFinishedSpans()
    const decisions = spans.filter((s) => s.name.startsWith('vouch.guardrail'))
    expect(decisions.map((s) => s.name)).toEqual(['vouch.guardrail input', 'vouch.guardrail output'])
    for (const s of decisions) {
      expect(s.parentSpanContext?.spanId).toBe(root.spanContext().spanId)
      expect(s.spanContext().traceId).toBe(root.spanContext().traceId)
    }
    const out = decisions[1]!
    expect(out.attributes).toMatchObject({
      'gen_ai.system': 'mock-provider',
      'gen_ai.request.model': 'mock-model',
      'vouch.side': 'output',
      'vouch.outcome': 'redact',
      'vouch.route': 'support',
      'vouch.cohort': 'beta',
      'vouch.guard.instance': 'web-7',
      'vouch.guard.request_seq': 1,
      'vouch.evaluator': 'spot-pii',
      'vouch.verdict': 'fail',
      'vouch.action': 'redact',
      'vouch.evidence.hash': evidence.records[1]!.hash,
    })
    expect(out.events.map((e) => e.attributes?.['vouch.evidence.hash'])).toEqual([evidence.records[1]!.hash])
    // Nothing of the text travels in the span.
    expect(JSON.stringify(decisions.map((s) => [s.attributes, s.events]))).not.toMatch(/jane|example\.com/)
    // The records carry the instance and the request ordinal, for coverage.
    expect(evidence.records.map((r) => r.metadata?.requestSeq)).toEqual([1, 1])
    expect(evidence.records.every((r) => r.metadata?.guardInstance === 'web-7')).toBe(true)
  })
})
