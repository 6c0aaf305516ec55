// The judge over HTTP against a local OpenAI-compatible server (127.0.0.1, port 0): both API
// flavours, rate limits, server errors, timeouts, garbage, non-schema answers and k-vote.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { criterionOf, requestText, startOpenAiServer, verdictText, type OpenAiServer, type ReplyFn } from '../../test/helpers/openai-server.js'
import { JudgeError } from './judge-error.js'
import { judgeCriterion } from './judge-criterion.js'
import { resolveJudge } from './resolve-judge-model.js'

const data = [
  { label: 'input', text: 'Can I get a refund for order 1234?' },
  { label: 'output', text: 'Yes, refunds are processed within 5 business days.' },
]
let server: OpenAiServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function judgeWith(reply: ReplyFn, { api, ...options }: { api?: 'chat' | 'responses'; votes?: number; timeoutMs?: number; maxRetries?: number; initialDelayMs?: number; sleep?: (ms: number) => Promise<void> } = {}) {
  server = await startOpenAiServer({ reply })
  const { model, info } = resolveJudge({ env: { OPENAI_BASE_URL: server.baseURL, VOUCH_JUDGE_MODEL: 'local-judge', ...(api ? { VOUCH_JUDGE_API: api } : {}) } })
  const run = judgeCriterion({
    model,
    criterion: 'helpful',
    requirement: 'The answer addresses the question.',
    data,
    ...(options.votes ? { votes: options.votes } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    retry: { maxRetries: options.maxRetries ?? 2, initialDelayMs: options.initialDelayMs ?? 1 },
    _internal: { sleep: options.sleep ?? (async () => {}) },
  })
  return { run, info, server }
}

const pass: ReplyFn = (r) => ({ text: verdictText('pass', { criterion: criterionOf(r), reason: 'answers it' }) })

describe('judge over HTTP (local OpenAI-compatible server)', () => {
  it('Chat Completions (OPENAI_BASE_URL): strict JSON schema, temperature 0, the model id asked, recorded as chat-completions at the host', async () => {
    const { run, info, server } = await judgeWith(pass)
    const outcome = await run
    expect(outcome).toMatchObject({ verdict: 'pass', reason: 'answers it', agreement: 1, usage: { calls: 1, inputTokens: 100, outputTokens: 20 } })
    expect(info).toEqual({ provider: 'openai', modelId: 'local-judge', api: 'chat-completions', endpoint: server.host, source: 'env' })
    const [request] = server.requests
    expect(request!.api).toBe('chat')
    expect(request!.body).toMatchObject({ model: 'local-judge', temperature: 0, response_format: { type: 'json_schema', json_schema: { strict: true } } })
    expect(requestText(request!)).toContain('Requirement: The answer addresses the question.')
  })

  it('the Responses API (VOUCH_JUDGE_API=responses, or OPENAI_API_KEY without a base URL)', async () => {
    const { run, info, server } = await judgeWith(pass, { api: 'responses' })
    expect((await run).verdict).toBe('pass')
    expect(info.api).toBe('responses')
    const [request] = server.requests
    expect(request!.api).toBe('responses')
    expect(request!.body).toMatchObject({ model: 'local-judge', temperature: 0, text: { format: { type: 'json_schema', strict: true } } })
    expect(requestText(request!)).toContain('Requirement: The answer addresses the question.')
    expect(resolveJudge({ env: { OPENAI_API_KEY: 'sk-test' } }).info).toMatchObject({ api: 'responses', endpoint: 'api.openai.com', modelId: 'gpt-4o-mini' })
  })

  it('every flavour, and no provider at all, has the same model identity, so cassettes recorded over one replay under another', () => {
    const identities = [
      { OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' },
      { OPENAI_BASE_URL: 'http://127.0.0.1:1/v1', VOUCH_JUDGE_API: 'responses' },
      { OPENAI_API_KEY: 'sk-test' },
      {},
    ].map((env) => {
      const { model, configured } = resolveJudge({ env: { ...env, VOUCH_JUDGE_MODEL: 'm' } })
      return typeof model === 'string' ? model : [model.provider, model.modelId, configured]
    })
    expect(identities).toEqual([['openai', 'm', true], ['openai', 'm', true], ['openai', 'm', true], ['openai', 'm', false]])
  })

  it('429 with retry-after: waits exactly what the server asks (not the longer backoff), then succeeds', async () => {
    const sleep = vi.fn(async (_ms: number) => {})
    const { run, server } = await judgeWith((r, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '0.25' } } : pass(r, i)), { sleep, initialDelayMs: 2_000 })
    const outcome = await run
    expect(outcome.verdict).toBe('pass')
    expect(outcome.usage.calls).toBe(2)
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([250])
    expect(server.requests).toHaveLength(2)
  })

  it('5xx is retried; when retries run out the error says so', async () => {
    const recovered = await judgeWith((r, i) => (i < 2 ? { status: 503 } : pass(r, i)))
    expect((await recovered.run).usage.calls).toBe(3)
    await server!.close()
    const down = await judgeWith(() => ({ status: 500 }), { maxRetries: 1 })
    const error = await down.run.catch((e: unknown) => e)
    expect(JudgeError.isInstance(error) && error.code).toBe('judge_call_failed')
    expect((error as JudgeError).attempts).toBe(2)
    expect(down.server.requests).toHaveLength(2)
  })

  it('a server that never answers times out per attempt, is retried, then fails with judge_timeout', async () => {
    const { run, server } = await judgeWith(() => ({ hang: true }), { timeoutMs: 150, maxRetries: 1 })
    const error = await run.catch((e: unknown) => e)
    expect(JudgeError.isInstance(error) && error.code).toBe('judge_timeout')
    expect(server.requests).toHaveLength(2)
  })

  it('a garbage body (HTTP 200, not JSON) fails the call without a retry', async () => {
    const { run, server } = await judgeWith(() => ({ garbage: '<html>502 Bad Gateway</html>' }))
    const error = await run.catch((e: unknown) => e)
    expect(JudgeError.isInstance(error) && error.code).toBe('judge_call_failed')
    expect(server.requests).toHaveLength(1)
  })

  it('non-schema content is asked again once with the problem fed back (both APIs), then kept on the error', async () => {
    for (const api of ['chat', 'responses'] as const) {
      const { run, server } = await judgeWith(() => ({ text: 'I think it passes.' }), { api })
      const error = await run.catch((e: unknown) => e)
      expect(JudgeError.isInstance(error) && error.code).toBe('judge_malformed_output')
      expect((error as JudgeError).answer).toBe('I think it passes.')
      expect((error as JudgeError).problem).toBe('not valid JSON')
      expect(server.requests).toHaveLength(2)
      const retry = requestText(server.requests[1]!)
      expect(retry).toContain('I think it passes.')
      expect(retry).toContain('does not match the required JSON schema (not valid JSON)')
      await server.close()
    }
    const fixed = await judgeWith((r, i) => (i === 0 ? { text: '{"verdict":"yes"}' } : pass(r, i)))
    expect((await fixed.run).verdict).toBe('pass')
  })

  it('k-vote disagreement: the majority wins, agreement and every vote are recorded', async () => {
    const answers = ['pass', 'fail', 'fail'] as const
    const { run, server } = await judgeWith((r, i) => ({ text: verdictText(answers[i]!, { criterion: criterionOf(r), score: i === 0 ? 0.8 : 0.3 }) }), { votes: 3 })
    const outcome = await run
    expect(outcome.verdict).toBe('fail')
    expect(outcome.agreement).toBeCloseTo(2 / 3)
    expect(outcome.votes.map((v) => v.verdict)).toEqual(['pass', 'fail', 'fail'])
    expect(outcome.score).toBeCloseTo(0.3)
    expect(server.requests).toHaveLength(3)
  })
})
