import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeProject, runCli } from '../helpers/cli.js'

// The app under test calls an AI SDK model. Here that model is the SDK's own mock, which throws when
// VOUCH_TEST_OFFLINE is set: a replayed run must never reach it.
const config = `
import { defineConfig, definePrompt, outputRange } from 'vouch'
import { generateText } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'

const prompt = definePrompt({ id: 'echo', version: '1.0.0', template: 'Return JSON for: {{input}}' })
let calls = 0
const model = new MockLanguageModelV4({
  provider: 'mock-provider',
  modelId: 'mock-model',
  doGenerate: async (options) => {
    if (process.env.VOUCH_TEST_OFFLINE) throw new Error('the model was called during replay')
    calls++
    const text = JSON.stringify(options.prompt).length % 2 === 0 ? '{"score": 0.25}' : '{"score": 0.75}'
    return {
      content: [{ type: 'text', text }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } },
      warnings: [],
    }
  },
})

export default defineConfig({
  suites: [{
    name: 'replayed',
    dataset: 'data/cases.csv',
    prompt,
    model: { provider: 'mock-provider', id: 'mock-model' },
    task: async (sample, ctx) => {
      const { text } = await generateText({ model: ctx.wrapModel(model), prompt: prompt.render({ input: sample.input }), temperature: 0 })
      return text
    },
    evaluators: [outputRange({ ranges: { '$.score': { min: 0, max: 1 } } })],
  }],
})
`
const csv = 'id,input\nq1,alpha\nq2,beta two\nq3,gamma three three\n'
const env = { SOURCE_DATE_EPOCH: '1767225600' }

describe('record / replay (built CLI)', () => {
  it('records cassettes, then replays offline reproducing the evidence byte for byte', async () => {
    const cwd = makeProject({ 'vouch.config.ts': config, 'data/cases.csv': csv })
    const recorded = await runCli(['eval', '--record', '--run-id', 'r1', '--out', 'out-record'], { cwd, env })
    expect(recorded.stderr).toContain('✓ replayed: 3 cases, 3 results, 0 failed, 0 errors')
    expect(recorded.code).toBe(0)
    const cassettes = readdirSync(join(cwd, 'data/cassettes'))
    expect(cassettes).toHaveLength(3)
    const cassette = JSON.parse(readFileSync(join(cwd, 'data/cassettes', cassettes[0]!), 'utf8'))
    expect(cassette).toMatchObject({ vouchCassette: 1, kind: 'generate', model: { provider: 'mock-provider', modelId: 'mock-model' } })

    const replayed = await runCli(['eval', '--replay', '--run-id', 'r1', '--out', 'out-replay'], { cwd, env: { ...env, VOUCH_TEST_OFFLINE: '1' } })
    expect(replayed.code).toBe(0)
    const a = readFileSync(join(cwd, 'out-record/r1/evidence.jsonl'))
    const b = readFileSync(join(cwd, 'out-replay/r1/evidence.jsonl'))
    expect(a.length).toBeGreaterThan(0)
    expect(b.equals(a)).toBe(true)
  })

  it('fails clearly (exit 2) on a replay miss, without calling the model', async () => {
    const cwd = makeProject({ 'vouch.config.ts': config, 'data/cases.csv': csv })
    expect((await runCli(['eval', '--record', '--run-id', 'r1'], { cwd, env })).code).toBe(0)
    writeFileSync(join(cwd, 'data/cases.csv'), `${csv}q4,a new question\n`)
    const r = await runCli(['eval', '--replay', '--run-id', 'r2'], { cwd, env: { ...env, VOUCH_TEST_OFFLINE: '1' } })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/no cassette for this mock-provider:mock-model call/)
    expect(r.stderr).toMatch(/--record/)
    expect(r.stderr).not.toMatch(/the model was called during replay/)
  })
})
