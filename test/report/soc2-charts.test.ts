import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chainRecord } from '../../src/evidence/chain-record.js'
import { GENESIS_HASH, type EvidenceEntry } from '../../src/evidence/evidence-record.js'
import { weekOf } from '../../src/report/soc2/control-timeline.js'
import { soc2Report } from '../../src/report/soc2/index.js'
import { svgElements, xmlProblems } from '../helpers/xml-well-formed.js'

const HOSTILE = '<script>alert(1)</script>"&'

function writeLog(entries: EvidenceEntry[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-soc2-charts-'))
  let prev = GENESIS_HASH
  const lines = entries.map((entry, seq) => {
    const { record, line } = chainRecord(entry, seq, prev)
    prev = record.hash
    return line
  })
  const path = join(dir, 'guardrail.jsonl')
  writeFileSync(path, lines.join(''))
  return path
}

const entry = (ts: string, i: number, status: 'pass' | 'fail' | 'error' | 'skipped', controls: string[]): EvidenceEntry => ({
  ts,
  requestId: `req-${ts}-${i}`,
  route: 'support',
  evaluator: { name: 'pii', version: '1.0.0', configHash: 'b'.repeat(64) },
  controls,
  result: { evaluator: 'pii', version: '1.0.0', status, passed: status === 'pass', score: status === 'pass' ? 1 : 0, reason: status, findings: [] },
})

/** A guardrail log over four weeks: 200 decisions a week on C1.1 with 1, 2, 4 and 0 failures; a hostile criterion id on a few. */
function weeksLog(): string {
  const entries: EvidenceEntry[] = []
  const failures = [1, 2, 4, 0]
  failures.forEach((f, w) => {
    for (let i = 0; i < 200; i++) {
      const day = new Date(Date.UTC(2026, 10, 2 + w * 7 + (i % 7), 12)).toISOString() // Mondays from 2026-11-02
      entries.push(entry(day, i, i < f ? 'fail' : 'pass', ['C1.1', ...(i % 50 === 0 ? [HOSTILE] : [])]))
    }
    entries.push(entry(new Date(Date.UTC(2026, 10, 3 + w * 7)).toISOString(), 999, 'skipped', ['C1.1']))
  })
  return writeLog(entries)
}

describe('SOC 2 report charts', () => {
  it('weeks start on Monday (UTC)', () => {
    expect(weekOf('2026-11-02T00:00:00.000Z')).toBe('2026-11-02')
    expect(weekOf('2026-11-08T23:59:59.999Z')).toBe('2026-11-02')
    expect(weekOf('2026-11-09T00:00:00.000Z')).toBe('2026-11-09')
    expect(weekOf('not a time')).toBeUndefined()
  })

  it('tallies failures per 1,000 decisions per week per criterion (skipped records are not decisions)', async () => {
    const { evidence } = await soc2Report({ inputs: [weeksLog()] })
    const c11 = evidence.categories.flatMap((c) => c.controls).find((c) => c.control === 'C1.1')!
    expect(c11.timeline!.byWeek.map((b) => [b.key, b.decisions, b.failing])).toEqual([
      ['2026-11-02', 200, 1],
      ['2026-11-09', 200, 2],
      ['2026-11-16', 200, 4],
      ['2026-11-23', 200, 0],
    ])
  })

  it('HTML: a coverage and failure-rate bar per criterion and the weekly view, as well-formed, escaped SVG with tables', async () => {
    const { text } = await soc2Report({ inputs: [weeksLog()], format: 'html' })
    const svgs = svgElements(text)
    for (const s of svgs) expect(xmlProblems(s)).toEqual([])
    const bars = svgs.find((s) => s.includes('<title>Coverage and failure rate per Trust Services Criterion</title>'))!
    expect(bars).toContain('C1.1: coverage 100.0% (804 of 804), failure rate 0.9% (7 of 800 decisions)')
    const weekly = svgs.find((s) => s.includes('<title>Failures per 1,000 decisions per criterion, by week</title>'))!
    expect(weekly).toContain('<desc>C1.1: 5.0, 10.0, 20.0, 0.0')
    expect(text).toContain('<h2>Over time: failures per 1,000 decisions, by week</h2>')
    expect(text).toContain('<td>week of 2026-11-16</td><td class="n">20.0 (4/200)</td>')
    expect(text).not.toContain('<script>alert(1)</script>')
  })

  it('Markdown: text bars per criterion and a weekly sparkline', async () => {
    const { text } = await soc2Report({ inputs: [weeksLog()] })
    expect(text).toMatch(/C1\.1 +█{20} 100\.0% +0\.9% \(7\/800\)/)
    expect(text).toContain('Failures per 1,000 decisions, by week (4 weeks, 2026-11-02 to 2026-11-23):')
    expect(text).toMatch(/C1\.1 +▂▄█▁ +latest 0\.0, max 20\.0/)
  })

  it('no over-time view for a single week and a single run', async () => {
    const path = writeLog([entry('2026-11-02T10:00:00.000Z', 1, 'fail', ['C1.1']), entry('2026-11-03T10:00:00.000Z', 2, 'pass', ['C1.1'])])
    const { text } = await soc2Report({ inputs: [path], format: 'html' })
    expect(text).not.toContain('id="over-time"')
    expect(text).toContain('<title>Coverage and failure rate per Trust Services Criterion</title>')
  })
})
