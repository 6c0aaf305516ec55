import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderHtml } from '../../src/report/html-reporter.js'
import { findChromium, runChromium } from './chromium.js'
import { fixtureReport } from './fixture-report.js'

// Headless Chromium renders report.html. Skipped (with a message) only when Chromium is absent and
// CI is not set; under CI=true (or VOUCH_REQUIRE_CHROMIUM=1, set by .ci/run) a missing Chromium fails the suite.
const chromium = findChromium()
const inCi = (!!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0') || process.env.VOUCH_REQUIRE_CHROMIUM === '1'
if (!chromium && !inCi) console.warn('[vouch] report.html browser tests SKIPPED: no /usr/bin/chromium (install with: apt-get install -y chromium; CI=true makes this an error)')

const report = fixtureReport({ cases: 9 })
const dir = mkdtempSync(join(tmpdir(), 'vouch-html-'))
const file = join(dir, 'report.html')
writeFileSync(file, renderHtml(report))
const allCases = report.suites.flatMap((s) => s.cases)

/** The `<details class="case">` opening tags of a dumped DOM, with whether each is hidden. */
function caseTags(dom: string): { tag: string; hidden: boolean; status: string; id: string }[] {
  return [...dom.matchAll(/<details class="case"[^>]*>/g)].map(([tag]) => ({
    tag,
    hidden: /\shidden(=""|\s|>)/.test(tag),
    status: /data-status="([^"]*)"/.exec(tag)?.[1] ?? '',
    id: /\sid="([^"]*)"/.exec(tag)?.[1] ?? '',
  }))
}

describe.skipIf(!chromium && !inCi)('report.html in headless Chromium', () => {
  it('finds Chromium', () => {
    expect(chromium, 'Chromium is required under CI (install: apt-get install -y chromium)').toBeDefined()
  })

  it('renders: the screenshot is a non-trivial 1280×2000 PNG', async () => {
    const png = join(dir, 'shot.png')
    await runChromium(chromium!, file, { flags: [`--screenshot=${png}`, '--window-size=1280,2000', '--hide-scrollbars'] })
    const bytes = readFileSync(png)
    expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true)
    expect(bytes.readUInt32BE(16)).toBe(1280)
    expect(bytes.readUInt32BE(20)).toBe(2000)
    // A blank page compresses to a few KB; tables, badges and text do not.
    expect(bytes.length).toBeGreaterThan(30_000)
  })

  it('applies the filter in the URL hash on load: #status=fail leaves only failing cases visible', async () => {
    const dom = await runChromium(chromium!, file, { hash: '#status=fail', flags: ['--dump-dom'] })
    const tags = caseTags(dom)
    expect(tags).toHaveLength(allCases.length)
    const visible = tags.filter((t) => !t.hidden)
    expect(visible.length).toBe(allCases.filter((c) => c.results.some((r) => r.status === 'fail')).length)
    expect(visible.length).toBeGreaterThan(0)
    expect(visible.every((t) => t.status === 'fail')).toBe(true)
    expect(tags.filter((t) => t.hidden).every((t) => t.status === 'pass')).toBe(true)
    expect(dom).toContain(`Showing ${visible.length} of ${allCases.length} cases`)
    expect(dom).toMatch(/<select name="status">[\s\S]*?<\/select>/)
  })

  it('combines filters: suite, status and text search', async () => {
    const bySuite = caseTags(await runChromium(chromium!, file, { hash: '#suite=privacy&status=fail', flags: ['--dump-dom'] })).filter((t) => !t.hidden)
    expect(bySuite.map((t) => t.id)).toEqual(['case-privacy_redacted-1'])
    const bySearch = caseTags(await runChromium(chromium!, file, { hash: '#q=CASE%208%20out%20of%20range', flags: ['--dump-dom'] })).filter((t) => !t.hidden)
    expect(bySearch.map((t) => t.id)).toEqual(['case-support_case-8'])
    const none = caseTags(await runChromium(chromium!, file, { hash: '#status=error', flags: ['--dump-dom'] })).filter((t) => !t.hidden)
    expect(none).toEqual([])
  })

  it('does not execute text from the report: <script> and onerror payloads stay inert', async () => {
    const dom = await runChromium(chromium!, file, { flags: ['--dump-dom'] })
    expect(/<body[^>]*>/.exec(dom)?.[0]).not.toContain('data-pwned')
    expect(dom).toContain(`<title>vouch FAIL — ${report.runId}</title>`)
    expect(dom.match(/<script\b/g)).toHaveLength(1)
    expect(dom).not.toMatch(/<img\b/)
    // The payload is there, as text.
    expect(dom).toContain('&lt;script&gt;document.title="pwned"')
    // Our script ran (so a payload would have had the chance to): every case is counted.
    expect(dom).toContain(`data-shown="${allCases.length}"`)
  })
})
