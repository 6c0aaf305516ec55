// Positives built at test time from each format's own facts (prefix, alphabet, length), placed in
// the contexts secrets leak through; hard negatives that look random but are not credentials.
import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../test/fixtures/secrets/expand-fixture.js'
import { sampleFromRegex } from '../../test/fixtures/secrets/sample-from-regex.js'
import { literalPrefix } from './format-detectors.js'
import { keywordFormats } from './keyword-formats.js'
import { providerFormats } from './provider-formats.js'
import { scanSecrets } from './scan-secrets.js'
import { base62, crc32, hasValidGithubChecksum } from './token-checksums.js'

const rand = seededRandom(1313)
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const randomOf = (set: string, n: number) => Array.from({ length: n }, () => set[Math.floor(rand() * set.length)]).join('')
const githubToken = (prefix: string) => {
  const body = randomOf(ALNUM, 30)
  return `${prefix}${body}${base62(crc32(body), 6)}`
}

const PREFIXED_CONTEXTS = [
  (t: string) => `export API_TOKEN=${t}`,
  (t: string) => `{"credentials": {"token": "${t}"}}`,
  (t: string) => `deploy:\n  auth: ${t}\n`,
  (t: string) => `mytool login --token ${t}`,
  (t: string) => `I pasted ${t} into the chat by mistake.`,
  (t: string) => `const client = new Client('${t}')`,
]
const KEYWORD_CONTEXTS = [
  (k: string, v: string) => `${k.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_KEY=${v}`,
  (k: string, v: string) => `"${k}": {\n  "api_key": "${v}"\n}`,
  (k: string, v: string) => `${k} = "${v}"`,
]

describe('provider formats', () => {
  it('covers at least 150 provider formats, each with a literal prefix or a keyword context', () => {
    const formats = providerFormats.length + keywordFormats.length
    expect(formats).toBeGreaterThanOrEqual(150)
    expect(new Set([...providerFormats.map((f) => f[0]), ...keywordFormats.map((f) => f[0])]).size).toBe(formats)
  })

  for (const format of providerFormats) {
    const [id, type, re] = format
    it(`finds ${id} (${type}) built from its format, in every context, with the exact span`, () => {
      for (const context of PREFIXED_CONTEXTS) {
        const token = sampleFromRegex(re, rand)!
        expect(token, `sampler handles ${re}`).toBeDefined()
        const text = context(token)
        const hits = scanSecrets(text, { minScore: 0.5 }).filter((m) => m.type === type)
        expect(hits.map((h) => text.slice(h.start, h.end)), text).toContain(token)
      }
    })
  }

  for (const format of keywordFormats) {
    const [id, type, keywords, value] = format
    it(`finds ${id} (${type}) next to its keyword`, () => {
      for (const context of KEYWORD_CONTEXTS) {
        const v = sampleFromRegex(value, rand)!
        const keyword = keywords[0]!
        // keywords that are part of the syntax (`sig=`, `discord.com/api/webhooks/`, `"private_key_id"`) sit right before the value
        const text = /^[a-z0-9_]+$/i.test(keyword) ? context(keyword, v) : `${keyword}${keyword.endsWith('"') ? ': "' : ''}${v}`
        const hits = scanSecrets(text, { minScore: 0.5 })
        expect(hits.some((h) => text.slice(h.start, h.end).includes(v) || v.includes(text.slice(h.start, h.end))), `${text}`).toBe(true)
      }
    })
  }

  it('raises confidence for GitHub and npm tokens with a valid CRC-32 checksum', () => {
    const valid = githubToken('ghp_')
    expect(hasValidGithubChecksum(valid)).toBe(true)
    const broken = `${valid.slice(0, -1)}${valid.endsWith('A') ? 'B' : 'A'}`
    expect(hasValidGithubChecksum(broken)).toBe(false)
    expect(scanSecrets(`token ${valid}`)[0]).toMatchObject({ type: 'GITHUB_TOKEN', score: 0.99 })
    expect(scanSecrets(`token ${broken}`)[0]).toMatchObject({ type: 'GITHUB_TOKEN', score: 0.9 })
    expect(scanSecrets(githubToken('npm_'))[0]).toMatchObject({ type: 'NPM_TOKEN', score: 0.99 })
  })

  it('computes literal prefixes the dispatcher keys on', () => {
    expect(literalPrefix('dp\\.(?:pt|st)\\.[a-z]{4}')).toBe('dp.')
    expect(literalPrefix('ghp_[A-Za-z0-9]{36}')).toBe('ghp_')
    expect(literalPrefix('(?:AKIA|ASIA)[A-Z]{16}')).toBe('')
    expect(literalPrefix('ab?c')).toBe('a')
  })
})

