import { spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeProject, repoRoot } from '../helpers/cli.js'
import { codeBlocks, type CodeBlock } from './code-blocks.js'
import { fakeOpenAI, type FakeOpenAI } from './fake-openai-server.js'

/**
 * Documentation examples run as written: a documented example that fails is a failing test.
 * Which blocks: every ```ts block under README's "Production guardrail" and "Vitest matchers"
 * headings and in docs/guardrail.md, unless its fence says `no-run`. Each runs in a throwaway
 * project where `vouch` is this repository (built), with VOUCH_EVIDENCE_SALT set and the OpenAI
 * provider pointed at a local OpenAI-compatible server (loopback, port 0).
 */
const README_SECTIONS = ['Production guardrail', 'Vitest matchers']
const blocks: CodeBlock[] = [
  ...codeBlocks(join(repoRoot, 'README.md')).filter((b) => README_SECTIONS.includes(b.heading)),
  ...(existsSync(join(repoRoot, 'docs/guardrail.md')) ? codeBlocks(join(repoRoot, 'docs/guardrail.md')) : []),
].filter((b) => /^(ts|typescript)\b/.test(b.info) && !/\bno-run\b/.test(b.info))

const ANSWER = 'Sorry about the double charge. I have asked our billing team to refund one of them within 5 days.'
let server: FakeOpenAI

beforeAll(async () => {
  server = await fakeOpenAI({ answer: ANSWER })
})
afterAll(async () => {
  await server.close()
})

function project(): string {
  const dir = makeProject({ 'rubrics/support-answer.md': readFileSync(join(repoRoot, 'rubrics/support-answer.md'), 'utf8') })
  for (const pkg of ['@ai-sdk/openai', 'jiti', 'vitest']) symlinkSync(join(repoRoot, 'node_modules', pkg), join(dir, 'node_modules', pkg), 'dir')
  return dir
}

function run(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NO_COLOR: '1',
        VOUCH_EVIDENCE_SALT: 'docs-example-salt-0123456789abcdef',
        OPENAI_API_KEY: 'sk-test-not-a-real-key',
        OPENAI_BASE_URL: server.baseURL,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

async function runBlock(block: CodeBlock): Promise<{ cwd: string; code: number | null; stdout: string; stderr: string }> {
  const cwd = project()
  if (/from 'vitest'|'vouch\/vitest'/.test(block.code)) {
    writeFileSync(join(cwd, 'example.test.ts'), block.code)
    // JSON reporter: the default one cannot print failures on Node 20 (Map.groupBy), so read them from the report
    const r = await run([join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', 'example.test.ts', '--root', cwd, '--reporter=json', '--outputFile=vitest-report.json', '--testTimeout=60000'], cwd)
    const report = existsSync(join(cwd, 'vitest-report.json')) ? readFileSync(join(cwd, 'vitest-report.json'), 'utf8') : ''
    const failures = report ? (JSON.parse(report) as { testResults: { assertionResults: { failureMessages: string[] }[] }[] }).testResults.flatMap((t) => t.assertionResults.flatMap((a) => a.failureMessages)) : []
    return { cwd, ...r, stderr: `${r.stderr}\n${failures.join('\n')}` }
  }
  writeFileSync(join(cwd, 'example.ts'), block.code)
  writeFileSync(join(cwd, 'run.mjs'), "import { createJiti } from 'jiti'\nawait createJiti(import.meta.url).import(new URL('./example.ts', import.meta.url).pathname)\n")
  return { cwd, ...(await run(['run.mjs'], cwd)) }
}

describe('documentation examples run as written', () => {
  it('finds the guardrail and vitest-matcher examples', () => {
    expect(blocks.filter((b) => b.heading === 'Production guardrail').length).toBeGreaterThan(0)
    expect(blocks.filter((b) => b.heading === 'Vitest matchers').length).toBeGreaterThan(0)
  })

  for (const block of blocks) {
    it(`${block.file.slice(repoRoot.length + 1)}:${block.line} (${block.heading})`, async () => {
      const before = server.requests.length
      const { cwd, code, stdout, stderr } = await runBlock(block)
      expect(code, `${stdout}\n${stderr}`).toBe(0)
      if (block.heading !== 'Production guardrail') return
      // The README guardrail example: the card never reached the provider, and the decision is on file.
      const sent = server.requests.slice(before).filter((r) => r.path.endsWith('/responses'))
      expect(sent.length).toBe(1)
      expect(JSON.stringify(sent[0]?.body)).not.toMatch(/4111[ -]?1111[ -]?1111[ -]?1111/)
      expect(stdout).toContain('refund')
      const log = join(cwd, 'evidence/support.jsonl')
      // record format 2 keeps the fields under `payload`
      const records = readFileSync(log, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as Record<string, any>).payload as Record<string, any>)
      expect(records.length).toBeGreaterThanOrEqual(4) // input: pii, secrets; output: pii, is-compliant
      expect(records.every((r) => typeof r.metadata?.userIdHash === 'string')).toBe(true)
      expect(records.some((r) => r.sample?.storage === 'redacted')).toBe(true)
      expect(readFileSync(log, 'utf8')).not.toMatch(/4111[ -]?1111[ -]?1111[ -]?1111|customer-1042/)
      expect(readdirSync(cwd)).not.toContain('.vouch') // the salt came from VOUCH_EVIDENCE_SALT
    }, 300_000)
  }
})
