import { describe, expect, it } from 'vitest'
import { renderHtml, renderHtmlChunks } from '../../src/report/html-reporter.js'
import { failureGroups } from '../../src/report/html/failure-groups.js'
import { binScores } from '../../src/report/html/score-histogram.js'
import { renderMarkdown } from '../../src/report/markdown-reporter.js'
import { passRateTextChart, sparkline, textBar } from '../../src/report/text-chart.js'
import { baselineByEvaluator, type RunReport } from '../../src/runner/run-report.js'
import { svgElements, xmlProblems } from '../helpers/xml-well-formed.js'
import { fixtureReport, XSS } from './fixture-report.js'

const HOSTILE = `ev<il>"&'\u0007${XSS}]]>`

/** The fixture with a baseline whose per-evaluator rates are known, and a hostile evaluator name in one suite. */
function withBaseline(): RunReport {
  const r = fixtureReport({ cases: 9 })
  const base = structuredClone(r)
  for (const s of base.suites) for (const e of s.byEvaluator) Object.assign(e, { pass: e.total, fail: 0, passRate: 1 })
  r.baseline = { ...r.baseline!, byEvaluator: baselineByEvaluator(base) }
  return r
}

function hostile(): RunReport {
  const r = withBaseline()
  const s = r.suites[1]!
  s.name = `suite-${HOSTILE}`
  for (const c of s.cases) {
    c.suite = s.name
    c.caseId = `id-${HOSTILE}`
    for (const x of c.results) {
      x.evaluator = HOSTILE
      x.policyId = `policy-${HOSTILE}`
    }
  }
  s.byEvaluator[0]!.name = HOSTILE
  r.baseline!.byEvaluator!.push({ ...r.baseline!.byEvaluator![0]!, suite: s.name, name: HOSTILE })
  return r
}

const caseStatuses = (html: string) => [...html.matchAll(/<details class="case"[^>]*data-status="([^"]*)"/g)].map((m) => m[1])