describe('secrets in the places they leak from', () => {
  const token = () => githubToken('ghp_')
  const password = () => randomOf(ALNUM, 12) + '!9'
  const cases: [string, () => string][] = [
    ['.npmrc auth token', () => `//registry.npmjs.org/:_authToken=${randomOf('0123456789abcdef', 8)}-${randomOf('0123456789abcdef', 4)}-4${randomOf('0123456789abcdef', 3)}-a${randomOf('0123456789abcdef', 3)}-${randomOf('0123456789abcdef', 12)}`],
    ['URL with credentials', () => `git clone https://deploy:${password()}@git.internal.example.org/app.git`],
    ['Authorization Bearer header', () => `curl -H "Authorization: Bearer ${randomOf(ALNUM, 40)}" https://api.example.org`],
    ['Authorization Basic header', () => `Authorization: Basic ${Buffer.from(`admin:${password()}`).toString('base64')}`],
    ['CLI password flag', () => `mysql -u root -p${password()} prod`],
    ['CLI token flag', () => `hf download --token ${randomOf(ALNUM, 30)} model`],
    ['Hugging Face token in a CLI command', () => `huggingface-cli login --token hf_${randomOf('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 34)}`],
    ['Terraform variable', () => `variable "db" {\n  password = "${password()}"\n}`],
    ['Kubernetes env entry', () => `env:\n  - name: DB_PASSWORD\n    value: "${password()}"`],
    ['INI section', () => `[database]\nsecret_key = ${randomOf(ALNUM, 32)}`],
    ['.env line', () => `STRIPE_WEBHOOK_SECRET=whsec_${randomOf(ALNUM, 32)}`],
    ['code string concatenation', () => { const t = token(); return `const t = "${t.slice(0, 12)}" + "${t.slice(12)}";` }],
    ['private key block cut before END', () => `key: |\n  -----BEGIN RSA PRIVATE KEY-----\n  ${randomOf(ALNUM + '+/', 64)}\n  ${randomOf(ALNUM + '+/', 20)}`],
    ['JWT without signature part', () => `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"1234567890","name":"A"}').toString('base64url')}`],
    ['Telegram bot token', () => `TELEGRAM_BOT_TOKEN=${randomOf('0123456789', 9)}:AA${randomOf(ALNUM + '_-', 33)}`],
    ['Azure storage connection string', () => `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${randomOf(ALNUM + '+/', 86)}==;EndpointSuffix=core.windows.net`],
    // issue 13, second round (bench/secrets-catalogue.bench.ts found these on its dev split)
    ['.npmrc npm_ token', () => `//npm.pkg.github.com/:_authToken=${githubToken('npm_')}`],
    ['.yarnrc.yml npmAuthToken', () => `npmRegistries:\n  "https://registry.acme.dev":\n    npmAuthToken: "${randomOf(ALNUM, 40)}"`],
    ['Discord bot token in an Authorization header', () => `Authorization: Bot M${randomOf(ALNUM, 23)}.${randomOf(ALNUM, 6)}.${randomOf(ALNUM + '_-', 27)}`],
    ['Telegram bot token in the API URL', () => `curl https://api.telegram.org/bot${randomOf('0123456789', 10)}:AA${randomOf(ALNUM + '_-', 33)}/sendMessage`],
    ['JWE (five parts)', () => `${Buffer.from('{"alg":"RSA-OAEP","enc":"A256GCM"}').toString('base64url')}.${randomOf(ALNUM + '_-', 40)}.${randomOf(ALNUM, 16)}.${randomOf(ALNUM + '_-', 60)}.${randomOf(ALNUM, 22)}`],
    ['Stripe test-mode key (a secret too)', () => `stripe.api_key = "sk_test_${randomOf(ALNUM, 24)}"`],
    ['key named in prose', () => `Sure - the acme api key from the config is ${randomOf(ALNUM, 32)}, keep it safe.`],
    ['provider-less key split over two literals', () => `const acmeApiKey = "${randomOf(ALNUM, 10)}" +\n  "${randomOf(ALNUM, 22)}";`],
    ['Kubernetes env entry named *_KEY', () => `env:\n  - name: ACME_KEY\n    value: "${randomOf(ALNUM, 32)}"`],
    ['Slack webhook, compact form', () => `SLACK_HOOK=https://hooks.slack.com/services/${randomOf(ALNUM + '+/', 44)}`],
  ]
  for (const [name, build] of cases) {
    it(`finds a secret in: ${name}`, () => {
      const text = build()
      expect(scanSecrets(text, { minScore: 0.5 }).length, text).toBeGreaterThan(0)
    })
  }
})

