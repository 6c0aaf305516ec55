import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { svgElements, xmlProblems } from '../helpers/xml-well-formed.js'
import { countColor, decodePng, lumaVariance } from '../helpers/decode-png.js'
import { makeProject, repoRoot, runCli } from '../helpers/cli.js'
import { findChromium, runChromium } from '../html/chromium.js'

// End to end with the built CLI on the repository's own example: the regression demo against a
// passing baseline, then `vouch report trend reports/` over runs of the example suites where the
// prompt was edited half-way.

const T0 = 1_795_000_000
const DAY = 86_400

function repoFiles(...dirs: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else out[relative(repoRoot, path)] = readFileSync(path, 'utf8')
    }
  }
  for (const d of dirs) walk(join(repoRoot, d))
  return out
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`

/** The regression demo's cases with the six regressed answers replaced by a good one: what the baseline release answered. */
function passingDemoCsv(): string {
  const rows = parse(readFileSync(join(repoRoot, 'datasets/regression-demo/cases.csv'), 'utf8')) as string[][]
  const good = rows[1]![2]!
  const fixed = rows.map((r, i) => (i > 0 && ['regress-002', 'regress-003', 'regress-004', 'regress-005', 'regress-006', 'regress-007'].includes(r[0]!) ? [r[0]!, r[1]!, good, ...r.slice(3)] : r))
  return `${fixed.map((r) => r.map(quote).join(',')).join('\n')}\n`
}

const config = readFileSync(join(repoRoot, 'vouch.config.ts'), 'utf8')
const baselineConfig = config.replace("'datasets/regression-demo/cases.csv'", "'datasets/regression-demo/cases-baseline.csv'")
// The edited release: a new prompt version and template, answers recorded with it (the support
// cases plus the regression demo's answers).
const editedConfig = config
  .replace("version: '2.1.0',\n  template: readFileSync(here('./datasets/support/system-prompt.md'), 'utf8'),", "version: '2.2.0',\n  template: readFileSync(here('./datasets/support/system-prompt.md'), 'utf8') + '\\nAlways confirm the customer details back to them.\\n',")
  .replace("dataset: 'datasets/support/cases.csv'", "dataset: 'datasets/support/cases-v2.csv'")
const supportV2 = `${readFileSync(join(repoRoot, 'datasets/support/cases.csv'), 'utf8').trimEnd()}\n${readFileSync(join(repoRoot, 'datasets/regression-demo/cases.csv'), 'utf8').split('\n').slice(1).join('\n')}`

const chromium = findChromium()
let cwd: string
const at = (seconds: number) => ({ SOURCE_DATE_EPOCH: String(seconds) })

describe('regression demo and trend, end to end with the built CLI', () => {
  beforeAll(async () => {
    expect(baselineConfig).not.toBe(config)
    expect(editedConfig).toContain("version: '2.2.0'")
    expect(editedConfig).toContain('cases-v2.csv')
    cwd = makeProject({
      ...repoFiles('datasets', 'rubrics'),
      'vouch.config.ts': config,
      'baseline.config.ts': baselineConfig,
      'edited.config.ts': editedConfig,
      'datasets/regression-demo/cases-baseline.csv': passingDemoCsv(),
      'datasets/support/cases-v2.csv': supportV2,
    })
    const runs: [string[], number, number][] = [
      [['eval', '--config', 'baseline.config.ts', '--suite', 'regression-demo', '--run-id', 'demo-baseline'], T0, 0],
      [['eval', '--suite', 'regression-demo', '--baseline', 'reports/demo-baseline/report.json', '--run-id', 'demo'], T0 + 3600, 1],
      // Run ids in reverse alphabetical order: only start times order them.
      [['eval', '--run-id', 'z-release-1'], T0 + DAY, 0],
      [['eval', '--run-id', 'y-release-2'], T0 + 2 * DAY, 0],
      [['eval', '--config', 'edited.config.ts', '--run-id', 'x-release-3'], T0 + 3 * DAY, 1],
      [['eval', '--config', 'edited.config.ts', '--run-id', 'w-release-4'], T0 + 4 * DAY, 1],
    ]
    for (const [args, time, code] of runs) {
      const r = await runCli(args, { cwd, env: at(time) })
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(code)
    }
  }, 240_000)

  it('report.html of the regression demo shows its 6 failing cases first and a per-evaluator bar chart against the baseline', () => {
    const html = readFileSync(join(cwd, 'reports/demo/report.html'), 'utf8')
    const cases = [...html.matchAll(/<details class="case" id="case-regression-demo_([^"]+)" data-status="([^"]+)"/g)].map((m) => [m[1], m[2]])
    expect(cases).toHaveLength(15)
    // The 6 regressions and nothing else: regress-011 recommends the brand "Summit Alpine", which pii
    // before 2.1.0 read as a PERSON; a capitalised run the name list alone vouches for, after "the", is no name.
    expect(cases.slice(0, 6)).toEqual(['002', '003', '004', '005', '006', '007'].map((n) => [`regress-${n}`, 'fail']))
    expect(cases.slice(6).every(([, s]) => s !== 'fail' && s !== 'error')).toBe(true)
    const case011 = html.slice(html.indexOf('id="case-regression-demo_regress-011"'))
    expect(case011.slice(0, case011.indexOf('</details>'))).toContain('data-evaluator="pii" data-status="pass"')
    const band = html.slice(html.indexOf('<section id="summary"'), html.indexOf('<section id="failures"'))
    expect(band).toContain('<title>regression-demo: pass rate by evaluator against baseline demo-baseline</title>')
    expect(band).toMatch(/output-range: 66\.7% pass rate \(10 pass, 5 fail, 0 error, 0 skipped\); baseline 100\.0%, ▼33\.3 points/)
    expect(band).toMatch(/pii: 93\.3% pass rate .*; baseline 100\.0%, ▼6\.7 points/)
    expect(band).toContain('6 new failures')
    for (const s of svgElements(html)) expect(xmlProblems(s)).toEqual([])
    const md = readFileSync(join(cwd, 'reports/demo/summary.md'), 'utf8')
    expect(md).toMatch(/output-range +66\.7% +▼33\.3 +█{13}/)
  })

  it('vouch report trend reports/ draws pass rate over time with the prompt change marked, in a self-contained page', async () => {
    const r = await runCli(['report', 'trend', 'reports', '--out', 'trend.html'], { cwd })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain('6 runs, 3 suites')
    const html = readFileSync(join(cwd, 'trend.html'), 'utf8')
    // Self-contained: a CSP that forbids the network, no script, no external reference.
    expect(html).toContain("default-src 'none'".replace(/'/g, '&#39;'))
    expect(html).not.toMatch(/<script\b|<link\b|\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i)
    const support = svgElements(html).find((s) => s.includes('<title>support: pass rate per run</title>'))!
    expect(support).toContain('Version change 1: prompt support-assistant: 2.1.0 → 2.2.0')
    expect(support.match(/<title>gate (pass|fail) — /g)).toHaveLength(4)
    // Runs table in start-time order.
    const order = [...html.matchAll(/<tr><td class="n">\d+<\/td><td>[^<]+<\/td><td><code>([^<]+)<\/code>/g)].map((m) => m[1])
    expect(order).toEqual(['demo-baseline', 'demo', 'z-release-1', 'y-release-2', 'x-release-3', 'w-release-4'])

    const json = JSON.parse((await runCli(['report', 'trend', 'reports', '--format', 'json'], { cwd })).stdout)
    const suite = json.suites.find((s: { name: string }) => s.name === 'support')
    expect(suite.changes.filter((c: { kind: string }) => c.kind === 'prompt')).toEqual([{ run: 4, kind: 'prompt', subject: 'support-assistant', from: '2.1.0', to: '2.2.0' }])
    const rates = suite.points.map((p: { passRate?: number } | null) => p?.passRate ?? null)
    expect(rates.slice(0, 2)).toEqual([null, null])
    // every result of the third run passes (support-046, a GDPR erasure request, no longer trips prompt-injection)
    expect(rates[2]).toBe(1)
    expect(rates[4]).toBeLessThan(rates[2])

    if (!chromium) return
    const png = join(cwd, 'trend.png')
    await runChromium(chromium, join(cwd, 'trend.html'), { flags: [`--screenshot=${png}`, '--window-size=1280,1600', '--hide-scrollbars'] })
    const image = decodePng(readFileSync(png))
    expect(lumaVariance(image, { y0: 200, y1: 1500 })).toBeGreaterThan(200)
    expect(countColor(image, '#7c3aed', { tolerance: 30 })).toBeGreaterThan(100)
  }, 120_000)

  it('--format md writes sparklines; a named file that is not a report is exit 2 naming it', async () => {
    const md = await runCli(['report', 'trend', 'reports', '--format', 'md'], { cwd })
    expect(md.code).toBe(0)
    expect(md.stdout).toContain('before run 5 (`x-release-3`')
    const bad = await runCli(['report', 'trend', 'vouch.config.ts'], { cwd })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('vouch.config.ts: not valid JSON')
  })
})
