import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { escapeMarkdown } from '../../src/report/escape-markdown.js'
import { makeProject, runCli } from '../helpers/cli.js'

const config = `
import { defineConfig, outputRange } from 'vouch'
export default defineConfig({
  suites: [{ name: 'ids', dataset: 'cases.jsonl', evaluators: [outputRange({ parse: 'number', ranges: { $: { min: 0, max: 5 } } })], gate: { minPassRate: 0 } }],
})
`
const hostileIds = ['jane.doe@example.com', '<details open><img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '# heading | pipe']

describe('nothing raw at rest (red team)', () => {
  it('a PII value in the id column appears in no report, log or journal; Markdown outputs escape HTML and links', async () => {
    const cwd = makeProject({
      'vouch.config.ts': config,
      // every case fails (99 > 5), so every id lands in the failure tables of summary.md
      'cases.jsonl': hostileIds.map((id) => JSON.stringify({ id, output: '99' })).join('\n') + '\n',
    })
    const r = await runCli(['eval', '--run-id', 'run'], { cwd })
    expect(r.code, r.stderr).toBe(0) // minPassRate 0: the failures are listed, the gate passes
    const runDir = join(cwd, 'reports/run')
    for (const file of readdirSync(runDir)) {
      const text = readFileSync(join(runDir, file), 'utf8')
      expect(text, file).not.toContain('jane.doe@example.com')
    }
    expect(r.stdout + r.stderr).not.toContain('jane.doe@example.com')
    const summary = readFileSync(join(runDir, 'summary.md'), 'utf8')
    expect(summary).toContain('EMAIL\\_ADDRESS') // the pseudonym, Markdown-escaped
    expect(summary).not.toMatch(/<details|<img/)
    expect(summary).not.toContain('](javascript:')
    expect(summary).toContain('&lt;details open&gt;')
    const soc2 = await runCli(['report', 'soc2', 'reports/run'], { cwd })
    expect(soc2.stdout).not.toMatch(/<details|<img|\]\(javascript:/)
  }, 300_000) // spawns the built CLI several times: slow on a loaded machine

  it('escapeMarkdown neutralises HTML, links, emphasis, table pipes and line breaks, in linear time', () => {
    expect(escapeMarkdown('<b>x</b> [a](javascript:1) *y* | z\nw')).toBe('&lt;b&gt;x&lt;/b&gt; \\[a\\]\\(javascript:1\\) \\*y\\* \\| z w')
    const hostile = '<['.repeat(200_000)
    const t = Date.now()
    expect(escapeMarkdown(hostile).length).toBeGreaterThan(hostile.length)
    expect(Date.now() - t).toBeLessThan(2000)
  }, 300_000) // spawns the built CLI several times: slow on a loaded machine

  it('vouch scan neither quotes bad input in its JSON error nor prints a PII id raw', async () => {
    const cwd = makeProject({ 'bad.jsonl': '{"text": "card 4111 1111 1111 1111", oops}\n', 'ok.jsonl': `${JSON.stringify({ id: 'jane.doe@example.com', text: 'hello' })}\n` })
    const bad = await runCli(['scan', 'bad.jsonl', '--evaluators', 'pii'], { cwd })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/bad\.jsonl:1/)
    expect(bad.stderr).not.toContain('4111')
    const ok = await runCli(['scan', 'ok.jsonl', '--evaluators', 'pii'], { cwd })
    expect(ok.code, ok.stderr).toBe(0)
    expect(ok.stdout).not.toContain('jane.doe@example.com')
    expect(ok.stdout).toContain('EMAIL_ADDRESS')
  }, 300_000) // spawns the built CLI several times: slow on a loaded machine
})