describe('hard negatives built from real-world shapes', () => {
  const hex = (n: number) => randomOf('0123456789abcdef', n)
  const negatives: [string, () => string][] = [
    ['git commit SHA', () => `Merge commit ${hex(40)} into main`],
    ['sha256 digest', () => `sha256:${hex(64)}`],
    ['checksum file line', () => `${hex(64)}  node-v20.20.0-linux-x64.tar.xz`],
    ['UUID', () => `request id ${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)} failed`],
    ['lockfile integrity', () => `"integrity": "sha512-${Buffer.from(hex(64), 'hex').toString('base64')}${Buffer.from(hex(64), 'hex').toString('base64')}"`],
    ['base64 image', () => `<img src="data:image/png;base64,iVBORw0KGgo${randomOf(ALNUM + '+/', 400)}">`],
    ['i18n keys', () => `{"auth.password.reset": "Reset your password", "auth.token.expired": "Your session token expired"}`],
    ['documented AWS example key', () => 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['placeholder GitHub token', () => 'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['environment reference', () => 'password: ${DB_PASSWORD}\ntoken = process.env.API_TOKEN'],
    ['Go module sum', () => `golang.org/x/text v0.14.0 h1:${Buffer.from(hex(64), 'hex').toString('base64')}`],
    ['docker image digest', () => `FROM node:20@sha256:${hex(64)}`],
    ['CSS class hash', () => `<div class="css-${randomOf('abcdefghijklmnopqrstuvwxyz0123456789', 6)} MuiBox-root">`],
    ['password policy prose', () => 'The password must be at least 12 characters; tokens expire after 30 days.'],
    ['template placeholder in an env line named *_AUTH_TOKEN', () => 'ACME_AUTH_TOKEN=<your-acme-auth-token>'],
    ['key id next to a token type', () => `{"token_type": "Bearer", "expires_in": 3600, "key_id": "${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}"}`],
    ['certificate body lines', () => `CA_CERT="-----BEGIN CERTIFICATE-----\nMIIB${randomOf(ALNUM + '+/', 60)}pat${randomOf(ALNUM, 1)}\n${randomOf(ALNUM + '+/', 64)}\n-----END CERTIFICATE-----"`],
    ['header name, value a template', () => 'X-Acme-Api-Key: <your-acme-api-key>'],
    ['example key split over two literals', () => `const acmeApiKey = "${randomOf(ALNUM, 12)}" +\n  "${randomOf(ALNUM, 13)}EXAMPLE";`],
    ['sk_live_ run on into EXAMPLE', () => `STRIPE_KEY=sk_live_${randomOf(ALNUM, 30)}-EXAMPLE`],
  ]
  for (const [name, build] of negatives) {
    it(`stays negative on: ${name}`, () => {
      const text = build()
      expect(scanSecrets(text, { minScore: 0.5 }), text).toEqual([])
    })
  }
})
