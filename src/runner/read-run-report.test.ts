import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readRunReport, readRunReportEvidence, runReportSchema } from './read-run-report.js'
import { RunReportError } from './run-report-error.js'
import { REPORT_SCHEMA_VERSION } from './run-report.js'

const dir = mkdtempSync(join(tmpdir(), 'vouch-read-report-'))
const hash = 'c'.repeat(64)
const minimal = {
  schemaVersion: REPORT_SCHEMA_VERSION,
  tool: { name: 'vouch', version: '0.1.0' },
  runId: 'r1',
  startedAt: '2025-01-01T00:00:00.000Z',
  finishedAt: '2025-01-01T00:00:01.000Z',
  complete: true,
  verdict: 'pass',
  exitCode: 0,
  config: { file: 'vouch.config.ts', sha256: hash },
  cassettes: 'off',
  suites: [],
  evidence: { path: 'evidence.jsonl', lastHash: hash, count: 0 },
  futureField: { kept: true },
}
const write = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const problemOf = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    return RunReportError.isInstance(error) ? { problem: error.problem, message: error.message, issues: error.issues } : { problem: 'other', message: String(error), issues: [] }
  }
  return undefined
}

describe('readRunReport', () => {
  it('reads a valid report and keeps fields a newer vouch added', () => {
    const report = readRunReport(write('ok.json', JSON.stringify(minimal)))
    expect(report.runId).toBe('r1')
    expect((report as unknown as { futureField: unknown }).futureField).toEqual({ kept: true })
    expect(runReportSchema.safeParse(minimal).success).toBe(true)
  })

  it('says whether the file is missing, not JSON, or not a report, naming the file and the fields', () => {
    expect(problemOf(() => readRunReport(join(dir, 'nope.json')))).toMatchObject({ problem: 'missing', message: expect.stringContaining('nope.json') })
    expect(problemOf(() => readRunReport(write('bad.json', '{ not json')))).toMatchObject({ problem: 'invalid_json' })
    const wrong = problemOf(() => readRunReport(write('wrong.json', JSON.stringify({ ...minimal, schemaVersion: 99, evidence: { path: 'e', lastHash: 'secret-value', count: 1 } }))))
    expect(wrong).toMatchObject({ problem: 'invalid_report', message: expect.stringContaining('schemaVersion 99') })
    expect(wrong!.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['schemaVersion', 'evidence.lastHash']))
    expect(wrong!.message).not.toContain('secret-value')
  })

  it('reads only the evidence section for verify, and undefined when there is none', () => {
    expect(readRunReportEvidence(write('ev.json', JSON.stringify({ evidence: { path: 'evidence.jsonl', lastHash: hash, count: 6 } })))).toEqual({ path: 'evidence.jsonl', lastHash: hash, count: 6 })
    expect(readRunReportEvidence(write('none.json', '{}'))).toBeUndefined()
  })
})
