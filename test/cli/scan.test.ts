import { describe, expect, it } from 'vitest'
import { makeProject, runCli } from '../helpers/cli.js'

describe('vouch scan (built CLI)', () => {
  it('scans JSONL from stdin and prints one result line per record, never the raw value', async () => {
    const cwd = makeProject({})
    const input = [
      JSON.stringify({ id: 'a', text: 'Write to jane.doe@example.com or call 415-555-0132.' }),
      JSON.stringify({ id: 'b', text: 'Your order ships tomorrow.' }),
      JSON.stringify({ id: 'c', input: 'hi', output: 'My SSN is 078-05-1120' }),
    ].join('\n')
    const r = await runCli(['scan', '--evaluators', 'pii', '-'], { cwd, input })
    expect(r.stderr).toBe('vouch scan: 3 records, 1 pass, 2 fail, 0 error, 0 skipped results\n')
    expect(r.code).toBe(0)
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c'])
    expect(lines[0].results[0]).toMatchObject({ evaluator: 'pii', status: 'fail' })
    expect(lines[0].results[0].findings.map((f: { type: string }) => f.type).sort()).toEqual(['EMAIL_ADDRESS', 'PHONE_NUMBER'])
    expect(lines[1].results[0].status).toBe('pass')
    expect(lines[2].results[0].findings[0]).toMatchObject({ type: 'US_SSN', field: 'output' })
    expect(r.stdout).not.toContain('jane.doe@example.com')
    expect(r.stdout).not.toContain('078-05-1120')
  })

  it('scans a CSV column and plain text lines', async () => {
    const cwd = makeProject({ 'notes.csv': 'id,note\nn1,"card 4111 1111 1111 1111, thanks"\nn2,nothing here\n', 'lines.txt': 'hello\nmail me at a.b@example.org\n' })
    const csv = await runCli(['scan', '--evaluators', 'pii', '--field', 'note', 'notes.csv'], { cwd })
    expect(csv.code).toBe(0)
    const rows = csv.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(rows.map((r) => [r.id, r.results[0].status])).toEqual([['n1', 'fail'], ['n2', 'pass']])
    const text = await runCli(['scan', '--evaluators', 'pii', 'lines.txt'], { cwd })
    expect(text.stdout.trim().split('\n').map((l) => JSON.parse(l).results[0].status)).toEqual(['pass', 'fail'])
  })

  it('rejects bad input with exit 2 naming the line', async () => {
    const cwd = makeProject({})
    const bad = await runCli(['scan', '--evaluators', 'pii', '-'], { cwd, input: '{"text":"ok"}\n{not json}\n' })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/<stdin>:2: invalid JSON/)
    const unknown = await runCli(['scan', '--evaluators', 'nope', '-'], { cwd, input: '' })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/unknown evaluator "nope"/)
    const missing = await runCli(['scan', '--evaluators', 'pii', 'nowhere.jsonl'], { cwd })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/nowhere\.jsonl: file not found/)
  })

  it('--fail-on fail exits 1 when a result fails, and only then; bad values are usage errors', async () => {
    const cwd = makeProject({})
    const leaky = '{"id":"a","text":"mail jane.doe@example.com"}\n{"id":"b","text":"fine"}\n'
    const failed = await runCli(['scan', '-e', 'pii', '--fail-on', 'fail', '-'], { cwd, input: leaky })
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain('1 fail, 0 error')
    expect(failed.stderr).toContain('(--fail-on fail: exit 1)')
    expect(failed.stdout.trim().split('\n')).toHaveLength(2)
    const clean = await runCli(['scan', '-e', 'pii', '--fail-on', 'fail,error', '-'], { cwd, input: '{"text":"fine"}\n' })
    expect(clean.code).toBe(0)
    const errorsOnly = await runCli(['scan', '-e', 'pii', '--fail-on', 'error', '-'], { cwd, input: leaky })
    expect(errorsOnly.code).toBe(0)
    for (const args of [['--fail-on', 'warn'], ['--timeout-ms', 'abc'], ['--timeout-ms', '0']]) {
      const bad = await runCli(['scan', '-e', 'pii', ...args, '-'], { cwd, input: '' })
      expect(bad.code).toBe(2)
      expect(bad.stderr).toMatch(/^vouch scan: --(fail-on|timeout-ms) .*\nRun "vouch help scan" for usage\.\n$/)
    }
  })
})
