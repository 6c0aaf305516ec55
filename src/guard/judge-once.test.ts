import type { LanguageModelV4StreamPart } from '@ai-sdk/provider'
import { simulateReadableStream, wrapLanguageModel } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isCompliant } from '../../evaluators/is-compliant/index.js'
import { loadRubric } from '../../evaluators/is-compliant/load-rubric.js'
import { mockJudge } from '../../test/fixtures/rubrics/mock-judge-model.js'
import { spotPii } from '../../test/helpers/spot-pii.js'
import { memoryEvidence } from '../evidence/memory-evidence.js'
import { guardrail } from './guardrail.js'

const withJudge = loadRubric(join(import.meta.dirname, '../../test/fixtures/rubrics/with-judge.md'))
const ANSWER = 'Your parcel left our warehouse this morning and will arrive within three working days. '.repeat(25) // ~2 KB: many windows
const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } }

function answerModel() {
  const chunks: LanguageModelV4StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't' },
    ...(ANSWER.match(/.{1,12}/gs) ?? []).map((delta): LanguageModelV4StreamPart => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
  ]
  return new MockLanguageModelV4({ doStream: async () => ({ stream: simulateReadableStream({ chunks, chunkDelayInMs: null, initialDelayInMs: null }) }) })
}

describe('incremental mode calls an LLM judge once per answer', () => {
  it('as many judge calls as one evaluation of the whole answer, however many windows; the verdict of record is the whole answer\'s', async () => {
    const direct = mockJudge([{ verdict: 'pass', score: 0.9, reason: 'fine' }])
    await isCompliant({ rubric: withJudge, model: direct, _internal: { env: {}, sleep: async () => {} } }).evaluate({ input: 'Where is my parcel?', output: ANSWER })
    const perAnswer = direct.doGenerateCalls.length
    expect(perAnswer).toBeGreaterThan(0)

    const judge = mockJudge([{ verdict: 'pass', score: 0.9, reason: 'fine' }])
    const evidence = memoryEvidence()
    const model = wrapLanguageModel({
      model: answerModel(),
      middleware: guardrail({
        output: [spotPii(), isCompliant({ rubric: withJudge, model: judge, _internal: { env: {}, sleep: async () => {} } })],
        onOutput: 'redact',
        stream: 'incremental',
        evidence,
        salt: 'judge-once-salt-0123456789',
      }),
    })
    const { stream } = await model.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'Where is my parcel?' }] }] })
    let text = ''
    for await (const part of stream as unknown as AsyncIterable<LanguageModelV4StreamPart>) if (part.type === 'text-delta') text += part.delta
    expect(text).toBe(ANSWER)
    expect(judge.doGenerateCalls).toHaveLength(perAnswer)
    // the judge saw the whole answer, not a window
    expect(JSON.stringify(judge.doGenerateCalls[0]?.prompt)).toContain(ANSWER.slice(-200).trim())
    expect(evidence.records.map((r) => r.result.status)).toEqual(['pass', 'pass'])
  })
})
