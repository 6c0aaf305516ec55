// The judge as a data destination: what reaches a (local) judge server, and what the result records.
import { afterEach, describe, expect, it } from 'vitest'
import { criterionOf, requestText, startOpenAiServer, verdictText, type OpenAiServer, type ReplyFn } from '../../test/helpers/openai-server.js'
import { defineDataPrivacyPolicy } from '../data-privacy/load-data-privacy-policy.js'
import { pseudonymizeData } from '../judge/pseudonymize-data.js'
import { isCompliant, type IsCompliantOptions } from './is-compliant.js'
import { defineRubric } from './load-rubric.js'

const EMAIL = 'ana.lopez@example.com'
const CARD = '4111 1111 1111 1111'
const KEY = 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'

const rubric = (redaction?: 'pseudonymize' | 'none') =>
  defineRubric({
    id: 'privacy',
    version: '1.0.0',
    owner: 'privacy@example.com',
    controls: ['C1.1'],
    ...(redaction ? { judge: { redaction } } : {}),
    criteria: [{ id: 'same-person', severity: 'medium', kind: 'judge', fields: ['input', 'output'], requirement: 'The answer writes to the address the customer gave.', description: 'replies to the right address' }],
  })

const sample = {
  input: `My e-mail is ${EMAIL}; card ${CARD}. Key ${KEY}.`,
  output: `We wrote to ${EMAIL.toUpperCase()} about card ${CARD.replace(/ /g, '-')}.`,
}

let server: OpenAiServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function judged(reply: ReplyFn, options: Partial<IsCompliantOptions> & { rubric: IsCompliantOptions['rubric'] }) {
  server = await startOpenAiServer({ reply })
  const evaluator = isCompliant({ ...options, _internal: { env: { OPENAI_BASE_URL: server.baseURL, VOUCH_JUDGE_MODEL: 'gpt-4o-mini' }, sleep: async () => {} } })
  return { result: await evaluator.evaluate(sample), server }
}

const policy = (allow: string[], models = ['gpt-4o-mini']) =>
  defineDataPrivacyPolicy({
    id: 'judge-flow',
    version: '1.0.0',
    inventory: [{ provider: 'openai', models }],
    destinations: [{ provider: 'openai', allow }],
  })

describe('the judge as a data destination', () => {
  it('by default sends consistent pseudonyms, never the e-mail, card or key; records what was replaced', async () => {
    const quote = 'We wrote to <EMAIL_ADDRESS_1>'
    const { result, server } = await judged((r) => ({ text: verdictText('pass', { criterion: criterionOf(r), quote }) }), { rubric: rubric() })
    expect(result.status).toBe('pass')
    const sent = server.requests.map((r) => r.raw).join('\n')
    for (const value of [EMAIL, EMAIL.toUpperCase(), '4111', KEY]) expect(sent).not.toContain(value)
    // the same e-mail (in two spellings) and the same card are one pseudonym each, in input and output
    const text = requestText(server.requests[0]!)
    expect(text).toContain('My e-mail is <EMAIL_ADDRESS_1>; card <CREDIT_CARD_1>.')
    expect(text).toContain('We wrote to <EMAIL_ADDRESS_1> about card <CREDIT_CARD_1>.')
    expect(text).toContain('Key <GITHUB_TOKEN_1>.')
    expect(result.details!.judge).toMatchObject({
      provider: 'openai',
      modelId: 'gpt-4o-mini',
      api: 'chat-completions',
      endpoint: server.host,
      redaction: { mode: 'pseudonymize', replaced: { EMAIL_ADDRESS: 1, CREDIT_CARD: 1 }, sentRaw: [] },
    })
    // the judge's verbatim quote (with a pseudonym) is located in the ORIGINAL output
    const c = (result.details!.criteria as { judge: { quoteAt?: { field: string; start: number; end: number }; pseudonymized: number } }[])[0]!
    expect(c.judge.pseudonymized).toBeGreaterThanOrEqual(3)
    expect(c.judge.quoteAt).toEqual({ field: 'output', start: 0, end: `We wrote to ${EMAIL}`.length })
    expect(JSON.stringify(result)).not.toContain(EMAIL)
  })

  it('a rubric may opt out (redaction: none): values are sent as they are and the result says so', async () => {
    const { result, server } = await judged((r) => ({ text: verdictText('pass', { criterion: criterionOf(r) }) }), { rubric: rubric('none') })
    expect(server.requests[0]!.raw).toContain(EMAIL)
    expect(result.details!.judge).toMatchObject({ redaction: { mode: 'none', replaced: {}, sentRaw: expect.arrayContaining(['CREDIT_CARD', 'EMAIL_ADDRESS']) } })
  })

  it('a data-privacy policy limits what an opted-out rubric sends: only the classes allowed for the judge go raw', async () => {
    const { result, server } = await judged((r) => ({ text: verdictText('pass', { criterion: criterionOf(r) }) }), { rubric: rubric('none'), dataPolicy: policy(['contact']) })
    const sent = server.requests[0]!.raw
    expect(sent).toContain(EMAIL)
    expect(sent).not.toContain('4111')
    expect(sent).not.toContain(KEY)
    expect(result.details!.judge).toMatchObject({ redaction: { mode: 'none', sentRaw: ['EMAIL_ADDRESS'], replaced: { CREDIT_CARD: 1 }, policy: { id: 'judge-flow', version: '1.0.0' } } })
  })

  it('a judge not in the policy inventory receives nothing: the criterion is an error naming the policy', async () => {
    const { result, server } = await judged(() => ({ text: 'never asked' }), { rubric: rubric(), dataPolicy: policy(['contact'], ['gpt-4o']) })
    expect(server.requests).toHaveLength(0)
    expect(result.status).toBe('error')
    expect(result.reason).toContain('judge openai/gpt-4o-mini is not an approved destination in data-privacy policy judge-flow@1.0.0')
  })
})

describe('pseudonymizeData', () => {
  it('numbers values per type in order of first appearance, and maps sent offsets back', () => {
    const sections = [
      { label: 'input', text: `a ${EMAIL} b bob@example.org` },
      { label: 'output', text: `c bob@example.org d ${EMAIL}` },
    ]
    const sent = pseudonymizeData(sections)
    expect(sent.sections.map((s) => s.text)).toEqual(['a <EMAIL_ADDRESS_1> b <EMAIL_ADDRESS_2>', 'c <EMAIL_ADDRESS_2> d <EMAIL_ADDRESS_1>'])
    expect(sent.replaced).toEqual({ EMAIL_ADDRESS: 2 })
    // "d <EMAIL_ADDRESS_1>" in the sent output → "d ana.lopez@example.com" in the original
    const at = sent.sections[1]!.text.indexOf('d <EMAIL')
    expect(sent.toOriginal('output', at, sent.sections[1]!.text.length)).toEqual({ start: sections[1]!.text.indexOf('d '), end: sections[1]!.text.length })
    // a span inside a pseudonym covers the whole original value
    expect(sent.toOriginal('input', 4, 6)).toEqual({ start: 2, end: 2 + EMAIL.length })
  })

  it('is linear on a long hostile text (many values, one call)', () => {
    const text = Array.from({ length: 5_000 }, (_, i) => `user${i % 50}@example.com`).join(' ')
    const sent = pseudonymizeData([{ label: 'output', text }])
    expect(sent.replaced).toEqual({ EMAIL_ADDRESS: 50 })
    expect(sent.sections[0]!.text).not.toContain('@example.com')
  })
})
