import { describe, expect, it } from 'vitest'
import { DatasetError } from '../core/errors/dataset-error.js'
import { buildMapping, extraColumns, isSampleFieldKey, toSample } from './sample-mapping.js'

const place = { file: 'data.jsonl', line: 7 }

describe('isSampleFieldKey', () => {
  it('accepts Sample fields and metadata.<key> only', () => {
    for (const key of ['id', 'input', 'output', 'context', 'toolCalls', 'model', 'model.region', 'metadata', 'metadata.tier']) expect(isSampleFieldKey(key)).toBe(true)
    for (const key of ['tool_calls', 'metadata.', 'Input', 'expected', '']) expect(isSampleFieldKey(key)).toBe(false)
  })
})

describe('toSample', () => {
  const mapping = buildMapping({ format: 'jsonl', columns: { 'metadata.tier': 'plan' } })
  const sampleOf = (record: Record<string, unknown>) =>
    toSample(mapping, (k) => (Object.hasOwn(record, k) ? record[k] : undefined), extraColumns(mapping, Object.keys(record)), place)

  it('metadata precedence: unclaimed keys < the metadata object < metadata.<key> fields', () => {
    expect(sampleOf({ tier: 'extra', metadata: { tier: 'object', a: 1 }, plan: 'mapped', b: false }).metadata).toEqual({ tier: 'mapped', a: 1, b: false })
  })

  it('tool calls default args to {} and keep an id', () => {
    expect(sampleOf({ toolCalls: [{ name: 'a' }, { name: 'b', args: [1], id: 'call_1' }] }).toolCalls).toEqual([
      { name: 'a', args: {} },
      { name: 'b', args: [1], id: 'call_1' },
    ])
  })

  it('errors carry file, line and the key, never the value', () => {
    try {
      sampleOf({ input: { secret: 'sk-live-123' } })
      expect.unreachable()
    } catch (error) {
      expect(DatasetError.isInstance(error)).toBe(true)
      expect(error).toMatchObject({ file: 'data.jsonl', line: 7, field: 'input', code: 'invalid_field' })
      expect((error as Error).message).not.toContain('sk-live')
    }
  })
})
