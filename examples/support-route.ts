/**
 * A customer-support route guarded by vouch, runnable offline (a mock model stands in for the
 * provider, so no API key and no network):
 *
 *   node bench/load.js examples/support-route.ts
 *
 * It shows a blocked input (the provider is never called), a redacted answer (generate and
 * incremental stream), and the evidence rows the guardrail wrote, on a verified hash chain.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider'
import { generateText, simulateReadableStream, streamText, wrapLanguageModel } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { defineRubric, isCompliant } from '../evaluators/is-compliant/index.js'
import { GuardrailBlockedError, guardrail, jsonlEvidence, pii, verifyEvidence, type EvidenceRecord } from '../src/index.js'

// The answer our stand-in provider gives: it repeats the customer's address and a phone number.
const ANSWER = 'Thanks Jane! I have updated the account for jane.doe@example.com. Our billing team will call you on 415-555-0132 within 2 business days.'

const provider = new MockLanguageModelV4({
  provider: 'mock',
  modelId: 'support-model',
  doGenerate: async () => ({
    content: [{ type: 'text', text: ANSWER }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: { total: 20, noCache: 20, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 30, text: 30, reasoning: 0 } },
    warnings: [],
  }),
  doStream: async () => ({
    stream: simulateReadableStream<LanguageModelV4StreamPart>({
      chunks: [
        { type: 'stream-start', warnings: [] },
        { type: 'text-start', id: '1' },
        // the address arrives split across chunks, as real token streams split it
        ...(ANSWER.match(/.{1,9}/gs) ?? []).map((delta): LanguageModelV4StreamPart => ({ type: 'text-delta', id: '1', delta })),
        { type: 'text-end', id: '1' },
        { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: { inputTokens: { total: 20, noCache: 20, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 30, text: 30, reasoning: 0 } } },
      ],
    }),
  }),
})

// The support policy as a versioned rubric (deterministic criteria: no judge model needed).
const supportPolicy = defineRubric({
  id: 'support-answers',
  version: '1.0.0',
  owner: 'support-compliance@acme.example',
  controls: ['PI1.3'],
  criteria: [{ id: 'no-refund-promise', kind: 'must-not-match', severity: 'high', description: 'Never promise a refund amount', pattern: 'refund of \\$\\d{1,7}', flags: 'i' }],
})

const dir = mkdtempSync(join(tmpdir(), 'vouch-example-'))
const logPath = join(dir, 'evidence.jsonl')
const evidence = jsonlEvidence(logPath)

const model = wrapLanguageModel({
  model: provider,
  middleware: guardrail({
    // card numbers and SSNs must never reach the provider
    input: [pii({ entities: ['CREDIT_CARD', 'US_SSN'] })],
    onInput: 'block',
    // the answer: personal data redacted, the policy checked
    output: [pii(), isCompliant({ rubric: supportPolicy })],
    onOutput: 'redact',
    stream: 'incremental',
    evidence,
    route: 'support/chat',
    prompt: { id: 'support-system', version: '3.2.0', sha256: 'a'.repeat(64) },
    salt: 'example-salt-keep-me-in-a-secret-store',
    metadata: { cohort: 'beta' },
  }),
})

// 1. A customer pastes a card number: blocked before the provider.
try {
  await generateText({ model, prompt: 'My card 4111 1111 1111 1111 was charged twice, please fix it.', providerOptions: { vouch: { userId: 'customer-1029' } } })
} catch (error) {
  if (!GuardrailBlockedError.isInstance(error)) throw error
  console.log(`1. blocked input  -> ${error.message}`)
  console.log(`   provider calls so far: ${provider.doGenerateCalls.length + provider.doStreamCalls.length}`)
}

// 2. A normal question: the answer comes back with the personal data redacted.
const { text } = await generateText({ model, prompt: 'Please update my billing address.', providerOptions: { vouch: { userId: 'customer-1029' } } })
console.log(`2. redacted answer (generate) -> ${text}`)

// 3. The same, streamed: released as soon as safe, entities split across chunks still redacted.
let streamed = ''
for await (const delta of streamText({ model, prompt: 'Please update my billing address.' }).textStream) streamed += delta
console.log(`3. redacted answer (stream)   -> ${streamed}`)

// 4. The evidence: one row per evaluator decision, passes included, on a hash chain.
await evidence.close()
const { readFileSync } = await import('node:fs')
const rows = readFileSync(logPath, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as EvidenceRecord)
console.log('4. evidence rows')
console.table(
  rows.map((r) => ({
    seq: r.seq,
    request: r.requestId?.slice(0, 8),
    route: r.route,
    side: r.metadata?.side,
    evaluator: r.evaluator.name,
    status: r.result.status,
    action: r.action,
    user: String(r.metadata?.userIdHash ?? '-').slice(0, 12),
    stored: (r.sample?.input ?? r.sample?.output ?? '').slice(0, 60),
  })),
)
const verified = await verifyEvidence(logPath)
console.log(`   chain: ${verified.ok ? 'intact' : 'BROKEN'}, ${verified.count} records, last hash ${verified.lastHash.slice(0, 16)}…`)
rmSync(dir, { recursive: true, force: true })
