import { describe, expect, it } from 'vitest'
import type { RunReport } from '../runner/run-report.js'
import { renderJunit } from './junit-reporter.js'
import { renderMarkdown } from './markdown-reporter.js'
import { reporters } from './reporters.js'

const report: RunReport = {
  schemaVersion: 1,
  tool: { name: 'vouch', version: '0.1.0' },
  runId: '20261122-010203-abc123',
  startedAt: '2026-11-22T01:02:03.000Z',
  finishedAt: '2026-11-22T01:02:04.000Z',
  complete: true,
  verdict: 'fail',
  exitCode: 1,
  git: { commit: 'a'.repeat(40), dirty: true },
  config: { file: 'vouch.config.ts', sha256: 'c'.repeat(64) },
  cassettes: 'replay',
  suites: [
    {
      name: 'support',
      prompt: { id: 'support-assistant', version: '2.1.0', sha256: 'd'.repeat(64) },
      model: { provider: 'openai', id: 'gpt-4o-mini' },
      datasets: [{ path: 'datasets/support/cases.csv', sha256: 'e'.repeat(64), rows: 2, skippedRows: 0 }],
      evaluators: [{ name: 'output-range', version: '1.0.0', configHash: 'f'.repeat(64), controls: ['PI1.3'] }],
      counts: { total: 2, pass: 1, fail: 1, error: 0, skipped: 0, cases: 2, failedCases: 1 },
      byEvaluator: [{ name: 'output-range', version: '1.0.0', total: 2, pass: 1, fail: 1, error: 0, skipped: 0, passRate: 0.5, meanScore: 0.6 }],
      gate: { passed: false, checks: [{ scope: 'suite', metric: 'maxFailures', threshold: 0, actual: 1, passed: false }] },
      skippedRows: [],
      cases: [
        { suite: 'support', caseId: 'a', dataset: 0, row: 0, line: 2, results: [{ evaluator: 'output-range', version: '1.0.0', status: 'pass', passed: true, score: 1, reason: 'ok', findings: [], durationMs: 1 }], passed: true },
        {
          suite: 'support',
          caseId: 'b<&>"',
          dataset: 0,
          row: 1,
          line: 3,
          results: [
            {
              evaluator: 'output-range',
              version: '1.0.0',
              status: 'fail',
              passed: false,
              score: 0.2,
              reason: '1 of 5 checks failed: $.priority: above maximum 4 | pipe',
              findings: [{ type: 'above_max', field: 'output', start: 0, end: 10, score: 1, path: '$.priority', message: 'above maximum 4' }],
              durationMs: 2,
            },
          ],
          passed: false,
        },
      ],
      casesOmitted: 0,
      regressions: [{ suite: 'support', caseId: 'b<&>"', evaluator: 'output-range', before: 'pass', after: 'fail', scoreBefore: 1, scoreAfter: 0.2, reason: 'above maximum 4' }],
      fixed: [],
    },
  ],
  evidence: { path: 'evidence.jsonl', lastHash: '9'.repeat(64), count: 2 },
  baseline: { path: 'base/report.json', runId: 'base', regressions: 1, fixed: 0 },
}

describe('markdown reporter', () => {
  const md = renderMarkdown(report)
  it('puts the verdict first and regressions before the tables', () => {
    expect(md.split('\n')[0]).toBe('# vouch ❌ FAIL — run `20261122-010203-abc123`')
    expect(md.indexOf('Regressions against the baseline (1)')).toBeLessThan(md.indexOf('| suite | verdict |'))
  })
  it('lists each failure with its reason, escaping table pipes', () => {
    expect(md).toContain('| b&lt;&amp;&gt;" | output-range | fail | 0.200 |  | 1 of 5 checks failed: $.priority: above maximum 4 \\| pipe |')
  })
  it('names every version and the evidence hash', () => {
    for (const s of ['support-assistant@2.1.0', 'output-range@1.0.0', 'datasets/support/cases.csv', 'a'.repeat(40), '**dirty working tree**', '9'.repeat(64), 'replayed from cassettes', 'controls PI1.3']) {
      expect(md).toContain(s)
    }
  })
})

describe('junit reporter', () => {
  const xml = renderJunit(report)
  it('has one testcase per case × evaluator with failures and escaped text', () => {
    expect(xml.match(/<testcase /g)).toHaveLength(2)
    expect(xml).toContain('tests="2" failures="1" errors="0" skipped="0"')
    expect(xml).toContain('name="b&lt;&amp;&gt;&quot; › output-range"')
    expect(xml).toMatch(/<failure message="1 of 5 checks failed[^"]*" type="output-range">score: 0.2\nabove_max in output at \$\.priority/)
  })
  it('drops characters XML 1.0 cannot carry', () => {
    const bad = structuredClone(report)
    bad.suites[0]!.cases[1]!.results[0]!.reason = 'bell\u0007 and nul\u0000'
    expect(renderJunit(bad)).toContain('message="bell and nul"')
  })
})

describe('json reporter', () => {
  it('round-trips the report', () => {
    expect(JSON.parse(reporters.json.render(report))).toEqual(report)
  })
})
