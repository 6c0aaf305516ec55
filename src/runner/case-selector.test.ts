import { describe, expect, it } from 'vitest'
import { CaseSelector, parseCaseFilter } from './case-selector.js'

describe('parseCaseFilter', () => {
  it('treats KEY=VALUE as an exact metadata match and anything else as a regex on the case id', () => {
    const topic = parseCaseFilter('topic=billing')
    expect(topic('x', { metadata: { topic: 'billing' } })).toBe(true)
    expect(topic('x', { metadata: { topic: 'billing-2' } })).toBe(false)
    expect(topic('topic=billing', {})).toBe(false)
    const n = parseCaseFilter('n=3')
    expect(n('x', { metadata: { n: 3 } })).toBe(true)
    const id = parseCaseFilter('^refund-')
    expect(id('refund-1', {})).toBe(true)
    expect(id('a-refund-1', {})).toBe(false)
  })

  it('rejects an invalid regex with a usage error', () => {
    expect(() => parseCaseFilter('(')).toThrow(/--filter "\(": not a valid regular expression/)
  })
})

describe('CaseSelector', () => {
  it('applies every filter, a per-suite limit, and stops the run at maxFailures', () => {
    const s = new CaseSelector({ filter: ['^a', 'k=v'], limit: 2, maxFailures: 2 })
    s.startSuite('one')
    expect(s.accepts('a1', { metadata: { k: 'v' } })).toBe(true)
    expect(s.accepts('b1', { metadata: { k: 'v' } })).toBe(false)
    expect(s.accepts('a2', { metadata: { k: 'w' } })).toBe(false)
    expect(s.accepts('a3', { metadata: { k: 'v' } })).toBe(true)
    expect(s.suiteFull).toBe(true)
    expect(s.accepts('a4', { metadata: { k: 'v' } })).toBe(false)
    s.startSuite('two')
    expect(s.suiteFull).toBe(false)
    s.noteCase({ passed: false })
    expect(s.stopped).toBe(false)
    s.noteCase({ passed: true })
    s.noteCase({ passed: false })
    expect(s.stopped).toBe(true)
    expect(s.stoppedIn('two')).toBe(true)
    expect(s.info()).toEqual({ filter: ['^a', 'k=v'], limit: 2, maxFailures: 2, filteredOut: 2, stoppedEarly: { suite: 'two', failedCases: 2 } })
  })

  it('is inactive without a selection and reports nothing', () => {
    const s = new CaseSelector()
    s.startSuite('x')
    expect(s.accepts('any', {})).toBe(true)
    expect(s.active).toBe(false)
    expect(s.info()).toBeUndefined()
  })
})
