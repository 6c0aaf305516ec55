import { copyFileSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RunReport } from '../../src/runner/run-report.js'
import { makeProject, runCli } from '../helpers/cli.js'

// 40 cases, 8 of them out of range. The gate allows 5 failures: each shard (≈ a third of the
// cases) passes its own gate, the merged run must not.
const rows = Array.from({ length: 40 }, (_, i) => {
  const id = `case-${String(i + 1).padStart(2, '0')}`
  const score = i % 5 === 0 ? 7 : (i % 7) / 10
  return `{"id":"${id}","input":"q${i}","output":"{\\"score\\": ${score}}"}`
})
const config = (maxFailures: number) => `
import { defineConfig, outputRange } from 'vouch'
export default defineConfig({
  suites: [{
    name: 'scores',
    dataset: 'data/cases.jsonl',
    task: 'recorded',
    evaluators: [outputRange({ ranges: { '$.score': { min: 0, max: 1 } } })],
    gate: { maxFailures: ${maxFailures} },
  }],
})
`
const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunReport

let cwd: string
const dirOf = (id: string) => join(cwd, 'reports', id)

beforeAll(async () => {
  cwd = makeProject({ 'vouch.config.ts': config(5), 'data/cases.jsonl': `${rows.join('\n')}\n` })
  expect((await runCli(['eval', '--run-id', 'full'], { cwd })).code).toBe(1)
  for (const i of [1, 2, 3]) {
    const r = await runCli(['eval', '--run-id', `s${i}`, '--shard', `${i}/3`], { cwd })
    expect(r.code, r.stderr).toBe(0)
  }
})

