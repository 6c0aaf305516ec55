import type { LanguageModelV4GenerateResult, LanguageModelV4Prompt } from '@ai-sdk/provider'
import { generateText, wrapLanguageModel } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { describe, expect, it } from 'vitest'
import { defineEvaluator, type Evaluator, type Finding, type Sample } from '../core/index.js'
import { GuardrailBlockedError } from '../core/errors/guardrail-blocked-error.js'
import { GuardrailEvidenceError } from '../core/errors/guardrail-evidence-error.js'
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js'
import type { EvidenceEntry, EvidenceSink } from '../evidence/evidence-record.js'
import { memoryEvidence } from '../evidence/memory-evidence.js'
import { pii } from '../../evaluators/pii/index.js'
import { spotPii } from '../../test/helpers/spot-pii.js'
import { guardrail } from './guardrail.js'
import type { GuardrailOptions } from './guardrail-options.js'

const EMAIL = 'jane.doe@example.com'
const CARD = '4111 1111 1111 1111'
const SALT = 'test-salt-0123456789abcdef'


const okEvaluator = defineEvaluator({ name: 'always-ok', version: '1.0.0', evaluate: () => ({ passed: true, score: 1, reason: 'fine' }) })

function answer(text: string, extra: Partial<LanguageModelV4GenerateResult> = {}): LanguageModelV4GenerateResult {
  return {
    content: [{ type: 'text', text }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } },
    warnings: [],
    ...extra,
  }
}

function setup(options: Partial<GuardrailOptions>, reply: LanguageModelV4GenerateResult = answer('Happy to help.')) {
  const evidence = memoryEvidence()
  const mock = new MockLanguageModelV4({ provider: 'mock-provider', modelId: 'mock-model', doGenerate: reply })
  let n = 0
  const model = wrapLanguageModel({
    model: mock,
    middleware: guardrail({ evidence, route: 'support', salt: SALT, _internal: { generateId: () => `req-${++n}`, now: () => 0 }, ...options }),
  })
  return { evidence, mock, model }
}

const userPrompt = (text: string): LanguageModelV4Prompt => [{ role: 'user', content: [{ type: 'text', text }] }]

describe('guardrail options', () => {
  it('are checked at once, naming the field', () => {
    expect(() => guardrail({ input: [spotPii()], onOutput: 'explode' as never })).toThrow(/guardrail: onOutput/)
    expect(() => guardrail({ output: [spotPii()], onOutput: 'fallback' })).toThrow(/fallback: required when onOutput is 'fallback'/)
    expect(() => guardrail({})).toThrow(/at least one evaluator/)
    expect(() => guardrail({ input: [{ name: 'x' } as never] })).toThrow(/input\[0\]: expected an Evaluator/)
    expect(() => guardrail({ input: [spotPii()], timeoutMs: -1 })).toThrow(InvalidArgumentError)
    expect(() => guardrail({ input: [spotPii()], evidence: {} as never })).toThrow(/evidence: expected an EvidenceSink/)
  })
})