describe('report.html charts', () => {
  it('lists failing and erroring cases first, then skipped, then passing', () => {
    const r = fixtureReport({ cases: 9 })
    // One skipped-only case and one erroring case at the end of the dataset.
    const support = r.suites[0]!
    const skipped = structuredClone(support.cases[0]!)
    skipped.caseId = 'skipped-1'
    skipped.results = [{ ...skipped.results[0]!, status: 'skipped', passed: true }]
    const errored = structuredClone(support.cases[0]!)
    errored.caseId = 'error-1'
    errored.results = [{ ...errored.results[0]!, status: 'error', passed: false }]
    support.cases.push(skipped, errored)
    const statuses = caseStatuses(renderHtml(r))
    const rank = (s: string | undefined) => ({ error: 0, fail: 0, skipped: 1, pass: 2 })[s as 'pass']
    expect(statuses.map(rank)).toEqual([...statuses.map(rank)].sort((a, b) => a - b))
    expect(statuses[0]).toBe('fail')
    expect(statuses).toContain('error')
    expect(statuses.indexOf('skipped')).toBeGreaterThan(statuses.lastIndexOf('error'))
    expect(statuses.at(-1)).toBe('pass')
  })

  it('draws a summary band: verdict, gate lines, pass-rate bars with the baseline marked and the delta written beside', () => {
    const html = renderHtml(withBaseline())
    const band = html.slice(html.indexOf('<section id="summary"'), html.indexOf('</section>', html.indexOf('<section id="summary"')))
    expect(band).toContain('<div class="big-verdict fail">FAIL</div>')
    expect(band).toContain('✘ suite maxFailures')
    const bars = svgElements(band)
    expect(bars.length).toBeGreaterThanOrEqual(2)
    // support: output-range passes 6 of 9 now against 100 % in the baseline.
    expect(band).toContain('<title>support: pass rate by evaluator against baseline base</title>')
    expect(band).toMatch(/output-range: 66\.7% pass rate \(6 pass, 3 fail, 0 error, 0 skipped\); baseline 100\.0%, ▼33\.3 points/)
    expect(band).toContain('▼33.3 pts')
    // The baseline tick: a dark line per row with a baseline.
    expect(band.match(/stroke="#1d2330" stroke-width="2\.5"/g)!.length).toBeGreaterThanOrEqual(2)
    // Text equivalent.
    expect(band).toContain('<summary>Pass rates as a table</summary>')
  })

  it('says when the baseline rates were not recorded (older report) and draws no marks', () => {
    const html = renderHtml(fixtureReport())
    expect(html).toContain('per-evaluator rates were not recorded')
    expect(html).not.toContain('stroke-width="2.5"')
  })

  it('groups failures by criterion, policy id or finding type, with counts and case links', () => {
    const r = withBaseline()
    const groups = failureGroups(r)
    const range = groups.find((g) => g.key === 'output-range: above_max')!
    expect(range).toMatchObject({ fail: 3, cases: 3, kind: 'finding' })
    expect(range.examples.map((e) => e.caseId)).toEqual(['case-2', 'case-5', 'case-8'])
    expect(groups.find((g) => g.key === 'pii/c1')).toMatchObject({ kind: 'criterion', fail: 1 })
    const html = renderHtml(r)
    expect(html).toContain('<section id="failures"><h2>Where the failures are</h2>')
    expect(html).toContain('<a href="#case-support_case-2">case-2</a>')
  })

  it('draws a score histogram per evaluator', () => {
    expect(binScores([0, 0.05, 0.5, 0.95, 1, 1, Number.NaN, 2, -1])).toEqual([3, 0, 0, 0, 0, 1, 0, 0, 0, 4])
    const html = renderHtml(withBaseline())
    expect(html).toContain('<title>output-range score distribution</title>')
    expect(html).toMatch(/<desc>output-range: 9 scored results; 0\.5–0\.6: 3, 0\.9–1\.0: 6<\/desc>/)
  })

  it('every SVG is well-formed XML and escapes hostile evaluator names, suite names and case ids', () => {
    const html = renderHtml(hostile())
    const svgs = svgElements(html)
    expect(svgs.length).toBeGreaterThan(5)
    for (const s of svgs) expect(xmlProblems(s)).toEqual([])
    expect(html).not.toContain(XSS)
    expect(html).not.toContain('\u0007')
    expect(html).not.toContain('<il>')
    expect(svgs.join('')).toContain('ev&lt;il&gt;&quot;&amp;&#39;')
  })

  it('streams: the chunks join to the page, one chunk per case', () => {
    const r = fixtureReport({ cases: 30 })
    const chunks = [...renderHtmlChunks(r)]
    expect(chunks.join('')).toBe(renderHtml(r))
    expect(chunks.filter((c) => c.startsWith('\n<details class="case"'))).toHaveLength(r.suites.reduce((n, s) => n + s.cases.length, 0))
  })
})

describe('Markdown text chart', () => {
  it('draws bars in eighths and sparklines', () => {
    expect(textBar(1, 10)).toBe('██████████')
    expect(textBar(0, 4)).toBe('····')
    expect(textBar(0.55, 10)).toBe('█████▌····')
    expect(sparkline([0, 0.5, 1, undefined])).toBe('▁▄█·')
  })

  it('writes pass rate and the change against the baseline, aligned, one line per evaluator', () => {
    const lines = passRateTextChart([
      { label: 'pii', rate: 0.985, baseline: 0.978 },
      { label: 'output-range', rate: 2 / 3, baseline: 1 },
      { label: 'is-compliant', inBaseline: true },
      { label: 'new-one', rate: 1 },
    ])
    expect(lines[0]).toBe(`pii${' '.repeat(12)}98.5%  ▲0.7  ${'█'.repeat(19)}▊`)
    expect(lines[1]).toMatch(/^output-range {3}66\.7% ▼33\.3/)
    expect(lines[2]).toMatch(/^is-compliant {7}— {5}— {2}all skipped$/)
    expect(lines[3]).toMatch(/new {2}█{20}$/)
  })

  it('appears in summary.md (and so in the GitHub step summary) inside a code block, hostile names neutralised', () => {
    const md = renderMarkdown(hostile())
    expect(md).toContain('Pass rate by evaluator (change in points against baseline `base`):')
    expect(md).toMatch(/```text\noutput-range +66\.7% +▼33\.3 {2}█/)
    const block = md.split('```text\n')[2]!.split('```')[0]!
    expect(block).not.toContain('`')
    expect(block).not.toContain('\u0007')
  })
})
