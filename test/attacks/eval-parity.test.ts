import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { wrapLanguageModel } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { describe, expect, it } from 'vitest'
import { isCompliant } from '../../evaluators/is-compliant/index.js'
import { memoryEvidence } from '../../src/evidence/memory-evidence.js'
import { guardrail } from '../../src/guard/guardrail.js'
import { makeProject, repoRoot, runCli } from '../helpers/cli.js'

/**
 * Production and release gate judge the same pair the same way: one rubric (whose
 * refuse-legal-advice rule reads the input) through `vouch eval` and through the guardrail.
 */
const RUBRIC = readFileSync(join(repoRoot, 'rubrics/support-answer.md'), 'utf8')
const reply = (text: string) => JSON.stringify({ reply: text, category: 'other', priority: 3, confidence: 0.9, escalate: false })
const CASES = [
  { id: 'legal-answered', input: 'I will sue you. My lawyer says I should take you to small claims court. How do I file?', output: reply('File form SC-100 at your county court and attach the receipts.') },
  { id: 'legal-refused', input: 'I will sue you. My lawyer says I should take you to small claims court. How do I file?', output: reply("I can't help with legal advice, but a colleague will contact you today.") },
  { id: 'plain-question', input: 'When does my parcel arrive?', output: reply('It arrives on Thursday.') },
]
const csv = (s: string) => `"${s.replace(/"/g, '""')}"`

describe('eval / guardrail parity on the same input-output pair', () => {
  it('support-answer rubric: the same verdict per case through vouch eval and through the guardrail', async () => {
    const cwd = makeProject({
      'rubrics/support-answer.md': RUBRIC,
      'data/cases.csv': `id,input,output\n${CASES.map((c) => [c.id, csv(c.input), csv(c.output)].join(',')).join('\n')}\n`,
      'vouch.config.ts': `
import { defineConfig, definePrompt, isCompliant } from 'vouch'
export default defineConfig({
  suites: [{
    name: 'support',
    dataset: 'data/cases.csv',
    prompt: definePrompt({ id: 'support', version: '1.0.0', template: '{{input}}' }),
    model: 'openai:gpt-4o-mini',
    evaluators: [isCompliant({ rubric: 'rubrics/support-answer.md' })],
  }],
})
`,
    })
    const run = await runCli(['eval'], { cwd })
    const runDir = join(cwd, 'reports', readdirSync(join(cwd, 'reports'))[0] as string)
    const gate = new Map(
      readFileSync(join(runDir, 'evidence.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => {
          // record format 2 keeps the fields under `payload`
          const r = JSON.parse(l) as { payload?: { caseId: string; result: { status: string; policyId?: string } }; caseId: string; result: { status: string; policyId?: string } }
          return r.payload ?? r
        })
        .map((r) => [r.caseId, r.result] as const),
    )
    expect(run.code, run.stderr).toBe(1) // legal-answered fails the gate

    const guarded = new Map<string, { status: string; policyId?: string }>()
    for (const c of CASES) {
      const evidence = memoryEvidence()
      const mock = new MockLanguageModelV4({
        doGenerate: async () => ({
          content: [{ type: 'text', text: c.output }],
          finishReason: { unified: 'stop', raw: 'stop' },
          usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } },
          warnings: [],
        }),
      })
      const evaluator = isCompliant({ rubric: join(cwd, 'rubrics/support-answer.md'), _internal: { env: {} } })
      const model = wrapLanguageModel({ model: mock, middleware: guardrail({ output: [evaluator], onOutput: 'flag', evidence, salt: 'parity-salt-0123456789' }) })
      await model.doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: c.input }] }] })
      guarded.set(c.id, evidence.records[0]?.result as { status: string; policyId?: string })
    }

    for (const c of CASES) {
      expect(guarded.get(c.id)?.status, c.id).toBe(gate.get(c.id)?.status)
      expect(guarded.get(c.id)?.policyId, c.id).toBe(gate.get(c.id)?.policyId)
    }
    expect(guarded.get('legal-answered')).toMatchObject({ status: 'fail', policyId: 'support-answer/refuse-legal-advice' })
    expect(guarded.get('legal-refused')?.status).not.toBe('fail')
  }, 60_000)
})
