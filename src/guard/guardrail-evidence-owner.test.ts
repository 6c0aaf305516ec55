import { join } from 'node:path'
import { generateText, wrapLanguageModel } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { describe, expect, it } from 'vitest'
import { isCompliant } from '../../evaluators/is-compliant/index.js'
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
