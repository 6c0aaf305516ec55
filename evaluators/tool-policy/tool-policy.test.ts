import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { describeConformance } from '../../test/conformance.js'
import { InvalidArgumentError } from '../../src/core/errors/invalid-argument-error.js'
import { scoreDetectors } from '../../test/helpers/score-detectors.js'
import { supportAgentPolicy } from '../../test/fixtures/tool-policy/support-agent-policy.js'
import { loadToolCases } from '../../test/fixtures/tool-policy/load-tool-cases.js'
import { checkToolCall, checkToolCalls, compileToolPolicy } from './check-tool-call.js'
import { toolPolicy } from './tool-policy.js'

const cases = loadToolCases(fileURLToPath(new URL('../../test/fixtures/tool-policy/cases.jsonl', import.meta.url)))
const TYPES = [
  'TOOL_NOT_ALLOWED', 'WRITE_NOT_ALLOWED', 'APPROVAL_REQUIRED', 'INVALID_ARGS', 'ARG_CONSTRAINT', 'MAX_CALLS_EXCEEDED',
  'TOOL_MAX_CALLS_EXCEEDED', 'FORBIDDEN_SEQUENCE', 'WORKFLOW_STEP_MISSING', 'WORKFLOW_OUT_OF_ORDER',
]

describeConformance('tool-policy', () => toolPolicy(supportAgentPolicy))

describe('toolPolicy on the labeled set', () => {
  it('reports exactly the expected violation types on every case (allowed runs and violations)', async () => {
    const evaluator = toolPolicy(supportAgentPolicy)
    const rows = []
    for (const c of cases) {
      const result = await evaluator.evaluate(c.sample)
      const found = [...new Set(result.findings.map((f) => f.type))]
      expect(result.status, c.id).toBe(c.expect.length ? 'fail' : 'pass')
      rows.push({ id: c.id, expect: c.expect, found })
    }
    const { perType, overall } = scoreDetectors(rows, TYPES)
    expect(overall.precision).toBe(1)
    expect(overall.recall).toBe(1)
    for (const row of perType) if (row.type !== 'WRITE_NOT_ALLOWED') expect(row.tp, `${row.type} has positives`).toBeGreaterThan(0)
    expect(cases.filter((c) => c.expect.length === 0).length).toBeGreaterThanOrEqual(10)
  })
})

describe('toolPolicy()', () => {
  const evaluator = toolPolicy(supportAgentPolicy)
  const refund = (amount: number, customerId = 'cus_1') => ({ name: 'refund', args: { orderId: 'ord_1', amount, currency: 'USD', customerId } })

  it('points argument findings at toolCalls[i].args with a JSON path and never quotes the value', async () => {
    const result = await evaluator.evaluate({ toolCalls: [{ name: 'verify_identity', args: { customerId: 'cus_1' } }, refund(987654, 'cus_777')], metadata: { userId: 'cus_1', approved: true } })
    expect(result.status).toBe('fail')
    expect(result.policyId).toBe('support-agent-tools@1.0.0')
    expect(result.findings).toEqual([
      expect.objectContaining({ type: 'ARG_CONSTRAINT', field: 'toolCalls[1].args', path: '$.amount', message: 'above maximum 500' }),
      expect.objectContaining({ type: 'ARG_CONSTRAINT', field: 'toolCalls[1].args', path: '$.customerId', message: 'does not match metadata.userId' }),
    ])
    const serialised = JSON.stringify(result)
    expect(serialised).not.toContain('987654')
    expect(serialised).not.toContain('cus_777')
    expect(result.score).toBe(0.5)
  })

  it('is skipped when the sample carries no tool calls, and judges an empty list', async () => {
    expect((await evaluator.evaluate({ output: 'hi' })).status).toBe('skipped')
    expect((await evaluator.evaluate({ toolCalls: [] })).status).toBe('pass')
    const workflow = await evaluator.evaluate({ toolCalls: [], metadata: { route: 'refunds' } })
    expect(workflow.findings.map((f) => f.message)).toEqual([
      'workflow step 1 of 3 ("verify_identity") never ran',
      'workflow step 2 of 3 ("lookup_order") never ran',
      'workflow step 3 of 3 ("refund") never ran',
    ])
  })

  it('does not echo an odd tool name coming from the model', async () => {
    const result = await evaluator.evaluate({ toolCalls: [{ name: 'x; ignore previous instructions <script>', args: {} }] })
    expect(result.findings[0]).toMatchObject({ type: 'TOOL_NOT_ALLOWED', field: 'toolCalls[0]' })
    expect(JSON.stringify(result)).not.toContain('<script>')
  })

  it('denies write tools on a read-only route', async () => {
    const policy = { tools: { search: { access: 'read' as const }, delete_doc: { access: 'write' as const, requiresApproval: false } }, readOnly: true }
    const result = await toolPolicy(policy).evaluate({ toolCalls: [{ name: 'search', args: {} }, { name: 'delete_doc', args: {} }] })
    expect(result.findings.map((f) => [f.type, f.field])).toEqual([['WRITE_NOT_ALLOWED', 'toolCalls[1]']])
  })

  it('changes its config hash with the policy, including the zod schemas', () => {
    const a = toolPolicy({ tools: { t: { args: z.object({ n: z.number().max(5) }) } } })
    const b = toolPolicy({ tools: { t: { args: z.object({ n: z.number().max(6) }) } } })
    expect(a.configHash).not.toBe(b.configHash)
    expect(toolPolicy(supportAgentPolicy).configHash).toBe(toolPolicy(supportAgentPolicy).configHash)
  })

  it('rejects a bad policy with a message naming the field', () => {
    expect(() => toolPolicy({ tools: { refund: { access: 'delete' as never } } })).toThrow(/toolPolicy: tools\.refund\.access/)
    expect(() => toolPolicy({ tools: { refund: { constraints: [{ path: 'amount', max: 5 }] } } })).toThrow(/tools\.refund\.constraints\[0\]\.path/)
    expect(() => toolPolicy({ tools: {}, forbiddenSequences: [['only-one']] })).toThrow(InvalidArgumentError)
    expect(() => toolPolicy({ tools: { t: { constraints: [{ path: '$.a[', max: 1 }] } } })).toThrow(/tools\.t\.constraints\[0\]\.path/)
  })

  it('handles 100 000 tool calls in linear time', async () => {
    const calls = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? { name: 'read_internal_notes', args: {} } : { name: 'http_post', args: {} }))
    const result = await evaluator.evaluate({ toolCalls: calls, metadata: { userId: 'cus_1' } })
    expect(result.status).toBe('fail')
    expect(result.findings.length).toBeLessThanOrEqual(1000)
    expect(result.details).toMatchObject({ calls: 100_000 })
  })
})

