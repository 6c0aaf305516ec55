import { describe, expect, it } from 'vitest'
import { escapeHtml } from '../../src/report/html/escape-html.js'
import { highlightFindings, trustedPrefix } from '../../src/report/html/highlight-findings.js'
import { renderHtml } from '../../src/report/html-reporter.js'
import { reporters } from '../../src/report/reporters.js'
import { fixtureReport, IMG_XSS, XSS } from './fixture-report.js'

const html = renderHtml(fixtureReport())

describe('html reporter', () => {
  it('is registered as report.html', () => {
    expect(reporters.html.file).toBe('report.html')
    expect(reporters.html.render(fixtureReport())).toBe(html)
  })

  it('is one self-contained file: no external resource, a CSP that forbids the network', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i)
    expect(html).not.toMatch(/@import|\burl\(|<link\b/i)
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1]?.replace(/&#39;/g, "'")
    expect(csp).toContain("default-src 'none'")
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/)
    // Exactly one script element: ours.
    expect(html.match(/<script\b/gi)).toHaveLength(1)
  })

  it('escapes every user-controlled string (ids, text, reasons, finding types, details)', () => {
    expect(html).not.toContain(XSS)
    expect(html).not.toContain(IMG_XSS)
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;script&gt;document.title=&quot;pwned&quot;')
    expect(html).toContain('T&lt;img src=x onerror=&quot;document.body.setAttribute(&#39;data-pwned&#39;')
  })

  it('shows the verdict, suites, per-evaluator tables, versions and the evidence hash', () => {
    expect(html).toContain('class="badge fail verdict">FAIL</span>')
    expect(html).toContain('id="suite-support"')
    expect(html).toContain('id="suite-privacy"')
    expect(html).toMatch(/<td>pii<\/td><td>1\.0\.0<\/td>.*privacy@example\.com.*C1\.1, P4\.2/)
    expect(html).toContain('<code>support-assistant@2.1.0</code> sha256')
    expect(html).toContain('9'.repeat(64))
    expect(html).toContain('a'.repeat(40))
  })

  it('shows the baseline diff: new failures, fixed and score changes, and tags the cases', () => {
    expect(html).toContain('<strong class="s-fail">1 new failures</strong>, 1 fixed, 1 score changes')
    expect(html).toMatch(/New failures[^<]*— 1/)
    expect(html).toMatch(/<td class="n s-fail">-0\.500<\/td>/)
    expect(html).toMatch(/id="case-support_case-2" data-status="fail" data-suite="support" data-change="regressed score-changed"/)
    expect(html).toContain('data-change="fixed"')
  })

  it('renders filters whose options come from the report', () => {
    expect(html).toContain('<form id="filters"')
    expect(html).toContain('<option value="fail">fail</option>')
    expect(html).toContain('<option value="privacy">privacy</option>')
    expect(html).toContain('<option value="regressed">new failures</option>')
  })

  it('highlights findings in raw text in place, and lists findings it cannot place', () => {
    expect(html).toContain('Mail <mark class="f" data-type="EMAIL_ADDRESS" title="EMAIL_ADDRESS (pii/email, score 1)">jane@example.com</mark>')
    // Judge reasons (criteria) are shown, escaped.
    expect(html).toContain('<code>c1</code>: judge: &lt;script&gt;')
  })

  it('highlights in redacted text only before the first redaction marker', () => {
    expect(html).toContain('Hello <mark class="f" data-type="PERSON" title="PERSON (pii/names, score 0.8)">Jane</mark>, your email &lt;EMAIL_ADDRESS:3f9a1c2e&gt; is noted')
    expect(html).toMatch(/Findings not highlighted.*\n<li><code>EMAIL_ADDRESS<\/code> in <code>output<\/code> \[23, 38\) score 1/)
  })
})

describe('highlightFindings', () => {
  const f = (start: number, end: number, type = 'X') => ({ type, field: 'output', start, end, score: 1, evaluator: 'e' })
  it('splits overlapping findings at every boundary', () => {
    const { html: out, unplaced } = highlightFindings('abcdefgh', [f(1, 5, 'A'), f(3, 7, 'B')], 8)
    expect(unplaced).toEqual([])
    expect(out).toBe('a<mark class="f" data-type="A" title="A (e, score 1)">bc</mark><mark class="f" data-type="A B" title="A (e, score 1); B (e, score 1)">de</mark><mark class="f" data-type="B" title="B (e, score 1)">fg</mark>h')
  })
  it('lists empty, out-of-range and untrusted spans instead of guessing', () => {
    const { html: out, unplaced } = highlightFindings('a<b>c', [f(2, 2), f(-1, 2), f(0, 99), f(4, 5)], 3)
    expect(out).toBe('a&lt;b&gt;c')
    expect(unplaced).toHaveLength(4)
  })
  it('trusts raw text fully, redacted text up to its first marker, and nothing without text', () => {
    expect(trustedPrefix('abc', 'raw')).toBe(3)
    expect(trustedPrefix('ab <PHONE_NUMBER:0123abcd> c', 'redacted')).toBe(3)
    expect(trustedPrefix('no marker here', 'redacted')).toBe(14)
    expect(trustedPrefix('abc', 'none')).toBe(0)
    expect(trustedPrefix(undefined, 'raw')).toBe(0)
  })
  it('stays linear on hostile text (1 MB of marker-like noise)', () => {
    const hostile = '<A:0123abc'.repeat(100_000) + '<'.repeat(100_000)
    expect(trustedPrefix(hostile, 'redacted')).toBe(hostile.length)
    expect(escapeHtml('\u0000a\uD800b<')).toBe('ab&lt;')
  })
})
