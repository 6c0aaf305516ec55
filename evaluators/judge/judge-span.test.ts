import { trace } from '@opentelemetry/api'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { MockLanguageModelV4 } from 'ai/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withJudgeSpan } from './judge-span.js'

const exporter = new InMemorySpanExporter()
beforeAll(() => {
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }))
})
afterAll(() => trace.disable())

describe('withJudgeSpan', () => {
  const model = new MockLanguageModelV4({ provider: 'openai.chat', modelId: 'llama3.1:8b' })

  it('wraps a judge call in a span with GenAI attributes and its token usage, never its text', async () => {
    exporter.reset()
    const out = await withJudgeSpan({ label: 'support-answer/no-legal-advice', model, temperature: 0 }, async () => ({ output: { verdict: 'pass' }, usage: { calls: 2, inputTokens: 120, outputTokens: 30 } }))
    expect(out.usage.calls).toBe(2)
    const [span] = exporter.getFinishedSpans()
    expect(span!.name).toBe('vouch.judge support-answer/no-legal-advice')
    expect(span!.attributes).toMatchObject({
      'gen_ai.system': 'openai.chat',
      'gen_ai.request.model': 'llama3.1:8b',
      'gen_ai.request.temperature': 0,
      'gen_ai.usage.input_tokens': 120,
      'gen_ai.usage.output_tokens': 30,
      'vouch.judge.calls': 2,
    })
  })

  it('marks the span as an error with the judge error code when the call fails', async () => {
    exporter.reset()
    const failing = withJudgeSpan({ label: 'c', model, temperature: 0 }, async () => {
      throw Object.assign(new Error('garbage'), { code: 'judge_malformed_output' })
    })
    await expect(failing).rejects.toThrow('garbage')
    const [span] = exporter.getFinishedSpans()
    expect(span!.status).toMatchObject({ code: 2, message: 'judge_malformed_output' })
  })
})
