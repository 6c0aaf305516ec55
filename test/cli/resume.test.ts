import { spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { binPath, makeProject, runCli } from '../helpers/cli.js'

const rows = 40
const config = `
import { defineConfig, outputRange } from 'vouch'
export default defineConfig({
  concurrency: 2,
  suites: [{
    name: 'slow',
    dataset: 'data/cases.jsonl',
    // a slow app: 40 ms a case, so the run can be killed half-way
    task: async (sample) => { await new Promise((r) => setTimeout(r, 40)); return JSON.stringify({ n: Number(sample.input) }) },
    evaluators: [outputRange({ ranges: { '$.n': { min: 0, max: ${rows} } } })],
  }],
})
`
const jsonl = Array.from({ length: rows }, (_, i) => JSON.stringify({ id: `case-${String(i + 1).padStart(2, '0')}`, input: String(i + 1) })).join('\n') + '\n'

const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : [])

describe('a run killed half-way (built CLI)', () => {
  it('keeps every finished record, and --resume completes it without duplicating any', async () => {
    const cwd = makeProject({ 'vouch.config.ts': config, 'data/cases.jsonl': jsonl })
    const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1', VOUCH_EVIDENCE_SALT: 'test-salt-0123456789abcdef' }
    const child = spawn(process.execPath, [binPath, 'eval', '--run-id', 'killed'], { cwd, env, stdio: 'ignore' })
    const journal = join(cwd, 'reports/killed/results.jsonl')
    const deadline = Date.now() + 30_000
    while (lines(journal).length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
    child.kill('SIGKILL')
    await new Promise((r) => child.on('close', r))

    const kept = lines(journal).length
    expect(kept).toBeGreaterThanOrEqual(10)
    expect(kept).toBeLessThan(rows)
    const evidenceBefore = lines(join(cwd, 'reports/killed/evidence.jsonl'))
    expect(evidenceBefore.length).toBeLessThanOrEqual(kept)

    const resumed = await runCli(['eval', '--resume'], { cwd })
    expect(resumed.stderr).toContain('(resumed)')
    expect(resumed.code).toBe(0)
    expect(readdirSync(join(cwd, 'reports'))).toEqual(['killed'])

    const journalIds = lines(journal).map((l) => JSON.parse(l).caseId as string)
    expect(journalIds).toHaveLength(rows)
    expect(new Set(journalIds).size).toBe(rows)
    const evidence = lines(join(cwd, 'reports/killed/evidence.jsonl')).map((l) => {
      const r = JSON.parse(l) as { seq: number; payload: { caseId: string }; prevHash: string; hash: string }
      return { ...r, caseId: r.payload.caseId }
    })
    expect(evidence.map((r) => r.caseId)).toEqual(Array.from({ length: rows }, (_, i) => `case-${String(i + 1).padStart(2, '0')}`))
    expect(evidence.map((r) => r.seq)).toEqual(Array.from({ length: rows }, (_, i) => i))
    for (let i = 1; i < evidence.length; i++) expect(evidence[i]!.prevHash).toBe(evidence[i - 1]!.hash)
    // the records written before the kill are untouched: the log was appended to, never rewritten
    expect(lines(join(cwd, 'reports/killed/evidence.jsonl')).slice(0, evidenceBefore.length)).toEqual(evidenceBefore)
    const report = JSON.parse(readFileSync(join(cwd, 'reports/killed/report.json'), 'utf8'))
    expect(report).toMatchObject({ complete: true, verdict: 'pass', evidence: { count: rows } })
    expect(report.suites[0].counts.cases).toBe(rows)

    const again = await runCli(['eval', '--resume'], { cwd })
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/no unfinished run/)
  })
})