describe('guardrail input side', () => {
  it('block: throws GuardrailBlockedError, never calls the model, records the decision', async () => {
    const { evidence, mock, model } = setup({ input: [spotPii(), okEvaluator], onInput: 'block' })
    const error = await generateText({ model, prompt: `My email is ${EMAIL}` }).catch((e: unknown) => e)
    expect(GuardrailBlockedError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ side: 'input', requestId: 'req-1' })
    expect(String((error as Error).message)).not.toContain(EMAIL)
    expect((error as Error).message).toContain('EMAIL_ADDRESS')
    expect(mock.doGenerateCalls).toHaveLength(0)
    expect(evidence.records.map((r) => [r.evaluator.name, r.action, r.metadata?.side])).toEqual([
      ['spot-pii', 'block', 'input'],
      ['always-ok', 'allow', 'input'],
    ])
    expect(evidence.records[0]).toMatchObject({
      requestId: 'req-1',
      route: 'support',
      model: { provider: 'mock-provider', id: 'mock-model' },
      controls: ['C1.1', 'P4.2'],
      result: { status: 'fail', findings: [{ type: 'EMAIL_ADDRESS', field: 'input' }] },
    })
    expect(evidence.records[0]?.result).not.toHaveProperty('durationMs')
    expect(evidence.lines.join('')).not.toContain(EMAIL)
  })

  it('block with a fallback: answers with the fallback, never calls the model', async () => {
    const { evidence, mock, model } = setup({ input: [spotPii()], fallback: 'Please do not share personal data.' })
    const { text } = await generateText({ model, prompt: `Card ${CARD}` })
    expect(text).toBe('Please do not share personal data.')
    expect(mock.doGenerateCalls).toHaveLength(0)
    expect(evidence.records[0]).toMatchObject({ action: 'fallback', metadata: { side: 'input', fallbackUsed: true, outcome: 'block' } })
  })

  it('redact: the model receives the redacted prompt (system, user and tool text)', async () => {
    const { evidence, mock, model } = setup({ input: [spotPii()], onInput: 'redact' })
    await generateText({
      model,
      system: `Escalate to ops@example.com if needed.`,
      messages: [
        { role: 'user', content: `I am ${EMAIL}, card ${CARD}.` },
        { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 't1', toolName: 'lookup', input: {} }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', toolName: 'lookup', output: { type: 'json', value: { email: EMAIL, plan: 'pro' } } }] },
      ],
    })
    expect(mock.doGenerateCalls).toHaveLength(1)
    const sent = JSON.stringify(mock.doGenerateCalls[0]?.prompt)
    expect(sent).not.toContain(EMAIL)
    expect(sent).not.toContain(CARD)
    expect(sent).not.toContain('ops@example.com')
    const prompt = mock.doGenerateCalls[0]?.prompt ?? []
    expect(prompt[0]).toEqual({ role: 'system', content: 'Escalate to <EMAIL_ADDRESS> if needed.' })
    expect(prompt[1]).toMatchObject({ role: 'user', content: [{ type: 'text', text: 'I am <EMAIL_ADDRESS>, card <CREDIT_CARD>.' }] })
    expect(prompt[3]).toMatchObject({ role: 'tool', content: [{ output: { type: 'json', value: { email: '<EMAIL_ADDRESS>', plan: 'pro' } } }] })
    expect(evidence.records[0]).toMatchObject({ action: 'redact', metadata: { side: 'input' } })
  })

  it('flag: passes the prompt unchanged and marks the record for review', async () => {
    const { evidence, mock, model } = setup({ input: [spotPii()], onInput: 'flag' })
    await generateText({ model, prompt: `hi ${EMAIL}` })
    expect(JSON.stringify(mock.doGenerateCalls[0]?.prompt)).toContain(EMAIL)
    expect(evidence.records[0]).toMatchObject({ action: 'flag', metadata: { review: true } })
  })

  it('a failure redaction cannot fix (no findings) blocks even in redact mode', async () => {
    const policy = defineEvaluator({ name: 'no-legal-advice', version: '1.0.0', evaluate: () => ({ passed: false, score: 0, reason: 'asks for legal advice' }) })
    const { evidence, mock, model } = setup({ input: [policy], onInput: 'redact' })
    await expect(generateText({ model, prompt: 'Can I sue my landlord?' })).rejects.toSatisfy(GuardrailBlockedError.isInstance)
    expect(mock.doGenerateCalls).toHaveLength(0)
    expect(evidence.records[0]).toMatchObject({ action: 'block', metadata: { blockCause: 'unredactable' } })
  })
})

