import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { chainRecord } from '../../src/evidence/chain-record.js'
import { GENESIS_HASH, type EvidenceEntry, type EvidenceRecord } from '../../src/evidence/evidence-record.js'
import { soc2Report } from '../../src/report/soc2/index.js'
import { makeProject, runCli } from '../helpers/cli.js'

const RUBRIC = { id: 'support-answer', version: '1.0.0', sha256: 'a'.repeat(64) }
const HOSTILE = '<script>alert(1)</script>'

/** Write entries as a chained log (as jsonlEvidence would); returns the records. */
function writeLog(path: string, entries: EvidenceEntry[]): EvidenceRecord[] {
  let prev = GENESIS_HASH
  const records: EvidenceRecord[] = []
  const lines: string[] = []
  entries.forEach((entry, seq) => {
    const { record, line } = chainRecord(entry, seq, prev)
    prev = record.hash
    records.push(record)
    lines.push(line)
  })
  writeFileSync(path, lines.join(''))
  return records
}

const result = (evaluator: string, status: 'pass' | 'fail' | 'error', reason: string = status) => ({
  evaluator,
  version: '1.0.0',
  status,
  passed: status === 'pass',
  score: status === 'pass' ? 1 : 0,
  reason,
  findings: [],
  ...(evaluator === 'is-compliant' && status === 'fail' ? { policyId: 'support-answer/no-card-or-ssn' } : {}),
})

/**
 * Guardrail evidence for 6 requests on route "support": pii on every request (requests 2 and 5
 * fail, 3 errors), the rubric on requests 1–4 (request 4 fails), a latency check (A1.2) on all, and an
 * evaluator that declares no criterion.
 */
function guardrailEntries(): EvidenceEntry[] {
  const entries: EvidenceEntry[] = []
  for (let i = 1; i <= 6; i++) {
    const base = { ts: `2026-11-0${i}T10:00:00.000Z`, requestId: `req-${i}`, route: 'support', model: { provider: 'mock', id: 'm' } }
    const piiStatus = i === 2 || i === 5 ? 'fail' : i === 3 ? 'error' : 'pass'
    entries.push({ ...base, evaluator: { name: 'pii', version: '1.0.0', configHash: 'b'.repeat(64) }, controls: ['C1.1', 'CC6.1', 'P4.2'], result: result('pii', piiStatus, i === 5 ? `found ${HOSTILE}` : 'found EMAIL_ADDRESS in output'), action: piiStatus === 'pass' ? 'allow' : 'redact' })
    if (i <= 4) {
      entries.push({ ...base, evaluator: { name: 'is-compliant', version: '1.0.0', configHash: 'c'.repeat(64) }, rubric: RUBRIC, owner: 'compliance@example.com', controls: ['PI1.3', 'CC7.2'], result: result('is-compliant', i === 4 ? 'fail' : 'pass'), action: i === 4 ? 'block' : 'allow' })
    }
    entries.push({ ...base, evaluator: { name: 'latency', version: '2.0.0', configHash: 'd'.repeat(64) }, controls: ['A1.2'], result: result('latency', 'pass') })
    entries.push({ ...base, evaluator: { name: 'word-count', version: '0.1.0', configHash: 'e'.repeat(64) }, result: result('word-count', 'pass') })
  }
  return entries
}

let dir: string
let log: string
let records: EvidenceRecord[]

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-soc2-'))
  log = join(dir, 'guardrail.jsonl')
  records = writeLog(log, guardrailEntries())
})

