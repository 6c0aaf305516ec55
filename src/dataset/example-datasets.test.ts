import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { readDataset, type DatasetRow } from './index.js'

// The example suite's golden datasets (datasets/): they must load with readDataset and their
// recorded outputs must match the support assistant's structured-output schema (datasets/README.md).

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

const supportReply = z
  .object({
    reply: z.string().min(1),
    category: z.enum(['billing', 'shipping', 'account', 'technical', 'returns', 'privacy', 'other']),
    priority: z.number().int().min(1).max(4),
    confidence: z.number().min(0).max(1),
    escalate: z.boolean(),
    refund_amount: z.number().min(0).max(500),
  })
  .strict()

async function load(path: string): Promise<DatasetRow[]> {
  const rows: DatasetRow[] = []
  for await (const row of readDataset({ path: resolve(root, path), required: ['id', 'input', 'output', 'model', 'metadata.intent', 'metadata.locale'] })) rows.push(row)
  return rows
}

type SupportReply = z.infer<typeof supportReply>

/** The schema problems of a recorded output, as field paths (`not JSON` when it does not parse). */
function issuesOf(output: string | undefined): string[] {
  let value: unknown
  try {
    value = JSON.parse(output ?? '')
  } catch {
    return ['not JSON']
  }
  const result = supportReply.safeParse(value)
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'))
}

const replyOf = (output: string | undefined): SupportReply => supportReply.parse(JSON.parse(output ?? ''))

// Bounded, unambiguous pieces: linear on any input.
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g
const emails = (text: string) => text.match(EMAIL) ?? []

describe('datasets/support/cases.csv', () => {
  it('has at least 60 rows with unique ids, the recorded model and metadata', async () => {
    const rows = await load('datasets/support/cases.csv')
    expect(rows.length).toBeGreaterThanOrEqual(60)
    expect(new Set(rows.map((r) => r.sample.id)).size).toBe(rows.length)
    for (const { sample } of rows) {
      expect(sample.model).toEqual({ provider: 'openai', id: 'gpt-4o-mini' })
      expect(Object.keys(sample.metadata ?? {}).sort()).toEqual(['intent', 'locale'])
    }
  })

  it('every recorded output is valid against the support reply schema', async () => {
    const rows = await load('datasets/support/cases.csv')
    const invalid = rows.filter((r) => issuesOf(r.sample.output).length > 0).map((r) => r.sample.id)
    expect(invalid).toEqual([])
    const categories = new Set(rows.map((r) => replyOf(r.sample.output).category))
    expect([...categories].sort()).toEqual(['account', 'billing', 'other', 'privacy', 'returns', 'shipping', 'technical'])
  })

  it('covers varied intents, multi-line inputs and quotes and commas inside fields', async () => {
    const rows = await load('datasets/support/cases.csv')
    const intents = new Set(rows.map((r) => String(r.sample.metadata?.intent)))
    expect(intents.size).toBeGreaterThanOrEqual(20)
    for (const intent of ['refund_request', 'shipping_delay', 'password_reset', 'plan_change', 'cancellation', 'invoice_request', 'damaged_item', 'account_security', 'gdpr_access', 'gdpr_deletion']) {
      expect(intents).toContain(intent)
    }
    expect(rows.filter((r) => r.sample.input!.includes('\n')).length).toBeGreaterThanOrEqual(3)
    expect(rows.some((r) => r.sample.input!.includes('"') && r.sample.input!.includes(','))).toBe(true)
    // multi-line records start on the line the file says
    const lines = rows.map((r) => r.line)
    expect(lines[0]).toBe(2)
    expect(lines.every((line, i) => i === 0 || line > lines[i - 1]!)).toBe(true)
  })

  it('replies never contain an email address, a card-like digit run or anything secret-shaped', async () => {
    const rows = await load('datasets/support/cases.csv')
    // some inputs do hold the customer's own PII, which the replies must not repeat
    expect(rows.some((r) => emails(r.sample.input!).length > 0)).toBe(true)
    // a pasted card number reaches the model only redacted by the input guardrail
    expect(rows.some((r) => r.sample.input!.includes('<CREDIT_CARD>'))).toBe(true)
    expect(rows.some((r) => /\d{4} \d{4} \d{4} \d{4}/.test(r.sample.input!))).toBe(false)
    for (const { sample } of rows) {
      const reply = replyOf(sample.output).reply
      expect(emails(reply), sample.id).toEqual([])
      expect(reply.replace(/[ -]/g, ''), sample.id).not.toMatch(/\d{12,19}/)
      expect(reply, sample.id).not.toMatch(/sk-[A-Za-z0-9]{8}|api[_-]?key|password:/i)
    }
  })
})

describe('datasets/regression-demo/cases.csv', () => {
  it('holds exactly the planted regressions, each readable by id', async () => {
    const rows = await load('datasets/regression-demo/cases.csv')
    expect(rows.length).toBeGreaterThanOrEqual(12)
    const byId = new Map(rows.map((r) => [r.sample.id!, r.sample]))
    const issues = (id: string) => issuesOf(byId.get(id)!.output)
    expect(issues('regress-002')).toEqual(['priority'])
    expect(issues('regress-003')).toEqual(['refund_amount'])
    expect(issues('regress-004')).toEqual(['confidence'])
    expect(issues('regress-005')).toEqual(['category'])
    expect(issues('regress-006')).toEqual(['not JSON'])

    // regress-007 is valid JSON but its reply leaks an address that is not the customer's own
    const leak = byId.get('regress-007')!
    const reply = replyOf(leak.output).reply
    expect(emails(reply).filter((e) => !leak.input!.includes(e))).toHaveLength(1)

    const planted = new Set(['regress-002', 'regress-003', 'regress-004', 'regress-005', 'regress-006', 'regress-007'])
    for (const [id, sample] of byId) {
      if (planted.has(id)) continue
      expect(issues(id), id).toEqual([])
      expect(emails(replyOf(sample.output).reply), id).toEqual([])
    }
  })
})
