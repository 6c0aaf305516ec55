import { describe, expect, it } from 'vitest'
import { describeJsonError } from './describe-json-error.js'

function errorFor(text: string): unknown {
  try {
    JSON.parse(text)
  } catch (error) {
    return error
  }
  throw new Error('expected invalid JSON')
}

describe('describeJsonError', () => {
  it('keeps the reason and position but never quotes the input', () => {
    const secret = 'jane.doe@example.com'
    for (const text of [`{"email": "${secret}" x}`, `${secret}`, `{"a": "${secret}",}`, `["${secret}"`, `{"a":1}} ${secret}`]) {
      const detail = describeJsonError(errorFor(text))
      expect(detail).not.toContain('jane')
      expect(detail.length).toBeGreaterThan(5)
    }
    expect(describeJsonError(errorFor('{"a": 1 x}'))).toMatch(/after property value at column 9$/)
    expect(describeJsonError(errorFor('{"a":'))).toBe('the JSON ends too early')
    expect(describeJsonError('not an error')).toBe('invalid JSON')
  })

  it('finishes on a hostile 1 MB message', () => {
    const message = `${'x'.repeat(1024 * 1024)} in JSON at position ${'9'.repeat(1024 * 1024)}`
    const detail = describeJsonError(new SyntaxError(message))
    expect(detail).toBe('invalid JSON')
  })
})
