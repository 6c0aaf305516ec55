import { describe, expect, it } from 'vitest'
import { defineEvaluator } from '../core/define-evaluator.js'
import { buildEvidenceEntry, describeEvaluator } from './build-evidence-entry.js'
import { evidenceEntrySchema } from './evidence-record.js'

const ref = { id: 'policy', version: '1.2.0', sha256: 'a'.repeat(64) }

describe('buildEvidenceEntry', () => {
  const evaluator = defineEvaluator({ name: 'owned', version: '2.0.0', controls: ['CC6.1'], rubric: ref, owner: 'security@acme.example', evaluate: () => ({ passed: true, score: 1, reason: 'ok' }) })

  it('puts owner, controls and rubric on a release-gate record and drops durationMs', async () => {
    const result = await evaluator.evaluate({ output: 'x' })
    const entry = buildEvidenceEntry({
      ts: '2025-01-01T00:00:00.000Z',
      subject: { runId: 'r', suite: 's', caseId: 'c', dataset: { path: 'd.jsonl', sha256: 'b'.repeat(64), row: 0 } },
      evaluator: describeEvaluator(evaluator),
      result,
    })
    expect(entry).toMatchObject({ runId: 'r', suite: 's', caseId: 'c', owner: 'security@acme.example', controls: ['CC6.1'], rubric: ref, evaluator: { name: 'owned', version: '2.0.0' } })
    expect(entry.result).not.toHaveProperty('durationMs')
    expect(evidenceEntrySchema.safeParse(entry).success).toBe(true)
  })

  it("falls back to the evaluator's rubric when the result names none, for a guardrail record", () => {
    const entry = buildEvidenceEntry({
      ts: '2025-01-01T00:00:00.000Z',
      subject: { requestId: 'req-1', route: 'chat' },
      evaluator: describeEvaluator(evaluator),
      result: { evaluator: 'owned', version: '2.0.0', status: 'pass', passed: true, score: 1, reason: 'ok', findings: [], durationMs: 3 },
      action: 'allow',
    })
    expect(entry).toMatchObject({ requestId: 'req-1', route: 'chat', rubric: ref, owner: 'security@acme.example', controls: ['CC6.1'], action: 'allow' })
    expect(entry).not.toHaveProperty('runId')
  })
})
