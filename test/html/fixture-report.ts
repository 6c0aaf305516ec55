import type { CaseRecord, RunReport } from '../../src/runner/run-report.js'

const pass = (evaluator = 'output-range') => ({ evaluator, version: '1.0.0', status: 'pass' as const, passed: true, score: 1, reason: 'ok', findings: [], durationMs: 1 })

export const XSS = '<script>document.title="pwned";document.body.setAttribute("data-pwned","1")</script>'
export const IMG_XSS = '<img src=x onerror="document.body.setAttribute(\'data-pwned\',\'2\')">'

/** A run report with passing and failing cases, hostile text everywhere a user's data can go, raw and redacted stored text, and a baseline. */
export function fixtureReport({ cases = 6 }: { cases?: number } = {}): RunReport {
  const list: CaseRecord[] = []
  for (let i = 0; i < cases; i++) {
    const failing = i % 3 === 1
    list.push({
      suite: 'support',
      caseId: `case-${i + 1}`,
      dataset: 0,
      row: i,
      line: i + 2,
      sample: { storage: 'raw', input: `question ${i + 1}`, output: `answer ${i + 1}` },
      results: failing
        ? [{ evaluator: 'output-range', version: '1.0.0', status: 'fail', passed: false, score: 0.5, reason: `case ${i + 1} out of range`, findings: [{ type: 'above_max', field: 'output', start: 0, end: 6, score: 1, path: '$.priority' }], durationMs: 1 }]
        : [pass()],
      passed: !failing,
    })
  }
  // Hostile case: script in id, input, output, reason and finding type; a PII finding in raw text.
  const output = `Mail jane@example.com ${XSS}`
  list.push({
    suite: 'support',
    caseId: `evil-${XSS}`,
    dataset: 0,
    row: cases,
    line: cases + 2,
    sample: { storage: 'raw', input: IMG_XSS, output },
    results: [
      {
        evaluator: 'pii',
        version: '1.0.0',
        status: 'fail',
        passed: false,
        score: 0.5,
        reason: `found ${XSS}`,
        findings: [{ type: 'EMAIL_ADDRESS', field: 'output', start: 5, end: 21, score: 1, detector: 'email' }, { type: `T${IMG_XSS}`, field: 'input', start: 0, end: 4, score: 1 }],
        durationMs: 1,
        details: { criteria: [{ id: 'c1', status: 'fail', reason: `judge: ${XSS}` }], note: XSS },
      },
    ],
    passed: false,
  })
  // Redacted stored text: a finding before the first marker is placed, one after it is listed.
  list.push({
    suite: 'privacy',
    caseId: 'redacted-1',
    dataset: 0,
    row: 0,
    line: 2,
    sample: { storage: 'redacted', saltId: 'abc', input: 'Call me back', output: 'Hello Jane, your email <EMAIL_ADDRESS:3f9a1c2e> is noted; order 12345 ships.' },
    results: [
      {
        evaluator: 'pii',
        version: '1.0.0',
        status: 'fail',
        passed: false,
        score: 0.3,
        reason: 'PII in output: PERSON, EMAIL_ADDRESS',
        findings: [
          { type: 'PERSON', field: 'output', start: 6, end: 10, score: 0.8, detector: 'names' },
          { type: 'EMAIL_ADDRESS', field: 'output', start: 23, end: 38, score: 1, detector: 'email' },
        ],
        durationMs: 1,
      },
    ],
    passed: false,
  })
  return {
    schemaVersion: 1,
    tool: { name: 'vouch', version: '0.1.0' },
    runId: 'run-html',
    startedAt: '2026-11-22T01:00:00.000Z',
    finishedAt: '2026-11-22T01:00:05.000Z',
    complete: true,
    verdict: 'fail',
    exitCode: 1,
    git: { commit: 'a'.repeat(40), dirty: false },
    config: { file: 'vouch.config.ts', sha256: 'c'.repeat(64) },
    cassettes: 'replay',
    suites: ['support', 'privacy'].map((name) => {
      const own = list.filter((c) => c.suite === name)
      const results = own.flatMap((c) => c.results)
      const count = (s: string) => results.filter((r) => r.status === s).length
      return {
        name,
        description: `${name} suite ${XSS}`,
        prompt: { id: 'support-assistant', version: '2.1.0', sha256: 'd'.repeat(64) },
        model: { provider: 'openai', id: 'gpt-4o-mini' },
        datasets: [{ path: `datasets/${name}.csv`, sha256: 'e'.repeat(64), rows: own.length, skippedRows: 0 }],
        evaluators: [
          { name: 'output-range', version: '1.0.0', configHash: 'f'.repeat(64), controls: ['PI1.3'] },
          { name: 'pii', version: '1.0.0', configHash: '1'.repeat(64), controls: ['C1.1', 'P4.2'], owner: 'privacy@example.com' },
        ],
        counts: { total: results.length, pass: count('pass'), fail: count('fail'), error: 0, skipped: 0, cases: own.length, failedCases: own.filter((c) => !c.passed).length },
        byEvaluator: [...new Set(results.map((r) => r.evaluator))].map((e) => {
          const own = results.filter((r) => r.evaluator === e)
          const n = (s: string) => own.filter((r) => r.status === s).length
          return { name: e, version: '1.0.0', total: own.length, pass: n('pass'), fail: n('fail'), error: 0, skipped: 0, passRate: n('pass') / own.length, meanScore: own.reduce((t, r) => t + r.score, 0) / own.length }
        }),
        gate: { passed: false, checks: [{ scope: 'suite', metric: 'maxFailures' as const, threshold: 0, actual: count('fail'), passed: count('fail') === 0 }] },
        skippedRows: [],
        cases: own,
        casesOmitted: 0,
        regressions: name === 'support' ? [{ suite: 'support', caseId: 'case-2', evaluator: 'output-range', before: 'pass' as const, after: 'fail' as const, scoreBefore: 1, scoreAfter: 0.5, reason: 'case 2 out of range' }] : [],
        fixed: name === 'support' ? [{ suite: 'support', caseId: 'case-3', evaluator: 'output-range', before: 'fail' as const, after: 'pass' as const, scoreBefore: 0.2, scoreAfter: 1, reason: 'ok' }] : [],
        scoreDeltas: name === 'support' ? [{ suite: 'support', caseId: 'case-2', evaluator: 'output-range', before: 'pass' as const, after: 'fail' as const, scoreBefore: 1, scoreAfter: 0.5, reason: 'case 2 out of range' }] : [],
      }
    }),
    evidence: { path: 'evidence.jsonl', lastHash: '9'.repeat(64), count: list.length },
    baseline: { path: 'base/report.json', runId: 'base', regressions: 1, fixed: 1, scoreDeltas: 1 },
  }
}