describe('soc2Report over guardrail evidence', () => {
  it('organises the evidence by the five Trust Services Criteria categories, then criterion', async () => {
    const { evidence, text } = await soc2Report({ inputs: [log], _internal: { now: () => new Date('2026-11-22T00:00:00Z') } })
    expect(evidence.categories.map((c) => c.name)).toEqual(['Security', 'Availability', 'Processing Integrity', 'Confidentiality', 'Privacy'])
    expect(evidence.categories.map((c) => c.controls.map((x) => x.control))).toEqual([['CC6.1', 'CC7.2'], ['A1.2'], ['PI1.3'], ['C1.1'], ['P4.2']])
    const headings = ['## Security', '## Availability', '## Processing Integrity', '## Confidentiality', '## Privacy', '## Evaluators that declare no criterion', '## Evidence integrity']
    const at = headings.map((h) => text.indexOf(`\n${h}\n`))
    expect(at.every((x) => x > 0)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    expect(evidence.records).toBe(records.length)
    expect(evidence.period).toEqual({ from: '2026-11-01T10:00:00.000Z', to: '2026-11-06T10:00:00.000Z' })
  })

  it('counts records, outcomes and coverage of distinct requests per evaluator, with versions, rubric and owner', async () => {
    const { evidence, text } = await soc2Report({ inputs: [log] })
    const c11 = evidence.categories.find((c) => c.id === 'confidentiality')!.controls[0]!
    expect(c11.operations).toEqual([
      { evaluator: 'pii', version: '1.0.0', owners: [], scope: 'route support', subject: 'request', records: 6, pass: 3, fail: 2, error: 1, skipped: 0, covered: 6, population: 6, populationFrom: 'evidence' },
    ])
    const pi13 = evidence.categories.find((c) => c.id === 'processing-integrity')!.controls[0]!
    expect(pi13.operations[0]).toMatchObject({ evaluator: 'is-compliant', rubric: RUBRIC, owners: ['compliance@example.com'], records: 4, pass: 3, fail: 1, covered: 4, population: 6 })
    expect(text).toContain('| is-compliant | 1.0.0 | support-answer@1.0.0 `aaaaaaaaaaaa` | compliance@example.com | route support | 4 | 4/6 requests (66.7%) ¹ | 3 (75.0%) | 1 (25.0%) | 0 (0.0%) | 0 |')
    expect(evidence.unmapped.map((o) => o.evaluator)).toEqual(['word-count'])
  })

  it('samples failing and erroring records reproducibly (smallest hashes), linked by file, line, seq and hash', async () => {
    const failing = records.filter((r) => r.evaluator.name === 'pii' && r.result.status !== 'pass').sort((a, b) => (a.hash < b.hash ? -1 : 1))
    const { evidence, text } = await soc2Report({ inputs: [log], sampleSize: 2, display: (p) => p.replace(`${dir}/`, '') })
    const c11 = evidence.categories.find((c) => c.id === 'confidentiality')!.controls[0]!
    expect(c11.failing).toBe(3)
    expect(c11.sample.map((s) => [s.seq, s.hash])).toEqual(failing.slice(0, 2).map((r) => [r.seq, r.hash]))
    const first = c11.sample[0]!
    expect(first).toMatchObject({ file: 'guardrail.jsonl', line: first.seq + 1, scope: 'route support', evaluator: 'pii' })
    expect(text).toContain(`[guardrail.jsonl:${first.line}](guardrail.jsonl#L${first.line}) | ${first.seq} | \`${first.hash.slice(0, 16)}\``)
    // Same input, same sample.
    const again = await soc2Report({ inputs: [log], sampleSize: 2 })
    expect(again.evidence.categories.find((c) => c.id === 'confidentiality')!.controls[0]!.sample.map((s) => s.hash)).toEqual(c11.sample.map((s) => s.hash))
  })

  it('reports the chain verification, and counts only records before a break in a tampered log', async () => {
    const intact = await soc2Report({ inputs: [log] })
    expect(intact.evidence.intact).toBe(true)
    expect(intact.text).toContain('**Integrity: every evidence log verified intact**')
    expect(intact.text).toMatch(/\| intact \| nothing: truncation at the end is not detectable \|/)

    const bad = join(dir, 'tampered.jsonl')
    const lines = readFileSync(log, 'utf8').split('\n')
    lines[4] = lines[4]!.replace('"route":"support"', '"route":"elsewhere"')
    writeFileSync(bad, lines.join('\n'))
    const { evidence, text } = await soc2Report({ inputs: [bad] })
    expect(evidence.intact).toBe(false)
    expect(evidence.records).toBe(4)
    expect(evidence.sources[0]).toMatchObject({ ok: false, records: 4, firstBad: { line: 5, seq: 4 } })
    expect(text).toContain('> **Integrity: evidence verification FAILED.**')
    expect(text).toMatch(/\*\*TAMPERED\*\* at line 5 \(seq 4\): /)
  })

  it('renders self-contained HTML without script, escaping record text', async () => {
    const { text } = await soc2Report({ inputs: [log], format: 'html', sampleSize: 10 })
    expect(text.startsWith('<!doctype html>')).toBe(true)
    expect(text).not.toMatch(/<script\b/i)
    expect(text).not.toContain(HOSTILE)
    expect(text).toContain('found &lt;script&gt;alert(1)&lt;/script&gt;')
    expect(text).toContain('id="control-C1.1"')
    expect(text.replace(/&#39;/g, "'")).toContain("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'")
  })

  it('reads a large log as a stream (hostile and long values included)', async () => {
    const big = join(dir, 'big.jsonl')
    const entries: EvidenceEntry[] = []
    for (let i = 0; i < 20_000; i++) {
      entries.push({ ts: '2026-11-01T00:00:00.000Z', requestId: `r${i % 5000}`, route: 'bulk', evaluator: { name: 'pii', version: '1.0.0', configHash: 'b'.repeat(64) }, controls: ['C1.1'], result: result('pii', i % 97 === 0 ? 'fail' : 'pass', i === 3 ? 'a@a.'.repeat(50_000) : 'ok') })
    }
    writeLog(big, entries)
    const { evidence } = await soc2Report({ inputs: [big] })
    const op = evidence.categories.find((c) => c.id === 'confidentiality')!.controls[0]!.operations[0]!
    expect(op).toMatchObject({ records: 20_000, covered: 5000, population: 5000, fail: Math.ceil(20_000 / 97) })
  })
})

describe('vouch report soc2 (built CLI) over release-gate runs', () => {
  const rows = Array.from({ length: 12 }, (_, i) => `{"id":"c${i}","input":"q","output":"{\\"score\\": ${i % 4 === 0 ? 3 : 0.5}}"}`).join('\n')
  const config = `
import { defineConfig, outputRange } from 'vouch'
export default defineConfig({ suites: [{ name: 'scores', dataset: 'data.jsonl', task: 'recorded',
  evaluators: [outputRange({ ranges: { '$.score': { min: 0, max: 1 } } })] }] })
`
  let cwd: string
  beforeAll(async () => {
    cwd = makeProject({ 'vouch.config.ts': config, 'data.jsonl': `${rows}\n` })
    expect((await runCli(['eval', '--run-id', 'r1'], { cwd })).code).toBe(1)
  })

  it('maps a run directory to its criteria, coverage against the reported cases, and exits 0 when intact', async () => {
    const r = await runCli(['report', 'soc2', 'reports/r1'], { cwd })
    expect(r.stderr).toMatch(/^vouch report: not checked against a signing key \(--key\)[^\n]*\n$/) // the only stderr line: what an unsigned log leaves open
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('### PI1.3')
    expect(r.stdout).toContain('| output-range | 1.1.0 | — | — | suite scores | 12 | 12/12 cases (100.0%) | 9 (75.0%) | 3 (25.0%) | 0 (0.0%) | 0 |')
    expect(r.stdout).toContain('| `reports/r1/evidence.jsonl` | run `r1` | 12 |')
    expect(r.stdout).toContain('`reports/r1/report.json` (last hash and count)')
  })

  it('writes HTML with --out, and exits 1 naming the break when the log was truncated', async () => {
    const ok = await runCli(['report', 'soc2', 'reports/r1', '--format', 'html', '--out', 'soc2.html'], { cwd })
    expect(ok.code).toBe(0)
    expect(readFileSync(join(cwd, 'soc2.html'), 'utf8')).toContain('<h3 id="control-PI1.3">PI1.3</h3>')
    const path = join(cwd, 'reports/r1/evidence.jsonl')
    const kept = readFileSync(path, 'utf8').trimEnd().split('\n').slice(0, -2)
    writeFileSync(path, `${kept.join('\n')}\n`)
    const cut = await runCli(['report', 'soc2', 'reports/r1'], { cwd })
    expect(cut.code).toBe(1)
    expect(cut.stderr).toContain('TAMPERED reports/r1/evidence.jsonl: line 11 (seq 10): log ends after 10 records, expected 12: truncated')
    expect(cut.stdout).toContain('evidence verification FAILED')
  })

  it('exits 2 on bad usage', async () => {
    expect((await runCli(['report', 'soc2'], { cwd })).code).toBe(2)
    expect((await runCli(['report', 'iso27001', 'reports/r1'], { cwd })).stderr).toContain('unknown report "iso27001"')
    const missing = await runCli(['report', 'soc2', 'nope'], { cwd })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('nope: no such file or directory')
  })
})
