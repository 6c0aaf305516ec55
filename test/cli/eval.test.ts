import { readRecords } from '../evidence/record-v2.js'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeProject, runCli } from '../helpers/cli.js'

const header = 'id,input,output\n'
const row = (id: string, score: number) => `${id},"What is my score?","{""score"": ${score}, ""label"": ""ok""}"\n`
const passingCsv = header + row('c1', 0.2) + row('c2', 0.5) + row('c3', 0.9) + `c4,"Multi\nline question, with comma","{""score"": 1, ""label"": ""ok""}"\n`
const failingCsv = header + row('c1', 0.2) + row('c2', 7) + row('c3', 0.9) + 'c4,"q","not json"\n'

const config = (extra = '') => `
import { defineConfig, definePrompt, outputRange } from 'vouch'
export default defineConfig({
  suites: [{
    name: 'scores',
    dataset: 'data/cases.csv',
    prompt: definePrompt({ id: 'scorer', version: '1.0.0', template: 'Score {{input}}' }),
    model: 'openai:gpt-4o-mini',
    evaluators: [outputRange({ ranges: { '$.score': { min: 0, max: 1 }, '$.label': { enum: ['ok'] } } })],
    ${extra}
  }],
})
`

function runDirOf(cwd: string): string {
  const runs = readdirSync(join(cwd, 'reports'))
  expect(runs).toHaveLength(1)
  return join(cwd, 'reports', runs[0]!)
}

/** The records as readers see them (record format 3 stores the run context once; the chain walker joins it back). */
function evidenceLines(runDir: string): Record<string, unknown>[] {
  return readRecords(readFileSync(join(runDir, 'evidence.jsonl'), 'utf8').trim().split('\n')) as unknown as Record<string, unknown>[]
}

