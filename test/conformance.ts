/**
 * The conformance suite every evaluator passes. Call it from the evaluator's own test file:
 *
 *   describeConformance('pii', () => pii())
 *
 * It checks the contract of DESIGN.md: score in [0, 1], a result shaped as `EvalResult`, no throw
 * on empty or odd input, JSON-serialisable results, finding offsets inside their field, and no raw
 * PII or secret from the sample in `reason` or anywhere in the serialised findings.
 */
import { describe, expect, it } from 'vitest'
import type { EvalResult, Evaluator, Sample } from '../src/core/index.js'
import { CONTRACT_SAMPLES, SENSITIVE_SAMPLE_VALUES } from '../src/testing/check-evaluator.js'

/** Values that must never be echoed back by an evaluator's reason or findings (shared with `vouch/testing`). */
export const SENSITIVE_VALUES: readonly string[] = SENSITIVE_SAMPLE_VALUES

// The contract samples users check their own evaluators with (`checkEvaluatorContract`), except the
// very long one, which each evaluator's hostile-input tests cover.
const { long: _long, ...contractSamples } = CONTRACT_SAMPLES
export const CONFORMANCE_SAMPLES: Record<string, Sample> = contractSamples

function assertResultShape(evaluator: Evaluator, result: EvalResult): void {
  expect(result.evaluator).toBe(evaluator.name)
  expect(result.version).toBe(evaluator.version)
  expect(['pass', 'fail', 'error', 'skipped']).toContain(result.status)
  expect(result.passed).toBe(result.status === 'pass')
  expect(Number.isFinite(result.score)).toBe(true)
  expect(result.score).toBeGreaterThanOrEqual(0)
  expect(result.score).toBeLessThanOrEqual(1)
  expect(typeof result.reason).toBe('string')
  expect(result.reason.length).toBeGreaterThan(0)
  expect(Array.isArray(result.findings)).toBe(true)
  expect(result.durationMs).toBeGreaterThanOrEqual(0)
  expect(() => JSON.stringify(result)).not.toThrow()
}

export function describeConformance(label: string, make: () => Evaluator): void {
  describe(`conformance: ${label}`, () => {
    it('has a kebab-case name, a semver version and a config hash', () => {
      const evaluator = make()
      expect(evaluator.name).toMatch(/^[a-z][a-z0-9-]*/)
      expect(evaluator.version).toMatch(/^\d+\.\d+\.\d+/)
      expect(evaluator.configHash).toMatch(/^[0-9a-f]{64}$/)
    })

    for (const [name, sample] of Object.entries(CONFORMANCE_SAMPLES)) {
      it(`returns a well-formed result without throwing on the "${name}" sample`, async () => {
        const evaluator = make()
        const result = await evaluator.evaluate(sample)
        assertResultShape(evaluator, result)
        for (const finding of result.findings) {
          expect(typeof finding.type).toBe('string')
          expect(typeof finding.field).toBe('string')
          expect(finding.score).toBeGreaterThanOrEqual(0)
          expect(finding.score).toBeLessThanOrEqual(1)
          expect(finding.start).toBeGreaterThanOrEqual(0)
          expect(finding.end).toBeGreaterThanOrEqual(finding.start)
        }
      })
    }

    it('never puts a raw sensitive value in reason, findings or details', async () => {
      const evaluator = make()
      const result = await evaluator.evaluate(CONFORMANCE_SAMPLES.sensitive!)
      const serialised = JSON.stringify({ reason: result.reason, findings: result.findings, details: result.details })
      for (const value of SENSITIVE_VALUES) expect(serialised).not.toContain(value)
    })

    it('is deterministic: the same sample gives the same verdict', async () => {
      const evaluator = make()
      const a = await evaluator.evaluate(CONFORMANCE_SAMPLES.sensitive!)
      const b = await evaluator.evaluate(CONFORMANCE_SAMPLES.sensitive!)
      expect({ ...a, durationMs: 0 }).toEqual({ ...b, durationMs: 0 })
    })
  })
}
