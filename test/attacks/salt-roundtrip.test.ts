import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { wrapLanguageModel } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { describe, expect, it } from 'vitest'
import { memoryEvidence } from '../../src/evidence/memory-evidence.js'
import { guardrail } from '../../src/guard/guardrail.js'
import { spotPii } from '../helpers/spot-pii.js'
import { makeProject, runCli } from '../helpers/cli.js'

/**
 * The salt from VOUCH_EVIDENCE_SALT in a real process environment (an exotic object the old
 * lookup rejected): guardrail records written with it are found by `vouch export --subject` and
 * pass `vouch verify`, through the built CLI.
 */
describe('salt from the environment: guardrail → export → verify', () => {
  it('finds a data subject in guardrail evidence with the salt from VOUCH_EVIDENCE_SALT', async () => {
    const salt = 'roundtrip-salt-0123456789abcdef'
    const before = process.env.VOUCH_EVIDENCE_SALT
    process.env.VOUCH_EVIDENCE_SALT = salt
    const evidence = memoryEvidence()
    try {
      const model = wrapLanguageModel({
        model: new MockLanguageModelV4({
          doGenerate: async () => ({
            content: [{ type: 'text', text: 'We will write to ana.silva@example.org today.' }],
            finishReason: { unified: 'stop', raw: 'stop' },
            usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } },
            warnings: [],
          }),
        }),
        middleware: guardrail({ output: [spotPii()], onOutput: 'redact', evidence, route: '/support' }), // no salt option: read from the environment
      })
      await model.doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'Contact me please' }] }] })
    } finally {
      if (before === undefined) delete process.env.VOUCH_EVIDENCE_SALT
      else process.env.VOUCH_EVIDENCE_SALT = before
    }
    const cwd = makeProject({})
    writeFileSync(join(cwd, 'evidence.jsonl'), evidence.lines.map((l) => (l.endsWith('\n') ? l : `${l}\n`)).join(''))
    expect(evidence.lines.join('')).not.toContain('ana.silva')

    const found = await runCli(['export', 'evidence.jsonl', '--format', 'json', '--subject', 'Ana.Silva@example.org'], { cwd, env: { VOUCH_EVIDENCE_SALT: salt } })
    expect(found.code, found.stderr + found.stdout.slice(0, 2000)).toBe(0)
    expect(found.stdout).toContain('/support')
    expect(found.stdout.toLowerCase()).not.toContain('ana.silva')
    const verified = await runCli(['verify', 'evidence.jsonl'], { cwd, env: { VOUCH_EVIDENCE_SALT: salt } })
    expect(verified.code, verified.stderr + verified.stdout).toBe(0)
  }, 60_000)
})