describe('vouch merge (built CLI)', () => {
  it('joins the shards into one run whose counts and gate equal the unsharded run', async () => {
    const r = await runCli(['merge', 'reports/s1', 'reports/s3', 'reports/s2', '--out', 'reports/merged'], { cwd })
    expect(r.stderr).toBe('')
    // Each shard passed its own gate; the merged counts fail it, as the unsharded run did.
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('merged 3 shards: 40 evidence records in 3 verified chains')
    const merged = readReport(dirOf('merged'))
    const full = readReport(dirOf('full'))
    const suite = merged.suites[0]!
    const fullSuite = full.suites[0]!
    expect(merged).toMatchObject({ verdict: 'fail', exitCode: 1, complete: true })
    expect(merged.shard).toBeUndefined()
    expect(suite.counts).toEqual(fullSuite.counts)
    expect(suite.byEvaluator).toEqual(fullSuite.byEvaluator)
    expect(suite.gate).toEqual(fullSuite.gate)
    expect(suite.gate.checks).toEqual([{ scope: 'suite', metric: 'maxFailures', threshold: 5, actual: 8, passed: false, breakdown: { fail: 8, error: 0, skipped: 0 } }])
    expect(suite.cases.map((c) => c.caseId)).toEqual(fullSuite.cases.map((c) => c.caseId))
    expect(suite.datasets[0]!.rows).toBe(40)
    for (const f of ['report.json', 'summary.md', 'junit.xml', 'report.html', 'manifest.json']) expect(existsSync(join(dirOf('merged'), f)), f).toBe(true)
  })

  it('keeps one verifiable chain per shard and a manifest naming each shard, pinned by the report', async () => {
    const merged = readReport(dirOf('merged'))
    const manifestBytes = readFileSync(join(dirOf('merged'), 'manifest.json'))
    const manifest = JSON.parse(manifestBytes.toString('utf8'))
    const { createHash } = await import('node:crypto')
    expect(merged.evidence).toEqual({ path: 'manifest.json', lastHash: createHash('sha256').update(manifestBytes).digest('hex'), count: 40 })
    expect(manifest.shards.map((s: { runId: string; index: number }) => [s.index, s.runId])).toEqual([[0, 's1'], [1, 's2'], [2, 's3']])
    let total = 0
    for (const shard of manifest.shards) {
      const own = readReport(dirOf(shard.runId))
      expect(shard).toMatchObject({ file: `evidence/shard-${shard.index + 1}.jsonl`, records: own.evidence.count, lastHash: own.evidence.lastHash })
      // The copy is byte for byte the shard's log.
      expect(readFileSync(join(dirOf('merged'), shard.file)).equals(readFileSync(join(dirOf(shard.runId), 'evidence.jsonl')))).toBe(true)
      const v = await runCli(['verify', join('reports/merged', shard.file), '--expect-last-hash', shard.lastHash, '--expect-count', String(shard.records)], { cwd })
      expect(v.code, v.stdout).toBe(0)
      total += shard.records
    }
    expect(total).toBe(40)
    expect(merged.shards).toEqual(manifest.shards.map(({ source: _s, reportSha256: _r, ...rest }: Record<string, unknown>) => rest))
    const md = readFileSync(join(dirOf('merged'), 'summary.md'), 'utf8')
    expect(md).toContain('Merged from 3 shards, one hash chain each')
    expect(md).toContain(`| 2/3 | \`s2\` | \`evidence/shard-2.jsonl\` | ${manifest.shards[1].records} | \`${manifest.shards[1].lastHash}\` |`)
  })

  it('refuses a missing shard, a duplicate shard, an unsharded run and an existing output (exit 2)', async () => {
    const missing = await runCli(['merge', 'reports/s1', 'reports/s2'], { cwd })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('missing shard 3/3')
    const dup = await runCli(['merge', 'reports/s1', 'reports/s2', 'reports/s2', 'reports/s3'], { cwd })
    expect(dup.code).toBe(2)
    expect(dup.stderr).toContain('shard 2/3 given more than once: reports/s2, reports/s2')
    const unsharded = await runCli(['merge', 'reports/full'], { cwd })
    expect(unsharded.code).toBe(2)
    expect(unsharded.stderr).toContain('reports/full: run full was not run with --shard I/N')
    const again = await runCli(['merge', 'reports/s1', 'reports/s2', 'reports/s3', '--out', 'reports/merged'], { cwd })
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('reports/merged already holds a report')
  })

  it('refuses tampered evidence, naming the shard, the line and what is wrong, and leaves no output', async () => {
    cpSync(dirOf('s2'), dirOf('s2-edited'), { recursive: true })
    const log = join(dirOf('s2-edited'), 'evidence.jsonl')
    const lines = readFileSync(log, 'utf8').split('\n')
    expect(lines[1]).toContain('"caseId":"case-')
    lines[1] = lines[1]!.replace('"caseId":"case-', '"caseId":"kase-')
    writeFileSync(log, lines.join('\n'))
    const edited = await runCli(['merge', 'reports/s1', 'reports/s2-edited', 'reports/s3', '--out', 'reports/bad'], { cwd })
    expect(edited.code).toBe(2)
    expect(edited.stderr).toMatch(/shard 2\/3 \(reports\/s2-edited\): evidence reports\/s2-edited\/evidence\.jsonl does not verify against its report\.json: line 2 \(seq 1\): /)
    expect(existsSync(dirOf('bad'))).toBe(false)

    cpSync(dirOf('s3'), dirOf('s3-cut'), { recursive: true })
    const cut = join(dirOf('s3-cut'), 'evidence.jsonl')
    const kept = readFileSync(cut, 'utf8').trimEnd().split('\n').slice(0, -1)
    writeFileSync(cut, `${kept.join('\n')}\n`)
    const truncated = await runCli(['merge', 'reports/s1', 'reports/s2', 'reports/s3-cut', '--out', 'reports/bad'], { cwd })
    expect(truncated.code).toBe(2)
    expect(truncated.stderr).toContain('shard 3/3 (reports/s3-cut)')
    expect(truncated.stderr).toContain('truncated')
  })

  it('refuses shards of different configs, and passes a merged gate that holds (exit 0)', async () => {
    copyFileSync(join(cwd, 'vouch.config.ts'), join(cwd, 'config-a.ts'))
    writeFileSync(join(cwd, 'vouch.config.ts'), config(10))
    for (const i of [1, 2, 3]) expect((await runCli(['eval', '--run-id', `b${i}`, '--shard', `${i}/3`], { cwd })).code).toBe(0)
    const mixed = await runCli(['merge', 'reports/s1', 'reports/s2', 'reports/b3'], { cwd })
    expect(mixed.code).toBe(2)
    expect(mixed.stderr).toMatch(/shards come from different configs: reports\/s1 has config sha256 [0-9a-f]{16}…, reports\/b3 has [0-9a-f]{16}…/)
    const ok = await runCli(['merge', 'reports/b1', 'reports/b2', 'reports/b3'], { cwd })
    expect(ok.code).toBe(0)
    expect(ok.stdout).toContain('verdict: PASS')
    const name = /reports: (.*)/.exec(ok.stdout)?.[1]?.trim()
    expect(name).toMatch(/reports\/merged-[0-9a-f]{12}$/)
    expect(readReport(name!).suites[0]!.gate.checks).toEqual([{ scope: 'suite', metric: 'maxFailures', threshold: 10, actual: 8, passed: true, breakdown: { fail: 8, error: 0, skipped: 0 } }])
  })
})
