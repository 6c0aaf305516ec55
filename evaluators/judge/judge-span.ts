import { context, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api'
import type { LanguageModel } from 'ai'

export interface JudgeSpanFacts {
  /** What is judged (criterion id). */
  label: string
  model: LanguageModel
  temperature: number
}

/**
 * Runs one judge call (retries and all) inside an OpenTelemetry span, `vouch.judge <criterion>`,
 * a child of the active span (the guardrail decision or the app's request), with the GenAI
 * semantic-convention attributes of the request and its token usage. Uses the global tracer
 * provider (a no-op until the app registers one). Never records prompt or answer text.
 */
export async function withJudgeSpan<T extends { usage: { calls: number; inputTokens: number; outputTokens: number } }>(
  { label, model, temperature }: JudgeSpanFacts,
  run: () => Promise<T>,
): Promise<T> {
  const tracer = trace.getTracer('vouch')
  const ref = typeof model === 'string' ? { provider: model.split(':')[0] ?? 'unknown', modelId: model.split(':').slice(1).join(':') || model } : model
  const attributes: Attributes = {
    'gen_ai.system': ref.provider,
    'gen_ai.request.model': ref.modelId,
    'gen_ai.operation.name': 'chat',
    'gen_ai.request.temperature': temperature,
    'vouch.judge.criterion': label,
  }
  return tracer.startActiveSpan(`vouch.judge ${label}`, { attributes }, context.active(), async (span) => {
    try {
      const result = await run()
      span.setAttributes({
        'gen_ai.usage.input_tokens': result.usage.inputTokens,
        'gen_ai.usage.output_tokens': result.usage.outputTokens,
        'vouch.judge.calls': result.usage.calls,
      })
      return result
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code
      span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? code : 'judge call failed' })
      throw error
    } finally {
      span.end()
    }
  })
}