describe('guardrail output side (generate)', () => {
  const leaky = answer(`Sure, write to ${EMAIL} or pay with ${CARD}.`, { response: { id: 'r', body: { raw: `to ${EMAIL}` } } })

  it('redact rewrites the text and drops the raw provider body', async () => {
    const { evidence, model } = setup({ output: [spotPii()], onOutput: 'redact' }, leaky)
    const result = await generateText({ model, prompt: 'contact?' })
    expect(result.text).toBe('Sure, write to <EMAIL_ADDRESS> or pay with <CREDIT_CARD>.')
    expect(JSON.stringify(result.response.body ?? null)).not.toContain(EMAIL)
    expect(evidence.records[0]).toMatchObject({ action: 'redact', metadata: { side: 'output', call: 'generate' } })
    expect(evidence.records[0]?.sample?.output).toMatch(/<EMAIL_ADDRESS:[0-9a-f]{8}>/)
    expect(evidence.records[0]?.sample).toMatchObject({ storage: 'redacted', saltId: expect.any(String) })
  })

  it('block throws; fallback replaces; flag passes with a review marker', async () => {
    const blocked = setup({ output: [spotPii()], onOutput: 'block' }, leaky)
    await expect(generateText({ model: blocked.model, prompt: 'x' })).rejects.toSatisfy((e) => GuardrailBlockedError.isInstance(e) && e.side === 'output')
    expect(blocked.evidence.records[0]?.action).toBe('block')

    const fb = setup({ output: [spotPii()], onOutput: 'fallback', fallback: 'I cannot share that.' }, leaky)
    expect((await generateText({ model: fb.model, prompt: 'x' })).text).toBe('I cannot share that.')
    expect(fb.evidence.records[0]).toMatchObject({ action: 'fallback', metadata: { fallbackUsed: true } })

    const flagged = setup({ output: [spotPii()], onOutput: 'flag' }, leaky)
    expect((await generateText({ model: flagged.model, prompt: 'x' })).text).toContain(EMAIL)
    expect(flagged.evidence.records[0]).toMatchObject({ action: 'flag', metadata: { review: true } })
  })

  it('checks tool calls and blocks one that cannot be redacted', async () => {
    const reply = answer('', { content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'send_email', input: JSON.stringify({ to: EMAIL }) }] })
    const { evidence, model } = setup({ output: [spotPii()], onOutput: 'redact' }, reply)
    await expect(generateText({ model, prompt: 'mail jane' })).rejects.toSatisfy(GuardrailBlockedError.isInstance)
    expect(evidence.records[0]).toMatchObject({ action: 'block', metadata: { blockCause: 'unredactable' }, result: { findings: [{ field: 'toolCalls[0].args' }] } })
    expect(evidence.lines.join('')).not.toContain(EMAIL)
  })

  it('drops reasoning by default; with pass, releases it only when the checks pass on it', async () => {
    const leaky = answer('ok', { content: [{ type: 'reasoning', text: `think about ${EMAIL}` }, { type: 'text', text: 'ok' }] })
    const dropped = setup({ output: [spotPii()] }, leaky)
    expect((await generateText({ model: dropped.model, prompt: 'x' })).reasoningText).toBeUndefined()
    const withheld = setup({ output: [spotPii()], reasoning: 'pass' }, leaky)
    const result = await generateText({ model: withheld.model, prompt: 'x' })
    expect(result.reasoningText).toBeUndefined()
    expect(result.text).toBe('ok')
    expect(withheld.evidence.records[0]?.metadata).toMatchObject({ reasoning: 'withheld' })
    const clean = setup({ output: [spotPii()], reasoning: 'pass' }, answer('ok', { content: [{ type: 'reasoning', text: 'think hard' }, { type: 'text', text: 'ok' }] }))
    expect((await generateText({ model: clean.model, prompt: 'x' })).reasoningText).toBe('think hard')
  })
})

