import { describe, expect, it } from 'vitest'
import { makeEntry } from '../../test/evidence/make-entry.js'
import { csvCell, EVIDENCE_CSV_COLUMNS, evidenceCsvHeader, evidenceCsvRow } from './evidence-csv.js'
import { memoryEvidence } from './memory-evidence.js'

describe('evidence CSV', () => {
  it('quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    expect(csvCell(undefined)).toBe('')
    expect(csvCell(0.5)).toBe('0.5')
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"\nbye')).toBe('"say ""hi""\nbye"')
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`)
    expect(csvCell('+1 555')).toBe("'+1 555")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('-2+3')).toBe("'-2+3")
  })

  it('writes one row per record with the key columns, findings by type only', async () => {
    const sink = memoryEvidence()
    const record = await sink.append(
      makeEntry(7, {
        route: '/support',
        requestId: 'req-7',
        action: 'redact',
        rubric: { id: 'support-tone', version: '2.1.0', sha256: 'c'.repeat(64) },
        controls: ['CC6.1', 'P4.2'],
        owner: 'privacy@acme.test',
        git: { commit: 'abc123', dirty: true },
        model: { provider: 'openai', id: 'gpt-4o-mini', region: 'eu' },
      }),
    )
    expect(evidenceCsvHeader()).toBe(`${EVIDENCE_CSV_COLUMNS.join(',')}\r\n`)
    const row = evidenceCsvRow(record)
    expect(row.endsWith('\r\n')).toBe(true)
    const cells = row.trimEnd().split(',')
    expect(cells).toHaveLength(EVIDENCE_CSV_COLUMNS.length)
    const get = (c: (typeof EVIDENCE_CSV_COLUMNS)[number]) => cells[EVIDENCE_CSV_COLUMNS.indexOf(c)]
    expect(get('seq')).toBe('0')
    expect(get('requestId')).toBe('req-7')
    expect(get('route')).toBe('/support')
    expect(get('status')).toBe('fail')
    expect(get('action')).toBe('redact')
    expect(get('findings')).toBe('EMAIL_ADDRESS')
    expect(get('rubricVersion')).toBe('2.1.0')
    expect(get('controls')).toBe('CC6.1 P4.2')
    expect(get('model')).toBe('openai:gpt-4o-mini@eu')
    expect(get('gitCommit')).toBe('abc123+dirty')
    expect(get('hash')).toBe(record.hash)
  })
})
