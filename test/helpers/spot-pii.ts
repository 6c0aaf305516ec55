import { defineEvaluator } from '../../src/core/define-evaluator.js'
import type { Evaluator, Finding } from '../../src/core/types.js'

/**
 * A small span detector standing in for pii() in guardrail tests: e-mails and 16-digit card
 * numbers, linear regexes, in every text field and in tool-call arguments.
 */
export function spotPii(): Evaluator {
  const patterns: [string, RegExp][] = [
    ['EMAIL_ADDRESS', /[\w.+-]{1,64}@[\w-]{1,63}\.[A-Za-z]{2,24}/g],
    ['CREDIT_CARD', /\b\d{4}(?:[ -]?\d{4}){3}\b/g],
  ]
  return defineEvaluator({
    name: 'spot-pii',
    version: '1.0.0',
    controls: ['C1.1', 'P4.2'],
    evaluate(sample) {
      const findings: Finding[] = []
      const scan = (field: string, text: string | undefined) => {
        if (!text) return
        for (const [type, re] of patterns) for (const m of text.matchAll(re)) findings.push({ type, field, start: m.index, end: m.index + m[0].length, score: 0.9 })
      }
      scan('input', sample.input)
      scan('output', sample.output)
      sample.context?.forEach((c, i) => scan(`context[${i}]`, c))
      sample.toolCalls?.forEach((t, i) => scan(`toolCalls[${i}].args`, JSON.stringify(t.args)))
      return findings.length
        ? { passed: false, score: 0, reason: `found ${findings.length} PII entities`, findings }
        : { passed: true, score: 1, reason: 'no PII found' }
    },
  })
}
