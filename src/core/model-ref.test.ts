import { describe, expect, it } from 'vitest'
import { formatModelRef, parseModelRef, toModelRef } from './model-ref.js'

describe('parseModelRef', () => {
  it('reads provider:id and provider:id@region', () => {
    expect(parseModelRef('openai:gpt-4o-mini')).toEqual({ provider: 'openai', id: 'gpt-4o-mini' })
    expect(parseModelRef('openai:ft:gpt-4o:acme::abc')).toEqual({ provider: 'openai', id: 'ft:gpt-4o:acme::abc' })
    expect(parseModelRef('vertex:gemini-1.5@europe-west4')).toEqual({ provider: 'vertex', id: 'gemini-1.5', region: 'europe-west4' })
    expect(parseModelRef('azure:gpt@4o@eu')).toEqual({ provider: 'azure', id: 'gpt@4o', region: 'eu' })
    for (const bad of ['', 'gpt-4o', ':gpt-4o', 'openai:', 'openai:@eu', 'openai:gpt@']) expect(parseModelRef(bad)).toBeUndefined()
  })

  it('is linear on hostile input', () => {
    expect(parseModelRef(`a:${':@'.repeat(512 * 1024)}eu`)).toMatchObject({ provider: 'a', region: 'eu' })
  })

  it('round-trips through formatModelRef', () => {
    for (const text of ['openai:gpt-4o', 'vertex:gemini@europe-west4']) expect(formatModelRef(parseModelRef(text)!)).toBe(text)
  })
})

describe('toModelRef', () => {
  it('accepts strings, ModelRefs and AI SDK models alike, and agrees on the region', () => {
    expect(toModelRef('bedrock:claude@us-east-1')).toEqual({ provider: 'bedrock', id: 'claude', region: 'us-east-1' })
    expect(toModelRef({ provider: 'bedrock', id: 'claude', region: 'us-east-1' })).toEqual({ provider: 'bedrock', id: 'claude', region: 'us-east-1' })
    expect(toModelRef({ provider: 'openai.chat', modelId: 'gpt-4o', doGenerate() {} })).toEqual({ provider: 'openai.chat', id: 'gpt-4o' })
    for (const bad of [null, 42, {}, { provider: 'x' }, 'nope']) expect(toModelRef(bad)).toBeUndefined()
  })
})
