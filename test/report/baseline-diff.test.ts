import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RunReport } from '../../src/runner/run-report.js'
import { makeProject, runCli } from '../helpers/cli.js'

// Baseline: every case in range. Now: c2 regresses (out of range), c3's score changes without a
// status change (one of two checks fails → it already failed; now both pass → fixed), c4 unchanged.
const row = (id: string, score: number, label: string) => `{"id":"${id}","input":"q","output":"{\\"score\\": ${score}, \\"label\\": \\"${label}\\"}"}`
const before = [row('c1', 0.5, 'ok'), row('c2', 0.5, 'ok'), row('c3', 7, 'ok'), row('c4', 7, 'bad')].join('\n')
const after = [row('c1', 0.5, 'ok'), row('c2', 7, 'ok'), row('c3', 0.5, 'ok'), row('c4', 0.5, 'bad')].join('\n')
const config = `
import { defineConfig, outputRange } from 'vouch'
export default defineConfig({ suites: [{ name: 'scores', dataset: 'data.jsonl', task: 'recorded',
  evaluators: [outputRange({ ranges: { '$.score': { min: 0, max: 1 }, '$.label': { enum: ['ok'] } } })] }] })
`

let cwd: string
let report: RunReport
let dir: string

beforeAll(async () => {
  cwd = makeProject({ 'vouch.config.ts': config, 'data.jsonl': `${before}\n` })
  await runCli(['eval', '--run-id', 'base'], { cwd })
  writeFileSync(join(cwd, 'data.jsonl'), `${after}\n`)
  const r = await runCli(['eval', '--run-id', 'now', '--baseline', 'reports/base/report.json'], { cwd })
  expect(r.code).toBe(1)
  dir = join(cwd, 'reports/now')
  report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunReport
})

describe('--baseline in every format', () => {
  it('report.json: regressions, fixed cases and every changed score', () => {
    const s = report.suites[0]!
    expect(s.regressions.map((r) => r.caseId)).toEqual(['c2'])
    expect(s.fixed.map((r) => r.caseId)).toEqual(['c3'])
    expect(s.scoreDeltas!.map((r) => [r.caseId, r.before, r.after, r.scoreBefore, r.scoreAfter])).toEqual([
      ['c2', 'pass', 'fail', 1, 0.5],
      ['c3', 'fail', 'pass', 0.5, 1],
      ['c4', 'fail', 'fail', 0, 0.5],
    ])
    expect(report.baseline).toMatchObject({ runId: 'base', regressions: 1, fixed: 1, scoreDeltas: 3 })
  })

  it('summary.md: regressions first, then the comparison with fixed cases and score changes', () => {
    const md = readFileSync(join(dir, 'summary.md'), 'utf8')
    const order = ['## Regressions against the baseline (1)', 'Baseline `base` (`reports/base/report.json`): 1 new failures, 1 fixed, 3 score changes.', '### Fixed since the baseline (1)', '### Score changes (3, largest drops first)', '| suite | verdict |']
    const at = order.map((x) => md.indexOf(x))
    expect(at.every((x) => x >= 0)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    expect(md).toContain('| scores | c2 | output-range | 1 | 0.500 | -0.500 |')
    expect(md).toContain('| scores | c4 | output-range | 0 | 0.500 | +0.500 |')
  })

  it('junit.xml: baseline properties and the changes in system-out', () => {
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8')
    expect(xml).toContain('<property name="baseline.runId" value="base"/>')
    expect(xml).toContain('<property name="baseline.regressions" value="1"/>')
    expect(xml).toContain('<property name="baseline.scoreDeltas" value="3"/>')
    expect(xml).toMatch(/<system-out>baseline base\nregressed c2 › output-range: pass 1 -&gt; fail 0\.5\nfixed c3 › output-range: fail 0\.5 -&gt; pass 1\n/)
  })

  it('report.html: the baseline section and case tags', () => {
    const html = readFileSync(join(dir, 'report.html'), 'utf8')
    expect(html).toContain('<strong class="s-fail">1 new failures</strong>, 1 fixed, 3 score changes')
    expect(html).toContain('data-change="regressed score-changed"')
    expect(html).toContain('data-change="fixed score-changed"')
  })
})