describe('guardrail with the real pii() evaluator', () => {
  it('redacts the prompt before the provider and the answer before the user', async () => {
    const { evidence, mock, model } = setup(
      { input: [pii()], output: [pii({ fields: ['output', 'toolCalls'] })], onInput: 'redact', onOutput: 'redact' },
      answer(`I have noted ${EMAIL} and will call 415-555-0132.`),
    )
    const { text } = await generateText({ model, prompt: `My card is ${CARD}, email ${EMAIL}` })
    expect(JSON.stringify(mock.doGenerateCalls[0]?.prompt)).not.toMatch(/jane\.doe|4111/)
    expect(text).not.toContain(EMAIL)
    expect(text).toContain('<EMAIL_ADDRESS>')
    expect(evidence.records.map((r) => [r.metadata?.side, r.action])).toEqual([['input', 'redact'], ['output', 'redact']])
    expect(evidence.lines.join('')).not.toMatch(/jane\.doe|4111 1111|415-555/)
  })
})

describe('guardrail failMode', () => {
  const throws = defineEvaluator({ name: 'flaky', version: '1.0.0', evaluate: () => { throw new Error('judge unavailable') } })
  const slow = defineEvaluator({
    name: 'slow',
    version: '1.0.0',
    evaluate: (_s, ctx) => new Promise((resolve) => {
      const t = setTimeout(() => resolve({ passed: true, score: 1, reason: 'late' }), 5_000)
      ctx.signal?.addEventListener('abort', () => clearTimeout(t))
    }),
  })

  for (const [label, evaluator] of [['throws', throws], ['times out', slow]] as const) {
    it(`an evaluator that ${label}: closed blocks, open passes, both recorded`, async () => {
      const closed = setup({ input: [evaluator], timeoutMs: 30 })
      await expect(generateText({ model: closed.model, prompt: 'hello' })).rejects.toSatisfy(
        (e) => GuardrailBlockedError.isInstance(e) && e.results[0]?.cause === 'evaluator-error',
      )
      expect(closed.mock.doGenerateCalls).toHaveLength(0)
      expect(closed.evidence.records[0]).toMatchObject({
        action: 'block',
        result: { status: 'error' },
        metadata: { failMode: 'closed', failModeReason: expect.stringMatching(label === 'throws' ? /judge unavailable/ : /timed out after 30 ms|over its 30 ms budget/) },
      })

      const open = setup({ output: [evaluator], failMode: 'open', timeoutMs: 30 }, answer('fine'))
      expect((await generateText({ model: open.model, prompt: 'hello' })).text).toBe('fine')
      expect(open.evidence.records[0]).toMatchObject({ action: 'allow', result: { status: 'error' }, metadata: { failMode: 'open' } })
    })
  }

  it('an evaluator error under closed with onOutput fallback answers with the fallback', async () => {
    const { evidence, model } = setup({ output: [throws], onOutput: 'fallback', fallback: 'Sorry.' }, answer('fine'))
    expect((await generateText({ model, prompt: 'x' })).text).toBe('Sorry.')
    expect(evidence.records[0]).toMatchObject({ action: 'fallback', metadata: { failMode: 'closed' } })
  })
})

