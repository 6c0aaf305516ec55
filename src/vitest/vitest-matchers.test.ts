import { describe, expect, it } from 'vitest'
import { defineRubric, isCompliant } from '../../evaluators/is-compliant/index.js'
import { pii } from '../../evaluators/pii/index.js'
import { mockJudge } from '../../test/fixtures/rubrics/mock-judge-model.js'
import { defineEvaluator } from '../core/define-evaluator.js'
import './index.js'

const EMAIL = 'jane.doe@example.com'
const CARD = '4111 1111 1111 1111'

/** The message of the assertion error a failing matcher throws. */
async function failureOf(assertion: Promise<unknown>): Promise<string> {
  try {
    await assertion
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected the matcher to fail, but it passed')
}

const rubric = defineRubric({
  id: 'support-answer-test',
  version: '1.2.0',
  owner: 'compliance@example.com',
  controls: ['C1.1', 'PI1.3'],
  criteria: [
    { id: 'no-card', severity: 'critical', kind: 'no-pii', field: 'output', entities: ['CREDIT_CARD'], description: 'never repeats a card number' },
    { id: 'short', severity: 'medium', kind: 'max-length', field: 'output', max: 200, unit: 'characters', description: 'short answers' },
  ],
})

describe('toPassEvaluator', () => {
  it('passes for a clean sample and a plain string (taken as the output)', async () => {
    await expect({ input: 'Where is my order?', output: 'It ships tomorrow.' }).toPassEvaluator(pii())
    await expect('It ships tomorrow.').toPassEvaluator(pii())
  })

  it('fails with the status, reason and findings, never the raw value', async () => {
    const message = await failureOf(expect({ output: `Write to ${EMAIL} today.` }).toPassEvaluator(pii()))
    expect(message).toContain('expected the sample to pass pii@2.2.0, but the result is fail')
    expect(message).toMatch(/findings \(1\):\n {2}- EMAIL_ADDRESS in output \[9, 29\) score/)
    expect(message).toContain('output (redacted): "Write to <EMAIL_ADDRESS> today."')
    expect(message).not.toContain(EMAIL)
  })

  it('supports .not, and reports an evaluator crash as an error result', async () => {
    await expect({ output: `mail ${EMAIL}` }).not.toPassEvaluator(pii())
    const notMessage = await failureOf(expect('clean text').not.toPassEvaluator(pii()))
    expect(notMessage).toContain('expected the sample not to pass pii@2.2.0, but it passed')
    const crashing = defineEvaluator({ name: 'crashy', version: '0.1.0', evaluate: () => { throw new Error('boom') } })
    const message = await failureOf(expect('x').toPassEvaluator(crashing))
    expect(message).toContain('but the result is error')
    expect(message).toContain('boom')
  })

  it('rejects a value that is not an evaluator', async () => {
    await expect(expect('x').toPassEvaluator({} as never)).rejects.toThrow(/expected an evaluator/)
  })
})

describe('toHaveNoPII', () => {
  it('passes for text without PII', async () => {
    await expect('Your parcel left our warehouse this morning.').toHaveNoPII()
  })

  it('fails listing entity types and offsets with the values redacted', async () => {
    const text = `Card ${CARD}, mail ${EMAIL}`
    const message = await failureOf(expect(text).toHaveNoPII())
    expect(message).toContain('expected no PII, but found 2 (CREDIT_CARD, EMAIL_ADDRESS)')
    expect(message).toContain('CREDIT_CARD in output [5, 24)')
    expect(message).toContain('EMAIL_ADDRESS in output [31, 51)')
    expect(message).toContain('"Card <CREDIT_CARD>, mail <EMAIL_ADDRESS>"')
    expect(message).not.toContain(EMAIL)
    expect(message).not.toContain(CARD)
    expect(message).not.toContain('4111')
  })

  it('scans every text field of a Sample, and takes pii() options', async () => {
    const message = await failureOf(expect({ input: `I am ${EMAIL}`, output: 'Thanks!' }).toHaveNoPII())
    expect(message).toContain('EMAIL_ADDRESS in input')
    await expect({ input: `I am ${EMAIL}`, output: 'Thanks!' }).toHaveNoPII({ fields: ['output'] })
    await expect(`mail ${EMAIL}`).toHaveNoPII({ entities: ['CREDIT_CARD'] })
    await expect(`mail ${EMAIL}`).not.toHaveNoPII()
  })
})

describe('toComplyWith', () => {
  it('passes when every criterion passes', async () => {
    await expect('Your refund was issued today.').toComplyWith(rubric)
  })

  it('fails naming the failing criteria, the policy and the findings, values redacted', async () => {
    const message = await failureOf(expect(`I see your card ${CARD} on file.`).toComplyWith(rubric))
    expect(message).toContain('expected the sample to pass rubric support-answer-test@1.2.0, but the result is fail')
    expect(message).toContain('[support-answer-test/no-card]')
    expect(message).toMatch(/criteria:\n {2}- no-card: fail: /)
    expect(message).toContain('CREDIT_CARD in output')
    expect(message).not.toContain(CARD)
  })

  it('runs judge criteria through the given model (AI SDK mock) and shows the judge reason', async () => {
    const judged = defineRubric({
      id: 'polite',
      version: '1.0.0',
      owner: 'cx@example.com',
      controls: ['PI1.3'],
      criteria: [{ id: 'polite', severity: 'low', kind: 'judge', fields: ['output'], requirement: 'The reply is polite.', description: 'polite reply' }],
    })
    await expect('Thank you for waiting!').toComplyWith(judged, { model: mockJudge([{ verdict: 'pass' }]) })
    const message = await failureOf(expect('Go away.').toComplyWith(judged, { model: mockJudge([{ verdict: 'fail', reason: 'the reply is curt and dismissive' }]) }))
    expect(message).toContain('polite: fail: judge: the reply is curt and dismissive')
  })
})

describe('skipped judge criteria: allowSkipped / requireJudge', () => {
  const mixed = defineRubric({
    id: 'mixed',
    version: '1.0.0',
    owner: 'cx@example.com',
    controls: ['PI1.3'],
    criteria: [
      { id: 'no-card', severity: 'critical', kind: 'no-pii', field: 'output', entities: ['CREDIT_CARD'], description: 'never repeats a card number' },
      { id: 'polite', severity: 'low', kind: 'judge', fields: ['output'], requirement: 'The reply is polite.', description: 'polite reply' },
    ],
  })
  const offline = { _internal: { env: {} } }

  it('offline (no judge model) the result is skipped: not a pass by default, and the message says what to do', async () => {
    const message = await failureOf(expect('Thank you for waiting!').toComplyWith(mixed, offline))
    expect(message).toContain('but the result is skipped (pass { allowSkipped: true } to accept it')
    expect(message).toContain('no judge model configured')
  })

  it('allowSkipped: passes offline when every deterministic criterion passes; a failed rule still fails', async () => {
    await expect('Thank you for waiting!').toComplyWith(mixed, { ...offline, allowSkipped: true })
    const message = await failureOf(expect(`card ${CARD}`).toComplyWith(mixed, { ...offline, allowSkipped: true }))
    expect(message).toContain('but the result is fail')
  })

  it('requireJudge: a judge that did not run fails even with allowSkipped; with a judge it passes', async () => {
    const message = await failureOf(expect('Thank you!').toComplyWith(mixed, { ...offline, allowSkipped: true, requireJudge: true }))
    expect(message).toContain('1 judge check did not run and requireJudge is set')
    await expect('Thank you!').toComplyWith(mixed, { model: mockJudge([{ verdict: 'pass' }]), requireJudge: true })
  })

  it('VOUCH_REQUIRE_JUDGE=1 turns requireJudge on (for CI), and toPassEvaluator takes the same options', async () => {
    const before = process.env.VOUCH_REQUIRE_JUDGE
    process.env.VOUCH_REQUIRE_JUDGE = '1'
    try {
      const message = await failureOf(expect('Thank you!').toComplyWith(mixed, { ...offline, allowSkipped: true }))
      expect(message).toContain('requireJudge is set')
      await expect('Thank you!').toComplyWith(mixed, { ...offline, allowSkipped: true, requireJudge: false })
    } finally {
      if (before === undefined) delete process.env.VOUCH_REQUIRE_JUDGE
      else process.env.VOUCH_REQUIRE_JUDGE = before
    }
    const evaluator = isCompliant({ rubric: mixed, ...offline })
    await expect('Thank you!').toPassEvaluator(evaluator, { allowSkipped: true })
    await failureOf(expect('Thank you!').toPassEvaluator(evaluator, { allowSkipped: true, requireJudge: true }))
  })
})
