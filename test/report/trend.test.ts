import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { collectTrend, describeChange } from '../../src/report/trend/collect-trend.js'
import { trendReport } from '../../src/report/trend/trend-report.js'
import type { RunReport } from '../../src/runner/run-report.js'
import { XSS } from '../html/fixture-report.js'
import { seriesRun } from './trend-fixture.js'
import { svgElements, xmlProblems } from '../helpers/xml-well-formed.js'

function writeRuns(reports: RunReport[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-trend-'))
  for (const r of reports) {
    mkdirSync(join(dir, r.runId))
    writeFileSync(join(dir, r.runId, 'report.json'), JSON.stringify(r))
  }
  return dir
}

describe('collectTrend', () => {
  it('orders runs by start time, not by run id or input order', () => {
    const reports = [seriesRun(2), seriesRun(0), seriesRun(1)].map((report) => ({ report, source: report.runId }))
    const t = collectTrend(reports)
    expect(t.runs.map((r) => r.startedAt)).toEqual([...t.runs.map((r) => r.startedAt)].sort())
    expect(t.runs.map((r) => r.runId)).toEqual(['run-050', 'run-049', 'run-048'])
  })

  it('matches evaluators by name across config versions and marks prompt, rubric, evaluator, model and dataset changes', () => {
    const a = seriesRun(0)
    const b = seriesRun(1)
    b.suites[0]!.prompt = { ...a.suites[0]!.prompt!, sha256: '7'.repeat(64) } // edited without a version bump
    b.suites[0]!.evaluators[1] = { ...b.suites[0]!.evaluators[1]!, version: '1.1.0', rubric: { id: 'support-answer', version: '3', sha256: '4'.repeat(64) } }
    b.suites[0]!.evaluators.push({ name: 'secrets', version: '1.0.0', configHash: '0'.repeat(64) })
    b.suites[0]!.model = { provider: 'openai', id: 'gpt-4.1-mini' }
    b.suites[0]!.datasets[0]!.sha256 = '3'.repeat(64)
    b.suites[0]!.evaluators.shift() // output-range gone from the config
    b.suites[0]!.byEvaluator = b.suites[0]!.byEvaluator.filter((e) => e.name !== 'output-range')
    const t = collectTrend([a, b].map((report) => ({ report, source: '' })))
    const support = t.suites.find((s) => s.name === 'support')!
    const changes = support.changes.map(describeChange)
    expect(changes).toContain('prompt support-assistant: 2.1.0 (dddddddd) → 2.1.0 (77777777)')
    expect(changes).toContain('evaluator pii: 1.0.0 → 1.1.0')
    expect(changes).toContain('rubric support-answer added (support-answer@3)')
    expect(changes).toContain('evaluator secrets added (1.0.0)')
    expect(changes).toContain('evaluator output-range removed (was 1.0.0)')
    expect(changes).toContain('model model: openai:gpt-4o-mini → openai:gpt-4.1-mini')
    expect(changes).toContain('dataset datasets/support.csv: eeeeeeee → 33333333')
    expect(support.changes.every((c) => c.run === 1)).toBe(true)
    // pii lines up across both runs; output-range has a gap in the second.
    expect(support.evaluators.find((e) => e.name === 'pii')!.points.every((p) => p !== null)).toBe(true)
    expect(support.evaluators.find((e) => e.name === 'output-range')!.points[1]).toBeNull()
  })

  it('prices judge tokens when given a price', () => {
    const t = collectTrend([{ report: seriesRun(0), source: '' }], { judgePrice: { input: 0.15, output: 0.6 } })
    expect(t.runs[0]!.judge).toEqual({ calls: 10, inputTokens: 1000, outputTokens: 100, costUsd: (1000 * 0.15 + 100 * 0.6) / 1e6 })
  })
})

describe('trend report', () => {
  it('draws charts for a single run', () => {
    const dir = writeRuns([seriesRun(0)])
    const { text, data } = trendReport({ inputs: [dir], format: 'html' })
    expect(data.runs).toHaveLength(1)
    const svgs = svgElements(text)
    expect(svgs.length).toBeGreaterThanOrEqual(4)
    for (const s of svgs) expect(xmlProblems(s)).toEqual([])
    expect(text).toMatch(/<circle cx="[\d.]+" cy="[\d.]+" r="3\.5"/)
  })

  it('draws 50 runs: a point per run per series, the version change marked where it happened, labels thinned', () => {
    const runs = Array.from({ length: 50 }, (_, i) => seriesRun(i, { bumpAt: 30 }))
    const dir = writeRuns(runs)
    const { text, data } = trendReport({ inputs: [dir], format: 'html' })
    expect(data.runs).toHaveLength(50)
    expect(data.runs.map((r) => r.runId)).toEqual(runs.map((r) => r.runId))
    const rate = svgElements(text).find((s) => s.includes('<title>support: pass rate per run</title>'))!
    expect(xmlProblems(rate)).toEqual([])
    // suite + output-range + pii: 3 series × 50 points.
    expect(rate.match(/<circle /g)).toHaveLength(150)
    expect(rate).toContain('Version change 1: prompt support-assistant: 2.1.0 → 2.2.0')
    expect(rate.match(/class="muted small" text-anchor="middle">10-/g)!.length).toBeLessThanOrEqual(13)
    expect(text).toContain('before run 31: prompt support-assistant: 2.1.0 → 2.2.0')
    // The gate strip: one verdict per run.
    expect(rate.match(/<title>gate (?:pass|fail) — /g)).toHaveLength(50)
    // Judge usage per run: a bar per run.
    const judge = svgElements(text).find((s) => s.includes('<title>judge tokens (input + output) per run</title>'))!
    expect(judge.match(/<rect /g)).toHaveLength(50)
    expect(judge).toContain('run-050: 1100, 10 calls')
  })

  it('escapes hostile suite and evaluator names and run ids in HTML and Markdown; every SVG stays well-formed', () => {
    const a = seriesRun(0)
    const b = seriesRun(1)
    for (const r of [a, b]) {
      r.suites[0]!.name = `s${XSS}`
      r.suites[0]!.byEvaluator[0]!.name = `e"&<${XSS}`
      r.runId = `${r.runId}${XSS}\`[x](javascript:alert(1))`
    }
    const dir = mkdtempSync(join(tmpdir(), 'vouch-trend-'))
    writeFileSync(join(dir, 'a.json'), JSON.stringify(a))
    writeFileSync(join(dir, 'b.json'), JSON.stringify(b))
    for (const format of ['html', 'md'] as const) {
      const { text } = trendReport({ inputs: [join(dir, 'a.json'), join(dir, 'b.json')], format })
      if (format === 'html') {
        expect(text).not.toContain(XSS)
        for (const s of svgElements(text)) expect(xmlProblems(s)).toEqual([])
      } else {
        // Markdown: no raw HTML outside code spans (inside one it renders as text), no link, and a
        // backtick in a run id cannot close its code span
        const outsideCode = text.replace(/`[^`\n]*`/g, '')
        expect(outsideCode).not.toMatch(/<script|<img/)
        expect(outsideCode).not.toMatch(/(^|[^\\])\[x\]\(javascript:/m)
        for (const line of text.split('\n')) expect((line.match(/`/g) ?? []).length % 2, line).toBe(0)
      }
    }
  })

  it('writes Markdown with sparklines and JSON with the data', () => {
    const dir = writeRuns(Array.from({ length: 5 }, (_, i) => seriesRun(i, { bumpAt: 3, n: 5 })))
    const md = trendReport({ inputs: [dir], format: 'md' }).text
    expect(md).toContain('# vouch trend — 5 runs')
    expect(md).toMatch(/\| pii \| `███▁▁` \| 100\.0% \| 0\.0% \| ▼100\.0 \|/)
    expect(md).toContain('| *version changes* | `   | ` |')
    const json = JSON.parse(trendReport({ inputs: [dir], format: 'json' }).text)
    expect(json.runs).toHaveLength(5)
    expect(json.suites[0].changes[0]).toMatchObject({ run: 3, kind: 'prompt', from: '2.1.0', to: '2.2.0' })
  })

  it('passes over run directories without report.json, lists unreadable ones, and fails on a named bad file', () => {
    const dir = writeRuns([seriesRun(0)])
    mkdirSync(join(dir, 'unfinished'))
    mkdirSync(join(dir, 'broken'))
    writeFileSync(join(dir, 'broken', 'report.json'), JSON.stringify({ ...seriesRun(1), suites: [{ name: 'x' }] }))
    const { data, problems } = trendReport({ inputs: [dir], format: 'json' })
    expect(data.runs).toHaveLength(1)
    expect(problems).toHaveLength(1)
    expect(problems[0]!.reason).toMatch(/broken\/report\.json: not a vouch report\.json .*suites\[0\]\.\w+/)
    expect(() => trendReport({ inputs: [join(dir, 'broken', 'report.json')] })).toThrow(/suites\[0\]/)
  })
})
