import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { InvalidArgumentError } from '../../src/core/errors/invalid-argument-error.js'
import { isCompliant } from './is-compliant.js'

const rubric = join(import.meta.dirname, '../../test/fixtures/rubrics/all-kinds.md')

describe('isCompliant name', () => {
  it('is "is-compliant" by default and can be set per rubric, so several rubrics fit in one suite', async () => {
    expect(isCompliant({ rubric }).name).toBe('is-compliant')
    const named = isCompliant({ rubric, name: 'is-compliant-refunds' })
    expect(named.name).toBe('is-compliant-refunds')
    expect((await named.evaluate({ input: 'hi', output: 'Hello there.' })).evaluator).toBe('is-compliant-refunds')
  })
  it('refuses names outside the is-compliant family', () => {
    expect(() => isCompliant({ rubric, name: 'pii' })).toThrow(InvalidArgumentError)
  })
})
