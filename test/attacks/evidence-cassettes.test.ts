import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateText, streamText, wrapLanguageModel } from 'ai'
import { MockLanguageModelV4, convertArrayToReadableStream } from 'ai/test'
import { describe, expect, it } from 'vitest'
import { pii } from '../../evaluators/pii/index.js'
import { secrets } from '../../evaluators/secrets/index.js'
import { storedSample } from '../../src/evidence/stored-sample.js'
import { defaultStoredTextDetectors } from '../../evaluators/stored-text-detectors.js'
import { cassetteMiddleware } from '../../src/runner/cassette-middleware.js'

const salt = 'cassette-test-salt-0123456789'
const detectors = defaultStoredTextDetectors()
const redact = (text: string) => storedSample({ output: text }, { storage: 'redacted', salt, detectors }).output ?? text
const SSN = '536-90-4172'
const EMAIL = 'jane.doe@example.com'
const AWS = 'AKIAIOSFODNN7EXAMPLF'
const usage = { inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } }

describe('redacted cassettes (red team)', () => {
  it('store the request as its hash and a redacted view, the response with salted pseudonyms; a replayed leak still fails pii and secrets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-cassettes-'))
    const leak = `Your SSN is ${SSN}, mail ${EMAIL}, key ${AWS}`
    const live = new MockLanguageModelV4({ doGenerate: { content: [{ type: 'text', text: leak }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] } })
    const prompt = `Look up the customer ${EMAIL}`
    const recorded = await generateText({ model: wrapLanguageModel({ model: live, middleware: cassetteMiddleware({ dir, mode: 'record', redact }) }), prompt })
    expect(recorded.text).toBe(leak) // the live call is untouched
    const [file] = readdirSync(dir)
    const stored = readFileSync(join(dir, file!), 'utf8')
    for (const raw of [SSN, EMAIL, AWS]) expect(stored).not.toContain(raw)
    const cassette = JSON.parse(stored)
    expect(cassette.request.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(cassette.request.redacted)).toContain('<EMAIL_ADDRESS:')

    const offline = new MockLanguageModelV4({ doGenerate: async () => Promise.reject(new Error('must not be called')) })
    const replayed = await generateText({ model: wrapLanguageModel({ model: offline, middleware: cassetteMiddleware({ dir, mode: 'replay', redact }) }), prompt })
    expect(replayed.text).not.toContain(SSN)
    const piiResult = await pii().evaluate({ output: replayed.text })
    expect(piiResult.passed).toBe(false)
    expect(piiResult.findings.map((f) => f.type)).toEqual(expect.arrayContaining(['US_SSN', 'EMAIL_ADDRESS']))
    const secretResult = await secrets().evaluate({ output: replayed.text })
    expect(secretResult.passed).toBe(false)
    expect(secretResult.findings.map((f) => f.type)).toContain('AWS_ACCESS_KEY_ID')
  })

  it('a value split across stream chunks is redacted whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-cassettes-stream-'))
    const live = new MockLanguageModelV4({
      doStream: {
        stream: convertArrayToReadableStream([
          { type: 'text-start', id: 't' },
          { type: 'text-delta', id: 't', delta: 'write to jane.d' },
          { type: 'text-delta', id: 't', delta: 'oe@exam' },
          { type: 'text-delta', id: 't', delta: 'ple.com today' },
          { type: 'text-end', id: 't' },
          { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
        ]),
      },
    })
    const result = streamText({ model: wrapLanguageModel({ model: live, middleware: cassetteMiddleware({ dir, mode: 'record', redact }) }), prompt: 'x' })
    expect(await result.text).toContain(EMAIL)
    const stored = readFileSync(join(dir, readdirSync(dir)[0]!), 'utf8')
    expect(stored).not.toContain('jane.d')
    expect(stored).toContain('<EMAIL_ADDRESS:')
  })
})
