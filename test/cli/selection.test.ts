import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeProject, runCli } from '../helpers/cli.js'

const rows = Array.from({ length: 12 }, (_, i) => ({ id: `${i % 2 ? 'refund' : 'ship'}-${i}`, input: 'q', output: JSON.stringify({ score: i >= 6 ? 2 : 0.5 }), metadata: { lang: i % 3 ? 'en' : 'de' } }))
const config = `
import { defineConfig, outputRange } from 'vouch'
export default defineConfig({
  concurrency: 1,
  suites: [
    { name: 'a', dataset: 'cases.jsonl', task: 'recorded', evaluators: [outputRange({ ranges: { '$.score': { min: 0, max: 1 } } })] },
    { name: 'b', dataset: 'cases.jsonl', task: 'recorded', evaluators: [outputRange({ ranges: { '$.score': { min: 0, max: 1 } } })] },
  ],
})
`
const project = () => makeProject({ 'vouch.config.ts': config, 'cases.jsonl': rows.map((r) => JSON.stringify(r)).join('\n') + '\n' })

function report(cwd: string, runId: string) {
  return JSON.parse(readFileSync(join(cwd, 'reports', runId, 'report.json'), 'utf8'))
}
const caseIds = (suite: { cases: { caseId: string }[] }) => suite.cases.map((c) => c.caseId)

describe('case selection (built CLI)', () => {
  it('--filter takes a regex on the case id and KEY=VALUE on metadata; all filters must match', async () => {
    const cwd = project()
    const r = await runCli(['eval', '--filter', '^refund-[0-5]$', '--filter', 'lang=en', '--run-id', 'f'], { cwd })
    expect(r.code).toBe(0)
    const rep = report(cwd, 'f')
    expect(caseIds(rep.suites[0])).toEqual(['refund-1', 'refund-5'])
    expect(rep.selection).toMatchObject({ filter: ['^refund-[0-5]$', 'lang=en'], filteredOut: 20 })
    expect(rep.suites[0].datasets[0].rows).toBe(2)
  })

  it('--limit N runs the first N selected cases of each suite', async () => {
    const cwd = project()
    const r = await runCli(['eval', '--limit', '3', '--run-id', 'l'], { cwd })
    expect(r.code).toBe(0)
    const rep = report(cwd, 'l')
    expect(rep.suites.map(caseIds)).toEqual([['ship-0', 'refund-1', 'ship-2'], ['ship-0', 'refund-1', 'ship-2']])
    expect(rep.evidence.count).toBe(6)
  })

  it('--max-failures N stops dispatching once N cases failed; the run fails and says so', async () => {
    const cwd = project()
    const r = await runCli(['eval', '--max-failures', '2', '--run-id', 'm'], { cwd })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('stopped early in suite "a" after 2 failed cases (--max-failures)')
    const rep = report(cwd, 'm')
    expect(rep.suites).toHaveLength(1)
    expect(rep.suites[0].counts.failedCases).toBe(2)
    expect(rep.suites[0].counts.cases).toBe(8)
    expect(rep.suites[0].gate.checks).toContainEqual({ scope: 'suite', metric: 'complete', threshold: 1, actual: 0, passed: false })
    expect(rep.selection.stoppedEarly).toEqual({ suite: 'a', failedCases: 2 })
  })

  it('a filter that matches nothing is exit 2; bad values are usage errors', async () => {
    const cwd = project()
    const none = await runCli(['eval', '--filter', '^nothing$'], { cwd })
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('no case matched the selection')
    for (const args of [['--limit', 'abc'], ['--max-failures', '0'], ['--concurrency', '2x'], ['--filter', '(']]) {
      const bad = await runCli(['eval', ...args], { cwd })
      expect(bad.code).toBe(2)
      expect(bad.stderr).toMatch(/^vouch eval: .*\nRun "vouch help eval" for usage\.\n$/)
    }
  })

  it('warns when the --baseline lacks a suite being run instead of reporting 0 regressions silently', async () => {
    const cwd = project()
    await runCli(['eval', '--suite', 'a', '--limit', '2', '--run-id', 'base'], { cwd })
    const r = await runCli(['eval', '--limit', '2', '--baseline', 'reports/base/report.json', '--run-id', 'next'], { cwd })
    expect(r.stderr).toContain('warning: the baseline')
    expect(r.stderr).toContain('has no suite "b": its regressions cannot be detected')
    expect(r.stderr).not.toContain('has no suite "a"')
    expect(readdirSync(join(cwd, 'reports')).sort()).toEqual(['base', 'next'])
  })
})
