import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/core/errors/config-error.js'
import { loadOpenAIProvider } from './load-openai-provider.js'

describe('loadOpenAIProvider', () => {
  it('loads createOpenAI from the optional peer when it is installed', () => {
    expect(typeof loadOpenAIProvider()).toBe('function')
  })

  it('says what to install when the peer is missing (a ConfigError: exit 2)', () => {
    const missing = () => {
      throw Object.assign(new Error("Cannot find module '@ai-sdk/openai'"), { code: 'MODULE_NOT_FOUND' })
    }
    let caught: unknown
    try {
      loadOpenAIProvider({ load: missing })
    } catch (error) {
      caught = error
    }
    expect(ConfigError.isInstance(caught)).toBe(true)
    expect((caught as Error).message).toMatch(/npm install @ai-sdk\/openai/)
  })

  it('does not hide other load failures', () => {
    expect(() => loadOpenAIProvider({ load: () => { throw new SyntaxError('broken build') } })).toThrow(SyntaxError)
  })
})