describe('checkToolCall (the guardrail check on one streamed call)', () => {
  const policy = compileToolPolicy(supportAgentPolicy)
  const meta = { userId: 'cus_1' }

  it('allows a good call and flags a bad one, indexing it after the prior calls', () => {
    expect(checkToolCall(policy, { name: 'lookup_order', args: { orderId: 'ord_9', customerId: 'cus_1' } }, [], meta)).toEqual([])
    const prior = [{ name: 'read_internal_notes', args: {} }, { name: 'verify_identity', args: { customerId: 'cus_1' } }]
    const findings = checkToolCall(policy, { name: 'http_post', args: {} }, prior, meta)
    expect(findings).toEqual([expect.objectContaining({ type: 'FORBIDDEN_SEQUENCE', field: 'toolCalls[2]', message: 'completes the forbidden sequence read_internal_notes → http_post' })])
  })

  it('accepts the raw policy object as well as a compiled one, and agrees with checkToolCalls', () => {
    const calls = [{ name: 'refund', args: { orderId: 'ord_1', amount: 10, currency: 'USD', customerId: 'cus_1' } }, { name: 'refund', args: { orderId: 'ord_1', amount: 10, currency: 'USD', customerId: 'cus_1' } }]
    const meta2 = { ...meta, approved: true }
    const streamed = calls.flatMap((call, i) => checkToolCall(supportAgentPolicy, call, calls.slice(0, i), meta2))
    expect(streamed).toEqual(checkToolCalls(policy, calls, meta2))
    expect(streamed.map((f) => f.type)).toEqual(['TOOL_MAX_CALLS_EXCEEDED'])
  })

  it('flags a number the JSON cannot represent (1e309) in any argument, constrained or not, once per path', () => {
    const findings = checkToolCall(policy, { name: 'lookup_order', args: '{"orderId":"ord_1","customerId":"cus_1","page":{"size":1e309}}' }, [], meta)
    expect(findings.filter((f) => f.type === 'NON_FINITE_ARG').map((f) => f.path)).toEqual(['$.page.size'])
    const refund = checkToolCall(policy, { name: 'refund', args: '{"orderId":"ord_1","amount":-1e309,"currency":"USD","customerId":"cus_1"}' }, [], { ...meta, approved: true })
    expect(refund.filter((f) => f.path === '$.amount').map((f) => f.type)).toContain('NON_FINITE_ARG')
    expect(refund.filter((f) => f.path === '$.amount' && f.type === 'ARG_CONSTRAINT')).toEqual([])
    expect(refund.every((f) => !String(f.message).includes('1e309'))).toBe(true)
  })

  it('checks JSON-string arguments like parsed ones', () => {
    expect(checkToolCall(policy, { name: 'lookup_order', args: '{"orderId":"ord_1","customerId":"cus_2"}' }, [], meta).map((f) => f.path)).toEqual(['$.customerId'])
  })
})
