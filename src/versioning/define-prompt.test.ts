import { describe, expect, it } from 'vitest'
import { sha256 } from '../core/hash.js'
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js'
import { definePrompt } from './define-prompt.js'

describe('definePrompt', () => {
  it('hashes the template so an edit without a version bump is visible', () => {
    const a = definePrompt({ id: 'support', version: '1.0.0', template: 'Answer {{question}}' })
    const b = definePrompt({ id: 'support', version: '1.0.0', template: 'Answer politely: {{question}}' })
    expect(a.sha256).toBe(sha256('Answer {{question}}'))
    expect(a.sha256).not.toBe(b.sha256)
    expect(JSON.parse(JSON.stringify(a))).toEqual({ id: 'support', version: '1.0.0', sha256: a.sha256 })
  })

  it('renders placeholders, including dotted paths, and refuses missing ones', () => {
    const p = definePrompt({ id: 'p', version: '2', template: 'Hi {{ user.name }}, re: {{question}}' })
    expect(p.render({ user: { name: 'Ada' }, question: 'refund' })).toBe('Hi Ada, re: refund')
    expect(() => p.render({ question: 'x' })).toThrow(/no value for \{\{user.name\}\}/)
  })

  it('checks its options at once with a message naming the field', () => {
    expect(() => definePrompt({ id: '', version: '1', template: 'x' })).toThrow(InvalidArgumentError)
    expect(() => definePrompt({ id: 'ok', version: '1' } as never)).toThrow(/template/)
  })
})
