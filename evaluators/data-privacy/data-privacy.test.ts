import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeConformance } from '../../test/conformance.js'
import { ConfigError } from '../../src/core/errors/config-error.js'
import { InvalidArgumentError } from '../../src/core/errors/invalid-argument-error.js'
import { sha256 } from '../../src/core/hash.js'
import type { Sample } from '../../src/core/types.js'
import { dataPrivacy } from './data-privacy.js'
import type { DataPrivacyPolicyInput } from './data-privacy-policy-schema.js'
import { loadDataPrivacyPolicy } from './load-data-privacy-policy.js'

const policyPath = join(import.meta.dirname, '../../test/fixtures/data-privacy/policy.yaml')
const openai = { provider: 'openai', id: 'gpt-4o-mini' }
const azureEu = { provider: 'azure-openai', id: 'gpt-4o-mini' }
const EMAIL = 'jane.doe@example.com'
const CARD = '4111 1111 1111 1111'

describeConformance('data-privacy', () => dataPrivacy({ policy: policyPath }))

const evaluator = dataPrivacy({ policy: policyPath })
const check = async (sample: Sample, name: string) => {
  const result = await evaluator.evaluate(sample)
  const outcome = (result.details!.checks as { check: string; status: string; reason: string }[]).find((c) => c.check === name)!
  return { result, outcome }
}