describe('guardrail evidence', () => {
  const failingSink = (): EvidenceSink => ({
    append: async () => { throw new Error('disk full') },
    lastHash: async () => '0'.repeat(64),
    close: async () => {},
  })

  it('a sink that cannot write fails the request closed, before the model is called', async () => {
    const mock = new MockLanguageModelV4({ doGenerate: answer('hi') })
    const model = wrapLanguageModel({ model: mock, middleware: guardrail({ input: [okEvaluator], evidence: failingSink(), salt: SALT }) })
    const error = await generateText({ model, prompt: 'hello' }).catch((e: unknown) => e)
    expect(GuardrailEvidenceError.isInstance(error)).toBe(true)
    expect((error as Error).message).toMatch(/disk full/)
    expect(mock.doGenerateCalls).toHaveLength(0)
  })

  it('a sink failure on the output side withholds the answer; evidenceFailMode open passes with a warning', async () => {
    const mock = new MockLanguageModelV4({ doGenerate: answer('secret answer') })
    const closed = wrapLanguageModel({ model: mock, middleware: guardrail({ output: [okEvaluator], evidence: failingSink(), salt: SALT }) })
    await expect(generateText({ model: closed, prompt: 'x' })).rejects.toSatisfy(GuardrailEvidenceError.isInstance)

    const warnings: string[] = []
    const onWarning = (w: Error) => warnings.push(w.message)
    process.on('warning', onWarning)
    try {
      const open = wrapLanguageModel({ model: mock, middleware: guardrail({ output: [okEvaluator], evidence: failingSink(), evidenceFailMode: 'open', salt: SALT }) })
      expect((await generateText({ model: open, prompt: 'x' })).text).toBe('secret answer')
      await new Promise((r) => setImmediate(r))
    } finally {
      process.off('warning', onWarning)
    }
    expect(warnings.some((w) => /could not record evidence.*'open', so the request continues with 1 record\(s\) missing/.test(w))).toBe(true)
  })

  it('coverage: 200 concurrent requests leave exactly one record per decision, passes included, on a valid chain', async () => {
    const { evidence, model } = setup({ input: [spotPii(), okEvaluator], output: [spotPii()], onInput: 'block', onOutput: 'redact' }, answer(`mail ${EMAIL}`))
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => generateText({ model, prompt: i % 4 === 0 ? `I am ${EMAIL}` : `question ${i}` })),
    )
    const blocked = outcomes.filter((o) => o.status === 'rejected').length
    expect(blocked).toBe(50)
    // blocked: 2 input records; allowed: 2 input + 1 output
    expect(evidence.records).toHaveLength(50 * 2 + 150 * 3)
    const byRequest = new Map<string, EvidenceEntry[]>()
    for (const r of evidence.records) byRequest.set(r.requestId as string, [...(byRequest.get(r.requestId as string) ?? []), r])
    expect(byRequest.size).toBe(200)
    for (const records of byRequest.values()) expect(records.length === 2 || records.length === 3).toBe(true)
    evidence.records.forEach((r, i) => {
      expect(r.seq).toBe(i)
      if (i > 0) expect(r.prevHash).toBe(evidence.records[i - 1]?.hash)
    })
    expect(evidence.lines.join('')).not.toContain(EMAIL)
  })

  it('stores only a salted hash of the user id, and keeps providerOptions.vouch from the provider', async () => {
    const { evidence, mock, model } = setup({ input: [okEvaluator], metadata: { cohort: 'beta' } })
    await generateText({ model, prompt: 'hello', providerOptions: { vouch: { userId: 'user-42', requestId: 'from-app' }, openai: { user: 'x' } } })
    expect(evidence.records[0]).toMatchObject({ requestId: 'from-app', metadata: { cohort: 'beta', userIdHash: expect.stringMatching(/^[0-9a-f]{64}$/) } })
    expect(evidence.lines.join('')).not.toContain('user-42')
    expect(mock.doGenerateCalls[0]?.providerOptions).toEqual({ openai: { user: 'x' } })
  })

  it('a user id without any salt fails the call with a clear message, before the model', async () => {
    const mock = new MockLanguageModelV4({ doGenerate: answer('hi') })
    const model = wrapLanguageModel({
      model: mock,
      middleware: guardrail({ input: [okEvaluator], metadata: () => ({ userId: 'u-1' }), _internal: { findSalt: () => undefined } }),
    })
    await expect(generateText({ model, prompt: 'x' })).rejects.toThrow(/salt: required when a user id is given/)
    expect(mock.doGenerateCalls).toHaveLength(0)
  })

  it('stores raw or no text only when asked', async () => {
    const raw = setup({ input: [spotPii()], onInput: 'flag', storeSample: 'raw' })
    await generateText({ model: raw.model, prompt: `hi ${EMAIL}` })
    expect(raw.evidence.records[0]?.sample).toMatchObject({ storage: 'raw', input: `hi ${EMAIL}` })
    const none = setup({ input: [spotPii()], onInput: 'flag', storeSample: 'none' })
    await generateText({ model: none.model, prompt: `hi ${EMAIL}` })
    expect(none.evidence.records[0]?.sample).toEqual({ storage: 'none' })
  })

  it('judges samples that name the model', async () => {
    let seen: Sample | undefined
    const probe = defineEvaluator({ name: 'probe', version: '1.0.0', evaluate: (s) => { seen = s; return { passed: true, score: 1, reason: 'ok' } } })
    const { model } = setup({ input: [probe] })
    await generateText({ model, system: 'Be brief.', prompt: 'hello' })
    expect(seen).toEqual({ input: 'Be brief.\n\nhello', model: { provider: 'mock-provider', id: 'mock-model' } })
  })

  it('knows its salt at construction: from VOUCH_EVIDENCE_SALT, else it refuses to start when it must store redacted text', async () => {
    expect(() => guardrail({ input: [okEvaluator], evidence: memoryEvidence(), _internal: { findSalt: () => undefined } })).toThrow(
      /guardrail: salt: no evidence salt, so stored text cannot be redacted.*VOUCH_EVIDENCE_SALT/,
    )
    expect(() => guardrail({ input: [okEvaluator], evidence: memoryEvidence(), storeSample: 'none', _internal: { findSalt: () => undefined } })).not.toThrow()
    expect(() => guardrail({ input: [okEvaluator], metadata: { userId: 'u-1' }, _internal: { findSalt: () => undefined } })).toThrow(/salt: required when a user id is given/)

    const before = process.env.VOUCH_EVIDENCE_SALT
    process.env.VOUCH_EVIDENCE_SALT = 'from-the-environment-0123456789'
    try {
      const evidence = memoryEvidence()
      const model = wrapLanguageModel({ model: new MockLanguageModelV4({ doGenerate: answer('hi') }), middleware: guardrail({ input: [spotPii()], onInput: 'flag', evidence }) })
      await generateText({ model, prompt: `hi ${EMAIL}`, providerOptions: { vouch: { userId: 'user-7' } } })
      expect(evidence.records[0]?.sample).toMatchObject({ storage: 'redacted', input: expect.stringMatching(/^hi <EMAIL_ADDRESS:[0-9a-f]{8}>$/) })
      expect(evidence.records[0]?.metadata).toMatchObject({ userIdHash: expect.stringMatching(/^[0-9a-f]{64}$/) })
    } finally {
      if (before === undefined) delete process.env.VOUCH_EVIDENCE_SALT
      else process.env.VOUCH_EVIDENCE_SALT = before
    }
  })

  it('warms each evaluator up once before the first request, refusing model calls, so one-time loading is not charged to timeoutMs', async () => {
    let calls = 0
    let loaded = false
    const lazy = defineEvaluator({
      name: 'lazy',
      version: '1.0.0',
      evaluate: () => {
        calls++
        if (!loaded) {
          const end = Date.now() + 80 // one-time load, blocking
          while (Date.now() < end) {
            // loading
          }
          loaded = true
        }
        return { passed: true, score: 1, reason: 'ok' }
      },
    })
    const { model } = setup({ input: [lazy], timeoutMs: 40 })
    await expect(generateText({ model, prompt: 'hello' })).resolves.toBeDefined()
    await generateText({ model, prompt: 'again' })
    expect(calls).toBe(3) // one warm-up, then one per request
    const cold = setup({ input: [defineEvaluator({ name: 'slow-once', version: '1.0.0', evaluate: () => ((loaded = false), { passed: true, score: 1, reason: 'ok' }) })], warmUp: false })
    await expect(generateText({ model: cold.model, prompt: 'x' })).resolves.toBeDefined()
  })
})