describe('vouch eval (built CLI)', () => {
  it('passes a passing suite: exit 0, summary table, every report written, evidence verifiable', async () => {
    const cwd = makeProject({ 'vouch.config.ts': config(), 'data/cases.csv': passingCsv })
    const r = await runCli(['eval'], { cwd })
    expect(r.stderr).toContain('✓ scores: 4 cases')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/scores\s+output-range@1\.1\.0\s+4\s+0/)
    expect(r.stdout).toContain('verdict: PASS')
    const runDir = runDirOf(cwd)
    for (const f of ['report.json', 'summary.md', 'junit.xml', 'evidence.jsonl', 'results.jsonl', 'run.json']) expect(existsSync(join(runDir, f))).toBe(true)
    const report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8'))
    expect(report).toMatchObject({ schemaVersion: 1, verdict: 'pass', exitCode: 0, complete: true, evidence: { count: 4 } })
    expect(report.suites[0].prompt).toMatchObject({ id: 'scorer', version: '1.0.0' })
    expect(report.suites[0].datasets[0]).toMatchObject({ path: 'data/cases.csv', rows: 4 })
    expect(report.suites[0].datasets[0].sha256).toMatch(/^[0-9a-f]{64}$/)
    const records = evidenceLines(runDir)
    expect(records.map((x) => x.seq)).toEqual([0, 1, 2, 3])
    expect(records.map((x) => x.caseId)).toEqual(['c1', 'c2', 'c3', 'c4'])
    expect(records[0]).toMatchObject({
      suite: 'scores',
      prompt: { id: 'scorer', version: '1.0.0' },
      model: { provider: 'openai', id: 'gpt-4o-mini' },
      evaluator: { name: 'output-range', version: '1.1.0' },
      dataset: { path: 'data/cases.csv', row: 0 },
      result: { status: 'pass' },
    })
    expect(records.at(-1)!.hash).toBe(report.evidence.lastHash)
    const junit = readFileSync(join(runDir, 'junit.xml'), 'utf8')
    expect(junit.match(/<testcase /g)).toHaveLength(4)
    const summary = readFileSync(join(runDir, 'summary.md'), 'utf8')
    expect(summary).toContain('PASS')
    expect(summary).toContain(report.evidence.lastHash)
  })

  it('fails the gate with exit 1 and lists each failure with its reason and JSON path', async () => {
    const cwd = makeProject({ 'vouch.config.ts': config(), 'data/cases.csv': failingCsv })
    const r = await runCli(['eval'], { cwd })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('verdict: FAIL')
    expect(r.stdout).toMatch(/scores: suite maxFailures = 2 \(2 failed, 0 errors, 0 skipped\) \(threshold 0\)/)
    const summary = readFileSync(join(runDirOf(cwd), 'summary.md'), 'utf8')
    expect(summary).toMatch(/\| c2 \| output-range \| fail \|.*\$\.score: above maximum 1/)
    expect(summary).toMatch(/\| c4 \| output-range \| fail \|.*not valid JSON/)
    const junit = readFileSync(join(runDirOf(cwd), 'junit.xml'), 'utf8')
    expect(junit).toContain('failures="2"')
  })

  it('honours thresholds: minPassRate lets a suite pass with one failure in four', async () => {
    const cwd = makeProject({ 'vouch.config.ts': config('gate: { minPassRate: 0.5 },'), 'data/cases.csv': failingCsv })
    const r = await runCli(['eval'], { cwd })
    expect(r.code).toBe(0)
  })

  it('prints only JSON on stdout with --reporter json', async () => {
    const cwd = makeProject({ 'vouch.config.ts': config(), 'data/cases.csv': passingCsv })
    const r = await runCli(['eval', '--reporter', 'json'], { cwd })
    expect(r.code).toBe(0)
    const parsed = JSON.parse(r.stdout)
    expect(parsed.verdict).toBe('pass')
    expect(existsSync(join(runDirOf(cwd), 'junit.xml'))).toBe(false)
  })

  it('rejects a wrong config field with exit 2, naming the file and the field', async () => {
    const cwd = makeProject({
      'vouch.config.ts': config().replace("model: 'openai:gpt-4o-mini',", "model: 'openai:gpt-4o-mini', gate: { minPassRate: 1.5 },"),
      'data/cases.csv': passingCsv,
    })
    const r = await runCli(['eval'], { cwd })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('vouch.config.ts')
    expect(r.stderr).toContain('suites[0].gate.minPassRate')
  })

  it('rejects unknown flags and reporters with exit 2 and the usage', async () => {
    const cwd = makeProject({ 'vouch.config.ts': config(), 'data/cases.csv': passingCsv })
    const a = await runCli(['eval', '--frobnicate'], { cwd })
    expect(a.code).toBe(2)
    expect(a.stderr).toMatch(/Unknown option '--frobnicate'/)
    const b = await runCli(['eval', '--reporter', 'pdf'], { cwd })
    expect(b.code).toBe(2)
    expect(b.stderr).toContain('unknown reporter "pdf"')
  })

  it('stops on a malformed CSV row with exit 2 naming file:line, keeping finished records', async () => {
    const csv = header + row('c1', 0.2) + row('c2', 0.3) + 'c3,"unterminated,"{}"\n' + row('c4', 0.4)
    const cwd = makeProject({ 'vouch.config.ts': config(), 'data/cases.csv': csv })
    const r = await runCli(['eval'], { cwd })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/data\/cases\.csv:4/)
    expect(r.stderr).toMatch(/run stopped at a bad row \(the suite's onBadRow is "stop"; set onBadRow: "skip"/)
    const runDir = runDirOf(cwd)
    const report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8'))
    expect(report).toMatchObject({ complete: false, verdict: 'error', exitCode: 2 })
    expect(evidenceLines(runDir).map((x) => x.caseId)).toEqual(['c1', 'c2'])
  })

  it('skips malformed rows when the suite says so, and says so', async () => {
    const csv = header + row('c1', 0.2) + 'c2,"too","many","columns"\n' + row('c3', 0.4)
    const cwd = makeProject({ 'vouch.config.ts': config("onBadRow: 'skip',"), 'data/cases.csv': csv })
    const r = await runCli(['eval'], { cwd })
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/skipped .*data\/cases\.csv:3/)
    const report = JSON.parse(readFileSync(join(runDirOf(cwd), 'report.json'), 'utf8'))
    expect(report.suites[0].skippedRows).toHaveLength(1)
    expect(report.suites[0].counts.cases).toBe(2)
  })

  it('refuses an empty dataset with exit 2', async () => {
    const cwd = makeProject({ 'vouch.config.ts': config(), 'data/cases.csv': header })
    const r = await runCli(['eval'], { cwd })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/no rows to evaluate/)
  })

  it('reports a missing dataset file with exit 2 and its path', async () => {
    const cwd = makeProject({ 'vouch.config.ts': config() })
    const r = await runCli(['eval'], { cwd })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/data\/cases\.csv/)
  })

  it('reports a missing config with exit 2', async () => {
    const cwd = makeProject({})
    const r = await runCli(['eval'], { cwd })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/no config found/)
  })

  it('fails on regressions against a baseline and lists them', async () => {
    const cwd = makeProject({ 'vouch.config.ts': config(), 'data/cases.csv': passingCsv })
    const first = await runCli(['eval', '--run-id', 'before'], { cwd })
    expect(first.code).toBe(0)
    writeFileSync(join(cwd, 'data/cases.csv'), header + row('c1', 0.2) + row('c2', 3) + row('c3', 0.9))
    const third = await runCli(['eval', '--run-id', 'after', '--baseline', 'reports/before/report.json'], { cwd })
    expect(third.code).toBe(1)
    expect(third.stdout).toMatch(/regression: c2 › output-range: pass → fail/)
    const summary = readFileSync(join(cwd, 'reports/after/summary.md'), 'utf8')
    expect(summary.indexOf('Regressions against the baseline (1)')).toBeGreaterThan(-1)
    expect(summary.indexOf('Regressions against the baseline')).toBeLessThan(summary.indexOf('| suite | verdict |'))
  })
})
