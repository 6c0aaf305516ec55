import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { expandFixture } from '../../test/fixtures/secrets/expand-fixture.js'
import { hostileSecretInputs } from '../../test/fixtures/secrets/hostile-inputs.js'
import { loadLabeledCases } from '../../test/helpers/load-labeled-cases.js'
import { scoreDetectors } from '../../test/helpers/score-detectors.js'
import { scanSecrets } from './scan-secrets.js'
import { secretTypes } from './secret-detectors.js'
import { isPlaceholderSecret } from './is-placeholder-secret.js'
import { shannonEntropy } from './shannon-entropy.js'

const casesPath = fileURLToPath(new URL('../../test/fixtures/secrets/cases.jsonl', import.meta.url))
const cases = loadLabeledCases(casesPath)

describe('scanSecrets on the labeled set', () => {
  const rows = cases.map((c) => ({ id: c.id, expect: c.expect, found: [...new Set(scanSecrets(c.text, { minScore: 0.5 }).map((m) => m.type))] }))
  const { perType, overall } = scoreDetectors(rows, secretTypes)

  it('has positives for the hand-written detectors and hard negatives (table formats: provider-formats.test.ts)', () => {
    for (const type of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'SLACK_WEBHOOK_URL', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'TWILIO_AUTH_TOKEN', 'JWT', 'PRIVATE_KEY', 'DATABASE_URL_PASSWORD', 'GENERIC_SECRET']) {
      expect(cases.some((c) => c.expect.includes(type)), type).toBe(true)
    }
    for (const c of cases) for (const type of c.expect) expect(secretTypes, c.id).toContain(type)
    expect(cases.filter((c) => c.expect.length === 0).length).toBeGreaterThanOrEqual(30)
  })

  it('keeps precision and recall above their floors, overall and per detector', () => {
    expect(overall.precision).toBeGreaterThanOrEqual(0.95)
    expect(overall.recall).toBeGreaterThanOrEqual(0.95)
    for (const row of perType) {
      expect(row.recall, `${row.type} recall`).toBeGreaterThanOrEqual(0.8)
      expect(row.precision, `${row.type} precision`).toBeGreaterThanOrEqual(0.75)
    }
  })

  it('does not fire on any hard negative (documented example keys, placeholders, env references)', () => {
    const falsePositives = rows.filter((r) => r.expect.length === 0 && r.found.length > 0).map((r) => r.id)
    expect(falsePositives).toEqual([])
  })
})

describe('scanSecrets', () => {
  it('reports typed spans that cover exactly the token', () => {
    const token = expandFixture('ghp_{{rand:A:36}}')
    const text = `push with ${token} please`
    const [match, ...rest] = scanSecrets(text)
    expect(rest).toEqual([])
    expect(match).toMatchObject({ type: 'GITHUB_TOKEN', detector: 'github-pat', start: 10, end: 10 + token.length })
  })

  it('spans only the password of a database URL and the value of an assignment', () => {
    const password = expandFixture('{{rand:A:20}}')
    const url = `postgres://app:${password}@db.internal:5432/prod`
    const [m] = scanSecrets(url)
    expect(url.slice(m!.start, m!.end)).toBe(password)
    const line = `client_secret = "${password}"`
    const [g] = scanSecrets(line)
    expect(g).toMatchObject({ type: 'GENERIC_SECRET' })
    expect(line.slice(g!.start, g!.end)).toBe(password)
  })

  it('prefers the provider-specific type over the generic assignment on the same span', () => {
    const matches = scanSecrets(expandFixture('api_key = sk_live_{{rand:A:24}}'))
    expect(matches.map((m) => m.type)).toEqual(['STRIPE_SECRET_KEY'])
  })

  it('checks that a JWT header and payload decode to JSON objects, not only in the exact three-part shape', () => {
    expect(scanSecrets(expandFixture('Bearer {{jwt}}')).map((m) => m.type)).toEqual(['JWT'])
    const part = (json: string) => Buffer.from(json).toString('base64url')
    expect(scanSecrets(`${part('{"typ":"JWT"}')}.${part('{"sub":"1"}')}.c2lnbmF0dXJl`).map((m) => m.type)).toEqual(['JWT'])
    expect(scanSecrets(`${part('{"alg":"RS256"}')}.${part('{"sub":"1234567890","admin":true}')}`).map((m) => m.type)).toEqual(['JWT'])
    // JSON that is not a JWT header, and a payload that is not JSON
    expect(scanSecrets(`${part('{"foo":"bar"}')}.${part('{"sub":"1"}')}.c2lnbmF0dXJl`)).toEqual([])
    expect(scanSecrets(`${part('{"alg":"HS256"}')}.${Buffer.from('not json at all, just text').toString('base64url')}.c2ln`)).toEqual([])
  })

  it('needs a key body for a private key block; a BEGIN without END counts from its base64 body', () => {
    expect(scanSecrets(expandFixture('{{pem:OPENSSH}}'))[0]).toMatchObject({ type: 'PRIVATE_KEY', score: 0.99 })
    expect(scanSecrets(expandFixture('{{pem-truncated:RSA}}'))[0]).toMatchObject({ type: 'PRIVATE_KEY', score: 0.9 })
    expect(scanSecrets(expandFixture('{{begin:RSA}}\n{{rand:B:48}}'))[0]).toMatchObject({ type: 'PRIVATE_KEY', score: 0.8 })
    expect(scanSecrets(expandFixture('{{begin:RSA}} is how the file starts'))).toEqual([])
  })

  it('filters by type, skips allow-listed values and drops hits below minScore', () => {
    const gh = expandFixture('ghp_{{rand:A:36}}')
    const npm = expandFixture('npm_{{rand:A:36}}')
    const text = `${gh} ${npm}`
    expect(scanSecrets(text, { types: ['NPM_TOKEN'] }).map((m) => m.type)).toEqual(['NPM_TOKEN'])
    expect(scanSecrets(text, { allow: new Set([gh]) }).map((m) => m.type)).toEqual(['NPM_TOKEN'])
    expect(scanSecrets(text, { minScore: 0.99 })).toEqual([])
  })

  it('does not treat a token embedded in a longer run as a token', () => {
    expect(scanSecrets(expandFixture('AIza{{rand:W:60}}'))).toEqual([])
    expect(scanSecrets(expandFixture('xghp_{{rand:A:36}}'))).toEqual([])
  })

  for (const [name, text] of Object.entries(hostileSecretInputs)) {
    it(`finishes on the 1 MB hostile input "${name}"`, () => {
      expect(text.length).toBeGreaterThanOrEqual(1 << 20)
      const matches = scanSecrets(text)
      expect(Array.isArray(matches)).toBe(true)
      for (const m of matches) expect(m.end).toBeLessThanOrEqual(text.length)
    })
  }
})

describe('isPlaceholderSecret and shannonEntropy', () => {
  it('knows documented example keys and placeholders', () => {
    for (const value of ['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'xxxxxxxxxxxx', '<your-key>', '${API_KEY}', 'your_api_key_here', '************']) {
      expect(isPlaceholderSecret(value), value).toBe(true)
    }
    expect(isPlaceholderSecret(expandFixture('{{rand:A:32}}'))).toBe(false)
  })

  it('measures bits per character', () => {
    expect(shannonEntropy('')).toBe(0)
    expect(shannonEntropy('aaaa')).toBe(0)
    expect(shannonEntropy('abcd')).toBeCloseTo(2)
    expect(shannonEntropy(expandFixture('{{rand:A:64}}'))).toBeGreaterThan(4.5)
  })
})
