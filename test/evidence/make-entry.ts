import type { EvidenceEntry } from '../../src/evidence/evidence-record.js'

/** A realistic evidence entry for tests; `i` makes each one distinct. */
export function makeEntry(i: number, over: Partial<EvidenceEntry> = {}): EvidenceEntry {
  return {
    ts: new Date(Date.UTC(2025, 0, 1, 0, 0, i % 60, i % 1000)).toISOString(),
    runId: 'run-1',
    suite: 'support',
    caseId: `case-${i}`,
    prompt: { id: 'support', version: '1.0.0', sha256: 'a'.repeat(64) },
    model: { provider: 'mock', id: 'mock-1' },
    evaluator: { name: 'pii', version: '1.0.0', configHash: 'b'.repeat(64) },
    result: {
      evaluator: 'pii',
      version: '1.0.0',
      status: i % 7 === 0 ? 'fail' : 'pass',
      passed: i % 7 !== 0,
      score: i % 7 === 0 ? 0 : 1,
      reason: i % 7 === 0 ? 'found 1 EMAIL_ADDRESS in output' : 'no PII found',
      findings: i % 7 === 0 ? [{ type: 'EMAIL_ADDRESS', field: 'output', start: 3, end: 20, score: 1 }] : [],
    },
    ...over,
  }
}
