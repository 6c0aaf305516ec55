import { describe, expect, it } from 'vitest'
import { defineEvaluator } from '../core/define-evaluator.js'
import { formatPath } from '../core/parse-options.js'
import { configSchema } from './config-schema.js'
import { explainIssues } from './load-config.js'

const ev = (name: string) => defineEvaluator({ name, version: '1.0.0', evaluate: () => ({ passed: true, score: 1, reason: 'ok' }) })
const issues = (value: unknown) => {
  const r = configSchema.safeParse(value)
  return r.success ? [] : explainIssues(r.error.issues as never).map((i) => `${formatPath(i.path)}: ${i.message}`)
}

describe('config schema', () => {
  it('fills defaults: recorded task, empty gate, 30 s evaluator budget, redacted evidence', () => {
    const config = configSchema.parse({ suites: [{ name: 's', dataset: 'd.csv', evaluators: [ev('a')] }] })
    expect(config).toMatchObject({ outDir: 'reports', concurrency: 8, evidence: { storage: 'redacted' } })
    expect(config.suites[0]).toMatchObject({ task: 'recorded', gate: {}, timeoutMs: 30_000, manual: false })
  })

  it('names the field of every problem', () => {
    expect(issues({ suites: [{ name: 'Bad Name', dataset: 'd.csv', evaluators: [] }] })).toEqual([
      'suites[0].name: use lower-case letters, digits and "-"',
      'suites[0].evaluators: a suite needs at least one evaluator',
    ])
    expect(issues({ suites: [{ name: 's', dataset: 'd.csv', evaluators: [{}] }] })[0]).toMatch(/^suites\[0\]\.evaluators\[0\]: must be an evaluator/)
    expect(issues({ suites: [{ name: 's', dataset: { path: 'd.csv', columns: { inptu: 'q' } }, evaluators: [ev('a')] }] })[0]).toMatch(/^suites\[0\]\.dataset\.columns\.inptu: must be a Sample field/)
    expect(issues({ suites: [{ name: 's', dataset: 'd.csv', evaluators: [ev('a')], gaet: {} }] })[0]).toMatch(/Unrecognized key.*gaet/)
  })

  it('refuses duplicate suite names and duplicate evaluator names within a suite', () => {
    expect(issues({ suites: [{ name: 's', dataset: 'd', evaluators: [ev('a')] }, { name: 's', dataset: 'd', evaluators: [ev('a')] }] })).toEqual([
      'suites[1].name: duplicate suite name "s"',
    ])
    expect(issues({ suites: [{ name: 's', dataset: 'd', evaluators: [ev('a'), ev('b'), ev('a')] }] })[0]).toMatch(
      /^suites\[0\]\.evaluators\[2\]: a second evaluator named "a" \(the first is evaluators\[0\]\)/,
    )
  })
})
