import { describe, expect, it } from 'vitest'
import { makeEntry } from '../../test/evidence/make-entry.js'
import { pseudonym } from '../redaction/pseudonym.js'
import type { StoredSample } from './evidence-record.js'
import { memoryEvidence } from './memory-evidence.js'
import { saltId } from './resolve-salt.js'
import { subjectMatcher } from './subject-matcher.js'

const salt = 'matcher-salt-0123456789'
const token = (value: string, type: string) => `<${type}:${pseudonym(value, { type, salt })}>`

async function recordWith(sample: StoredSample) {
  return memoryEvidence().append(makeEntry(0, { sample }))
}

describe('subjectMatcher', () => {
  it('matches a pseudonym of the value in any stored field, under the type the token names', async () => {
    const m = subjectMatcher('+1 (415) 555-0132', salt)
    const base = { storage: 'redacted' as const, saltId: saltId(salt) }
    expect(m.matches(await recordWith({ ...base, output: `call ${token('415-555-0132', 'PHONE_NUMBER')}` }))).toBe(true)
    expect(m.matches(await recordWith({ ...base, context: ['x', `${token('4155550132', 'PHONE_NUMBER')}`] }))).toBe(true)
    expect(m.matches(await recordWith({ ...base, toolCalls: [{ name: 't', args: { a: [{ b: token('415.555.0132', 'PHONE_NUMBER') }] } }] }))).toBe(true)
    expect(m.matches(await recordWith({ ...base, output: `call ${token('415-555-0199', 'PHONE_NUMBER')}` }))).toBe(false)
    // same digits under another type are another pseudonym
    expect(m.matches(await recordWith({ ...base, output: token('4155550132', 'US_BANK_NUMBER') }))).toBe(false)
  })

  it('matches raw storage on the value, never storage none, and counts records of another salt', async () => {
    const m = subjectMatcher('jane@example.com', salt)
    expect(m.matches(await recordWith({ storage: 'raw', input: 'mail jane@example.com' }))).toBe(true)
    expect(m.matches(await recordWith({ storage: 'none' }))).toBe(false)
    expect(m.matches(await recordWith({ storage: 'redacted', saltId: 'other', output: token('jane@example.com', 'EMAIL_ADDRESS') }))).toBe(false)
    expect(m.otherSalt).toBe(1)
  })

  it('scans hostile 1 MB stored text quickly', async () => {
    const m = subjectMatcher('jane@example.com', salt)
    for (const hostile of ['<A:'.repeat(350_000), `<${'A'.repeat(1_000_000)}:deadbeef>`, '<EMAIL_ADDRESS:0000000'.repeat(50_000)]) {
      expect(m.matches(await recordWith({ storage: 'redacted', output: hostile }))).toBe(false)
    }
  })
})
