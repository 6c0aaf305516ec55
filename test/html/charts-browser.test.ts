import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderHtml } from '../../src/report/html-reporter.js'
import { COLORS, SERIES_COLORS } from '../../src/report/html/svg.js'
import { collectTrend } from '../../src/report/trend/collect-trend.js'
import { renderTrendHtml } from '../../src/report/trend/render-trend-html.js'
import { baselineByEvaluator } from '../../src/runner/run-report.js'
import { countColor, decodePng, lumaVariance } from '../helpers/decode-png.js'
import { svgElements } from '../helpers/xml-well-formed.js'
import { seriesRun } from '../report/trend-fixture.js'
import { findChromium, runChromium } from './chromium.js'
import { fixtureReport } from './fixture-report.js'

// The charts as Chromium draws them: screenshots decoded and checked for drawn chart areas, and
// every SVG parsed by Chromium's XML parser. Same skip rule as html-browser.test.ts.
const chromium = findChromium()
const inCi = (!!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0') || process.env.VOUCH_REQUIRE_CHROMIUM === '1'
const dir = mkdtempSync(join(tmpdir(), 'vouch-charts-'))

function reportWithBaseline() {
  const r = fixtureReport({ cases: 9 })
  const base = structuredClone(r)
  for (const s of base.suites) for (const e of s.byEvaluator) Object.assign(e, { pass: e.total, fail: 0, passRate: 1 })
  r.baseline = { ...r.baseline!, byEvaluator: baselineByEvaluator(base) }
  // One evaluator at 100 % now (a green bar) and one below its baseline (a red bar).
  Object.assign(r.suites[1]!.byEvaluator[0]!, { pass: 1, fail: 0, passRate: 1 })
  return r
}

async function shoot(html: string, name: string, height: number) {
  const file = join(dir, `${name}.html`)
  writeFileSync(file, html)
  const png = join(dir, `${name}.png`)
  await runChromium(chromium!, file, { flags: [`--screenshot=${png}`, `--window-size=1280,${height}`, '--hide-scrollbars'] })
  return decodePng(readFileSync(png))
}

describe.skipIf(!chromium && !inCi)('charts in headless Chromium', () => {
  it('report.html: the summary band draws its pass-rate bars (red and green bars, the baseline ticks)', async () => {
    const png = await shoot(renderHtml(reportWithBaseline()), 'report', 1000)
    expect(png.width).toBe(1280)
    // The band sits under the header: its bars are the only large red/green areas up there.
    const band = { x0: 230, x1: 900, y0: 280, y1: 700 }
    expect(lumaVariance(png, band)).toBeGreaterThan(300)
    expect(countColor(png, COLORS.fail, band)).toBeGreaterThan(1500)
    expect(countColor(png, COLORS.pass, band)).toBeGreaterThan(1500)
    expect(countColor(png, COLORS.ink, { ...band, tolerance: 20 })).toBeGreaterThan(200)
    // The blank page bottom (no chart) is what a blank area looks like.
    expect(lumaVariance(png, { x0: 1100, y0: 0, x1: 1280, y1: 60 })).toBeLessThan(5)
  })

  it('trend.html over 50 runs: lines in series colours and the version-change marker are drawn', async () => {
    const runs = Array.from({ length: 50 }, (_, i) => seriesRun(i, { bumpAt: 30 }))
    const html = renderTrendHtml(collectTrend(runs.map((report) => ({ report, source: report.runId }))), { generatedAt: '2026-11-30T00:00:00.000Z', toolVersion: 'test', problems: [] })
    const png = await shoot(html, 'trend', 900)
    const chart = { y0: 150, y1: 600 }
    expect(lumaVariance(png, chart)).toBeGreaterThan(200)
    expect(countColor(png, SERIES_COLORS[0], { ...chart, tolerance: 30 })).toBeGreaterThan(150)
    expect(countColor(png, SERIES_COLORS[1], { ...chart, tolerance: 30 })).toBeGreaterThan(150)
    expect(countColor(png, '#7c3aed', { ...chart, tolerance: 30 })).toBeGreaterThan(100)
  })

  it('every SVG of both pages parses as XML in Chromium', async () => {
    const runs = Array.from({ length: 3 }, (_, i) => seriesRun(i, { bumpAt: 2 }))
    const svgs = [
      ...svgElements(renderHtml(reportWithBaseline())),
      ...svgElements(renderTrendHtml(collectTrend(runs.map((report) => ({ report, source: report.runId }))), { generatedAt: 'x', toolVersion: 'test', problems: [] })),
    ]
    const file = join(dir, 'svgs.xhtml')
    writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>svgs</title></head><body>${svgs.join('\n')}</body></html>`)
    const dom = await runChromium(chromium!, file, { flags: ['--dump-dom'] })
    expect(dom).not.toContain('parsererror')
    expect(dom.match(/<svg\b/g)).toHaveLength(svgs.length)
  })
})
