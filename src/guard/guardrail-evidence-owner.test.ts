import { join } from 'node:path'
import { generateText, wrapLanguageModel } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { describe, expect, it } from 'vitest'
import { isCompliant } from '../../evaluators/is-compliant/index.js'
import { defineEvaluator } from '../core/define-evaluator.js'
import { sampleTexts } from '../core/sample-texts.js'
import { memoryEvidence } from '../evidence/memory-evidence.js'
import { guardrail } from './guardrail.js'

const rubric = join(import.meta.dirname, '../../test/fixtures/rubrics/all-kinds.md')

describe('guardrail records', () => {
  it('carry owner, controls and rubric like release-gate records', async () => {
    const evidence = memoryEvidence()
    const compliant = isCompliant({ rubric })
    const mock = new MockLanguageModelV4({
      provider: 'mock',
      modelId: 'm',
      doGenerate: {
        content: [{ type: 'text', text: 'Happy to help.' }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } },
        warnings: [],
      },
    })
    const model = wrapLanguageModel({ model: mock, middleware: guardrail({ evidence, output: [compliant], onOutput: 'flag', salt: 'test-salt-0123456789abcdef' }) })
    await generateText({ model, prompt: 'hello' })
    expect(evidence.records.length).toBeGreaterThan(0)
    for (const record of evidence.records) {
      expect(record.owner).toBe(compliant.owner)
      expect(record.controls).toEqual(compliant.controls)
      expect(record.rubric).toEqual(compliant.rubric)
    }
  })
})

describe('guardrail stored text', () => {
  it("redacts an evaluator's findings inside tool-call arguments (found through the sample-text walker by field and JSON path)", async () => {
    const evidence = memoryEvidence()
    // An order id no default detector knows: only the evaluator's finding can get it redacted.
    const orderIds = defineEvaluator({
      name: 'order-ids',
      version: '1.0.0',
      evaluate: (sample) => {
        const findings = [...sampleTexts(sample, ['toolCalls'])].flatMap(({ field, path, text }) => {
          const at = text.indexOf('ORD-77-XQ')
          return at < 0 ? [] : [{ type: 'ORDER_ID', field, ...(path ? { path } : {}), start: at, end: at + 9, score: 1 }]
        })
        return { passed: findings.length === 0, score: findings.length ? 0 : 1, reason: `${findings.length} order ids`, findings }
      },
    })
    const mock = new MockLanguageModelV4({
      provider: 'mock',
      modelId: 'm',
      doGenerate: {
        content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'ship', input: JSON.stringify({ order: { id: 'ORD-77-XQ' }, note: 'ok' }) }],
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } },
        warnings: [],
      },
    })
    const model = wrapLanguageModel({ model: mock, middleware: guardrail({ evidence, output: [orderIds], onOutput: 'flag', salt: 'test-salt-0123456789abcdef' }) })
    await generateText({ model, prompt: 'ship my order' })
    const stored = JSON.stringify(evidence.records.map((r) => r.sample))
    expect(evidence.records.length).toBeGreaterThan(0)
    expect(stored).not.toContain('ORD-77-XQ')
    expect(stored).toMatch(/<ORDER_ID:[0-9a-f]{8}>/)
  })
})
