import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { caseKey, compactCaseRecord, expandCaseRecord, RunJournal } from './run-journal.js'
import type { CaseRecord } from './run-report.js'

const evaluators = [
  { name: 'contains-id', version: '1.0.0' },
  { name: 'pii', version: '2.1.0' },
]

const record = (overrides: Partial<CaseRecord> = {}): CaseRecord => ({
  suite: 'bench',
  caseId: 'r1',
  dataset: 0,
  row: 1,
  line: 3,
  sample: { storage: 'redacted', saltId: 'c23c8919c12a', input: 'How do I reset my password?', output: 'Use the link.' },
  results: [
    { evaluator: 'contains-id', version: '1.0.0', status: 'pass', passed: true, score: 1, reason: 'names its case', findings: [], durationMs: 0.3697940000001836 },
    {
      evaluator: 'pii',
      version: '2.1.0',
      status: 'fail',
      passed: false,
      score: 0.5,
      reason: '1 PII finding in output: EMAIL_ADDRESS',
      findings: [{ type: 'EMAIL_ADDRESS', field: 'output', start: 3, end: 9, score: 1, detector: 'email' }],
      durationMs: 2.480587000000014,
      details: { mode: 'any', counts: { EMAIL_ADDRESS: 1 } },
    },
  ],
  passed: false,
  ...overrides,
})

/** The record as the journal gives it back: durations to the microsecond. */
const toMicroseconds = (r: CaseRecord): CaseRecord => ({ ...r, results: r.results.map((x) => ({ ...x, durationMs: Math.round(x.durationMs * 1000) / 1000 })) })

describe('run journal lines', () => {
  it('leave out what the evaluators and statuses say, and expand to the same record (member order included)', () => {
    const line = JSON.stringify(compactCaseRecord(record(), evaluators))
    for (const implied of ['"evaluator"', '"version"', '"passed"', '"dataset"', '"findings":[]']) expect(line).not.toContain(implied)
    const back = expandCaseRecord(JSON.parse(line) as CaseRecord, evaluators)
    expect(JSON.stringify(back)).toBe(JSON.stringify(toMicroseconds(record())))
  })

  it('keep members that differ from what is implied: another dataset, a case passed by an allowed skip, a result of another evaluator', () => {
    const odd = record({
      dataset: 2,
      passed: true,
      results: [
        { evaluator: 'contains-id', version: '1.0.0', status: 'skipped', passed: false, score: 0, reason: 'no output', findings: [], durationMs: 1 },
        { evaluator: 'other', version: '9.9.9', status: 'pass', passed: true, score: 1, reason: 'fine', findings: [], durationMs: 2 },
      ],
    })
    const line = JSON.stringify(compactCaseRecord(odd, evaluators))
    expect(line).toContain('"dataset":2')
    expect(line).toContain('"evaluator":"other","version":"9.9.9"')
    expect(expandCaseRecord(JSON.parse(line) as CaseRecord, evaluators)).toEqual(odd)
  })

  it('expand a line written whole by an earlier version unchanged', () => {
    const whole = toMicroseconds(record())
    expect(JSON.stringify(expandCaseRecord(JSON.parse(JSON.stringify(whole)) as CaseRecord, evaluators))).toBe(JSON.stringify(whole))
  })

  it('load by case key from a file holding compact and whole lines, ignoring a torn last line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-journal-'))
    const journal = new RunJournal(join(dir, 'results.jsonl'))
    await journal.append(record(), evaluators)
    await journal.close()
    const whole = record({ caseId: 'r2', row: 2, line: 4, dataset: 1 })
    writeFileSync(journal.path, `${readFileSync(journal.path, 'utf8')}${JSON.stringify(whole)}\n{"suite":"bench","caseId":"r3"`)
    const done = await new RunJournal(journal.path).load()
    expect([...done.keys()]).toEqual([caseKey('bench', 0, 1), caseKey('bench', 1, 2)])
    expect(expandCaseRecord(done.get(caseKey('bench', 0, 1))!, evaluators)).toEqual(toMicroseconds(record()))
    expect(expandCaseRecord(done.get(caseKey('bench', 1, 2))!, evaluators)).toEqual(whole)
  })
})
