import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeEntry } from '../../test/evidence/make-entry.js'
import { pseudonym } from '../redaction/pseudonym.js'
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js'
import type { Sample } from '../core/types.js'
import { jsonlEvidence } from './jsonl-evidence.js'
import { saltId } from './resolve-salt.js'
import { defaultStoredTextDetectors } from '../../evaluators/stored-text-detectors.js'
import { createStoredSampler, storedSample } from './stored-sample.js'

const detectors = defaultStoredTextDetectors()
import { verifyEvidence } from './verify-evidence.js'

const salt = 'test-salt-0123456789'
const EMAIL = 'jane.doe@example.com'
const PHONE = '415-555-0132'
const CARD = '4111 1111 1111 1111'
const SSN = '078-05-1120'
const TOKEN = `ghp_${'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'}`

const sample: Sample = {
  id: 'case-1',
  input: `My email is ${EMAIL} and my phone is ${PHONE}. Card ${CARD}.`,
  output: `Thanks! We emailed ${EMAIL.toUpperCase()}. Your SSN ${SSN} is on file. Use token ${TOKEN}.`,
  context: [`Customer record: ${EMAIL}, phone ${PHONE}`],
  toolCalls: [{ name: 'refund', args: { email: EMAIL, phone: 4155550132, card: { number: CARD.replace(/ /g, '') }, amount: 25, note: 'ok' } }],
  metadata: { userId: 'u-1' },
}

