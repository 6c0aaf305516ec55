import { secrets } from '../../evaluators/secrets/index.js'
import { seededRandom } from '../fixtures/secrets/expand-fixture.js'
import type { AttackRow } from './harness.js'

/**
 * Secrets bypasses fixed in issue 13 (found by bench/secrets-catalogue.bench.ts on its dev split):
 * each row puts a credential built at test time (never a literal here) where the old detector did
 * not look, and the guarded answer must come back without it.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const rows = (seed: number) => {
  const rand = seededRandom(seed)
  const of = (set: string, n: number) => Array.from({ length: n }, () => set[Math.floor(rand() * set.length)]).join('')
  return { of, key: (n = 32) => of(ALNUM, n) }
}
const guarded = { input: [secrets()], output: [secrets()], onOutput: 'redact' as const }

export const secretsRows: AttackRow[] = [
  {
    id: 'secrets-key-named-in-prose',
    category: 'secrets-context',
    note: 'a provider-less key introduced by words, not by `=` or `:` right after its name',
    build: () => {
      const v = rows(1).key()
      return { values: [v], answer: [{ text: `Sure - the acme api key from the config is ${v}, keep it safe.` }] }
    },
    expect: 'redact',
    options: guarded,
  },
  {
    id: 'secrets-key-split-over-literals',
    category: 'secrets-context',
    note: 'a provider-less key split over two string literals joined with + (each half alone looks harmless)',
    build: () => {
      const r = rows(2)
      const [a, b] = [r.key(11), r.key(21)]
      return { values: [a, b], answer: [{ text: `const acmeApiKey = "${a}" +\n  "${b}";` }] }
    },
    expect: 'redact',
    options: guarded,
  },
  {
    id: 'secrets-telegram-token-in-api-url',
    category: 'secrets-context',
    note: 'a Telegram bot token inside the Bot API URL (followed by /method, and glued to "bot")',
    build: () => {
      const r = rows(3)
      const v = `${r.of('0123456789', 10)}:AA${r.of(`${ALNUM}_-`, 33)}`
      return { values: [v], answer: [{ text: `curl https://api.telegram.org/bot${v}/sendMessage` }] }
    },
    expect: 'redact',
    options: guarded,
  },
  {
    id: 'secrets-stripe-test-key',
    category: 'secrets-context',
    note: 'a Stripe test-mode key (scored below the default threshold before: test keys are secrets too)',
    build: () => {
      const v = `sk_test_${rows(4).key(24)}`
      return { values: [v], answer: [{ text: `Use the test key ${v} in staging.` }] }
    },
    expect: 'redact',
    options: guarded,
  },
  {
    id: 'secrets-k8s-env-named-key',
    category: 'secrets-context',
    note: 'a Kubernetes env entry whose name ends in _KEY (only PASSWORD/SECRET/TOKEN names were read)',
    build: () => {
      const v = rows(5).key()
      return { values: [v], answer: [{ text: `env:\n  - name: ACME_KEY\n    value: "${v}"\n` }] }
    },
    expect: 'redact',
    options: guarded,
  },
  {
    id: 'secrets-jwe-five-parts',
    category: 'secrets-context',
    note: 'an encrypted JWT (five parts, the second not JSON): a bearer token all the same',
    build: () => {
      const r = rows(6)
      const v = `${Buffer.from('{"alg":"RSA-OAEP","enc":"A256GCM"}').toString('base64url')}.${r.of(`${ALNUM}_-`, 40)}.${r.key(16)}.${r.of(`${ALNUM}_-`, 60)}.${r.key(22)}`
      return { values: [v], answer: [{ text: `Cookie: sid=${v}` }] }
    },
    expect: 'redact',
    options: guarded,
  },
]