describe('dataPrivacy', () => {
  it('loads the policy file: ref over the file bytes, controls and owner on the evaluator', async () => {
    expect(evaluator.rubric).toEqual({ id: 'support-data-flow', version: '1.0.0', sha256: sha256(readFileSync(policyPath)) })
    expect(evaluator.controls).toEqual(['C1.1', 'CC9.2', 'P6.1'])
    expect(evaluator.owner).toBe('privacy-office@northwind.example')
    const result = await evaluator.evaluate({ input: `Reach me at ${EMAIL}`, output: 'Done.', model: openai })
    expect(result).toMatchObject({ status: 'pass', score: 1, policyId: 'data-privacy' })
    expect(result.details).toMatchObject({ classes: { toModel: { contact: 1 }, toUser: {} } })
  })

  it('inventory: an unapproved model fails, and so does an unapproved fallback (drift)', async () => {
    const drift = await check({ input: 'hi', model: { provider: 'openai', id: 'gpt-5-preview' } }, 'inventory')
    expect(drift.outcome).toMatchObject({ status: 'fail', reason: 'openai/gpt-5-preview is not in the approved-provider inventory' })
    expect(drift.result.policyId).toBe('data-privacy/inventory')
    const fallback = await check({ input: 'hi', model: openai, metadata: { fallbackModels: ['anthropic:claude-3-5-sonnet', { provider: 'azure-openai', id: 'gpt-4o-mini' }] } }, 'inventory')
    expect(fallback.outcome).toMatchObject({ status: 'fail', reason: 'anthropic/claude-3-5-sonnet is not in the approved-provider inventory' })
    const malformed = await check({ input: 'hi', model: openai, metadata: { fallbackModels: [42] } }, 'inventory')
    expect(malformed.outcome.reason).toContain('metadata.fallbackModels[0] is not a model')
    expect((await check({ input: 'hi' }, 'inventory')).outcome.status).toBe('not_applicable')
  })

  it('destination-classes: a class not allowed at the destination fails unless redacted first', async () => {
    const input = `My card is ${CARD}`
    const { result, outcome } = await check({ input, model: openai }, 'destination-classes')
    expect(outcome).toMatchObject({ status: 'fail', reason: 'financial data sent unredacted to openai/gpt-4o-mini, which may not receive it' })
    expect(result.findings).toEqual([expect.objectContaining({ type: 'CREDIT_CARD', field: 'input', start: 11, end: 30, detector: 'data-privacy/destination-classes' })])
    expect(JSON.stringify(result)).not.toContain(CARD)
    // the EU deployment may receive financial data
    expect((await check({ input, model: azureEu }, 'destination-classes')).outcome.status).toBe('pass')
    // redacted first: placeholders count as redacted
    for (const redacted of ['My card is <CREDIT_CARD>', 'My card is <CREDIT_CARD:1a2b3c4d>']) {
      const r = await check({ input: redacted, model: openai }, 'destination-classes')
      expect(r.outcome.status).toBe('pass')
      expect(r.result.details!.redacted).toEqual({ CREDIT_CARD: 1 })
    }
    // context goes to the model too; fallbacks must be allowed as well
    const ctx = await check({ input: 'hi', context: [`record: ${CARD}`], model: azureEu, metadata: { fallbackModels: ['openai:gpt-4o'] } }, 'destination-classes')
    expect(ctx.outcome.reason).toBe('financial data sent unredacted to openai/gpt-4o, which may not receive it')
    expect(ctx.result.findings[0]).toMatchObject({ field: 'context[0]', start: 8, end: 27 })
  })

  it('credentials are detected through the secrets module', async () => {
    const token = 'ghp_' + 'x7Qm2Lk9Vb4Nc8Zp1Rt6Ys3Wd5Hf0Jg2Ka7E'
    const { outcome, result } = await check({ input: 'hi', output: `use token ${token}`, model: openai }, 'output-redaction')
    expect(outcome).toMatchObject({ status: 'fail', reason: 'the answer contains credentials data that must be redacted (GITHUB_TOKEN)' })
    expect(JSON.stringify(result)).not.toContain(token)
  })

  it('output-redaction: classes that must be redacted are absent from the answer; contact data may stay', async () => {
    const leaked = await check({ input: 'hi', output: `SSN on file: 078-05-1120`, model: openai }, 'output-redaction')
    expect(leaked.outcome).toMatchObject({ status: 'fail', reason: 'the answer contains government-id data that must be redacted (US_SSN)' })
    expect(leaked.result.policyId).toBe('data-privacy/output-redaction')
    expect((await check({ input: 'hi', output: `We will write to ${EMAIL}`, model: openai }, 'output-redaction')).outcome.status).toBe('pass')
    expect((await check({ input: 'hi', model: openai }, 'output-redaction')).outcome.status).toBe('not_applicable')
  })

  it('consent: false means no personal data may flow', async () => {
    const denied = await check({ input: `Reach me at ${EMAIL}`, model: openai, metadata: { consent: false } }, 'consent')
    expect(denied.outcome).toMatchObject({ status: 'fail', reason: 'consent is false but contact data was sent to the model' })
    expect(denied.result.findings.some((f) => f.detector === 'data-privacy/consent')).toBe(true)
    expect((await check({ input: 'Where is my parcel?', model: openai, metadata: { consent: false } }, 'consent')).outcome.status).toBe('pass')
    expect((await check({ input: `Reach me at ${EMAIL}`, model: openai, metadata: { consent: true } }, 'consent')).outcome.status).toBe('pass')
    expect((await check({ input: `Reach me at ${EMAIL}`, model: openai }, 'consent')).outcome.status).toBe('not_applicable')
  })

  it('purpose: the purpose must be listed and allow the classes sent', async () => {
    expect((await check({ input: `Reach me at ${EMAIL}`, model: azureEu, metadata: { purpose: 'support' } }, 'purpose')).outcome.status).toBe('pass')
    expect((await check({ input: `Reach me at ${EMAIL}`, model: openai, metadata: { purpose: 'marketing' } }, 'purpose')).outcome).toMatchObject({
      status: 'fail',
      reason: 'contact data is outside purpose "marketing"',
    })
    expect((await check({ input: 'hi', model: openai, metadata: { purpose: 'profiling' } }, 'purpose')).outcome.reason).toBe('purpose "profiling" is not one the policy lists')
    expect((await check({ input: 'hi', model: openai, metadata: { purpose: `mail ${EMAIL}` } }, 'purpose')).outcome.reason).toBe('purpose (unlisted value) is not one the policy lists')
  })

  it('residency: EU subjects only to EU destinations (sample region, else the inventory region)', async () => {
    const us = await check({ input: 'hi', model: openai, metadata: { subjectRegion: 'eu' } }, 'residency')
    expect(us.outcome).toMatchObject({ status: 'fail', reason: 'openai/gpt-4o-mini processes in us; subjects from eu may only go to eu' })
    expect(us.result.policyId).toBe('data-privacy/residency')
    expect((await check({ input: 'hi', model: azureEu, metadata: { subjectRegion: 'eu' } }, 'residency')).outcome.status).toBe('pass')
    expect((await check({ input: 'hi', model: { ...openai, region: 'eu-central-1' }, metadata: { subjectRegion: 'EU' } }, 'residency')).outcome.status).toBe('pass')
    expect((await check({ input: 'hi', model: azureEu, metadata: { subjectRegion: 'eu', fallbackModels: ['openai:gpt-4o'] } }, 'residency')).outcome.status).toBe('fail')
    expect((await check({ input: 'hi', model: openai, metadata: { subjectRegion: 'us' } }, 'residency')).outcome.status).toBe('not_applicable')
  })

  it('scores the share of applicable checks that passed and reasons name each failing check', async () => {
    const result = await evaluator.evaluate({ input: `card ${CARD}`, output: `card ${CARD}`, model: openai, metadata: { consent: false, subjectRegion: 'eu' } })
    expect(result.status).toBe('fail')
    expect(result.policyId).toBe('data-privacy/destination-classes')
    expect(result.reason).toMatch(/^destination-classes: .*; consent: .*; residency: .*; output-redaction: /)
    expect(result.score).toBeCloseTo(1 / 5)
  })

  it('takes a policy object, validates it at once, and rejects unknown classes and entity types', () => {
    const policy: DataPrivacyPolicyInput = { id: 'p', version: '1.0.0', inventory: [{ provider: 'openai', models: ['*'] }] }
    expect(dataPrivacy({ policy }).rubric!.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(() => dataPrivacy({ policy: { ...policy, destinations: [{ provider: 'openai', allow: ['health'] }] } })).toThrow(/destinations\[0\]\.allow\[0\]: unknown data class "health"/)
    expect(() => dataPrivacy({ policy: { ...policy, classes: { health: ['MEDICAL_RECORD'] } } })).toThrow(InvalidArgumentError)
    const withRecognizer = dataPrivacy({
      policy: { ...policy, classes: { health: ['MEDICAL_RECORD'] }, output: { mustRedact: ['health'] } },
      recognizers: [{ type: 'MEDICAL_RECORD', pattern: /\bMRN-\d{6}\b/, score: 0.9 }],
    })
    return withRecognizer.evaluate({ output: 'see MRN-123456' }).then((r) => expect(r).toMatchObject({ status: 'fail', policyId: 'data-privacy/output-redaction' }))
  })

  it('reports policy file errors with file, line and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-dp-'))
    const path = join(dir, 'policy.yaml')
    writeFileSync(path, readFileSync(policyPath, 'utf8').replace('    allow: [contact, financial]', '    allow: [contact, finance]'))
    try {
      loadDataPrivacyPolicy(path)
      expect.unreachable()
    } catch (error) {
      expect(ConfigError.isInstance(error)).toBe(true)
      expect((error as Error).message).toContain(`  ${path}:28: destinations[1].allow[1]: unknown data class "finance"; define it under classes`)
    }
  })

  it('stays linear on 1 MB hostile inputs (completes)', async () => {
    for (const text of ['1'.repeat(1_000_000), 'a@a.'.repeat(250_000), '<'.repeat(500_000) + 'A'.repeat(500_000), '<EMAIL_ADDRESS:'.repeat(60_000)]) {
      const result = await evaluator.evaluate({ input: text, output: text, model: openai })
      expect(['pass', 'fail']).toContain(result.status)
    }
  })
})