describe('storedSample', () => {
  it('redacts PII and secrets in every field to salted pseudonyms; none of the raw values reach the log file', async () => {
    const stored = storedSample(sample, { storage: 'redacted', salt, detectors })
    expect(stored.storage).toBe('redacted')
    expect(stored.saltId).toBe(saltId(salt))
    expect(stored.input).toContain(`<EMAIL_ADDRESS:${pseudonym(EMAIL, { type: 'EMAIL_ADDRESS', salt })}>`)
    expect(stored.input).toContain(`<PHONE_NUMBER:${pseudonym(PHONE, { type: 'PHONE_NUMBER', salt })}>`)
    expect(stored.input).toContain(`<CREDIT_CARD:${pseudonym(CARD, { type: 'CREDIT_CARD', salt })}>`)
    // the same person under another spelling gets the same pseudonym: a subject search finds both
    expect(stored.output).toContain(`<EMAIL_ADDRESS:${pseudonym(EMAIL, { type: 'EMAIL_ADDRESS', salt })}>`)
    expect(stored.output).toMatch(/<US_SSN:[0-9a-f]{8}>/)
    expect(stored.output).toMatch(/<GITHUB_TOKEN:[0-9a-f]{8}>/)
    expect(stored.context![0]).toMatch(/^Customer record: <EMAIL_ADDRESS:[0-9a-f]{8}>, phone <PHONE_NUMBER:[0-9a-f]{8}>$/)
    const args = stored.toolCalls![0]!.args as Record<string, unknown>
    expect(args.phone).toBe(`<PHONE_NUMBER:${pseudonym(PHONE, { type: 'PHONE_NUMBER', salt })}>`) // numeric leaf, caught with its key as context
    expect(args.amount).toBe(25)
    expect(args.note).toBe('ok')
    expect(stored.toolCalls![0]!.name).toBe('refund')

    const path = join(mkdtempSync(join(tmpdir(), 'vouch-stored-')), 'evidence.jsonl')
    const sink = jsonlEvidence(path)
    await sink.append(makeEntry(0, { sample: stored }))
    await sink.close()
    const file = readFileSync(path, 'utf8')
    for (const raw of [EMAIL, EMAIL.toUpperCase(), PHONE, '4155550132', CARD, CARD.replace(/ /g, ''), SSN, TOKEN, 'u-1']) {
      expect(file).not.toContain(raw)
    }
    expect((await verifyEvidence(path, { expectedCount: 1 })).ok).toBe(true)
  })

  it('stores raw text only when asked, and nothing with storage none', () => {
    const raw = storedSample(sample, { storage: 'raw' })
    expect(raw).toEqual({ storage: 'raw', input: sample.input, output: sample.output, context: sample.context, toolCalls: [{ name: 'refund', args: sample.toolCalls![0]!.args }] })
    expect(storedSample(sample, { storage: 'none' })).toEqual({ storage: 'none' })
  })

  it('refuses redaction without a proper salt', () => {
    expect(() => storedSample(sample, {})).toThrow(InvalidArgumentError)
    expect(() => storedSample(sample, {})).toThrow(/salt/)
    expect(() => storedSample(sample, { salt: 'short' })).toThrow(/salt/)
  })

  it('refuses redaction without detectors: the evidence layer has none of its own', () => {
    expect(() => storedSample(sample, { salt })).toThrow(/detectors/)
  })

  it('walks odd tool arguments safely: deep nesting, cycles, Maps, Dates, keys holding PII', () => {
    let deep: unknown = EMAIL
    for (let i = 0; i < 500; i++) deep = { next: deep }
    const cyclic: Record<string, unknown> = { email: EMAIL }
    cyclic.self = cyclic
    const stored = storedSample(
      { toolCalls: [{ name: 't', args: { deep, cyclic, map: new Map([['to', EMAIL]]), when: new Date(0), [EMAIL]: 1 } }] },
      { salt, detectors },
    )
    const text = JSON.stringify(stored)
    expect(text).not.toContain(EMAIL)
    expect(text).toContain('<REDACTED:TOO_DEEP>')
    expect(text).toContain('<REDACTED:CYCLE>')
  })

  it('uses injected detectors instead of the defaults', () => {
    const stored = storedSample({ output: 'order ABC-123 shipped' }, { salt, detectors: [(t) => [{ type: 'ORDER_ID', start: t.indexOf('ABC'), end: t.indexOf('ABC') + 7 }]] })
    expect(stored.output).toMatch(/^order <ORDER_ID:[0-9a-f]{8}> shipped$/)
  })

  it('handles 1 MB texts and hostile 1 MB strings', () => {
    const big = `${'Lorem ipsum dolor sit amet. '.repeat(36_000)} ${EMAIL}`
    const stored = storedSample({ output: big }, { salt, detectors })
    expect(stored.output!.length).toBeGreaterThan(1_000_000)
    expect(stored.output).not.toContain(EMAIL)
    for (const hostile of ['9'.repeat(1_000_000), 'a@a.'.repeat(250_000), '-(-.'.repeat(250_000), `${'1-'.repeat(500_000)}`]) {
      const out = storedSample({ input: hostile }, { salt, detectors })
      expect(typeof out.input).toBe('string')
    }
  })

  it('a compiled sampler scans a recurring text once and stores it exactly as storedSample does', () => {
    const seen: string[] = []
    const counting = [(text: string) => (seen.push(text), detectors[0]!(text)), detectors[1]!]
    const sampler = createStoredSampler({ storage: 'redacted', salt, detectors: counting, cacheSize: 2 })
    const shared = `Contact ${EMAIL} or ${PHONE}; card ${CARD}; token ${TOKEN}`
    const a = sampler({ input: shared, output: 'first', context: [shared] })
    const b = sampler({ input: shared, output: 'second', context: [shared] })
    expect(seen.filter((t) => t === shared)).toHaveLength(1) // scanned once, then served from the cache
    expect(a).toEqual(storedSample({ input: shared, output: 'first', context: [shared] }, { storage: 'redacted', salt, detectors }))
    expect(b.input).toBe(a.input)
    for (const raw of [EMAIL, PHONE, CARD, TOKEN]) expect(JSON.stringify(b)).not.toContain(raw)
    // bounded: with room for two texts, the oldest is dropped and scanned again when it returns
    sampler({ output: 'x1' })
    sampler({ output: 'x2' })
    sampler({ input: shared })
    expect(seen.filter((t) => t === shared)).toHaveLength(2)
    expect(sampler.text(EMAIL)).toMatch(/^<EMAIL_ADDRESS:[0-9a-f]{8}>$/)
  })
})
