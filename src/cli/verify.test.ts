import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { captureIO } from '../../test/evidence/capture-io.js'
import { makeEntry } from '../../test/evidence/make-entry.js'
import { jsonlEvidence } from '../evidence/jsonl-evidence.js'
import { commands } from './commands.js'
import { main } from './main.js'

async function runLog(n: number) {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-verify-cli-'))
  const path = join(dir, 'evidence.jsonl')
  const sink = jsonlEvidence(path)
  for (let i = 0; i < n; i++) await sink.append(makeEntry(i))
  const lastHash = await sink.lastHash()
  await sink.close()
  return { dir, path, lastHash }
}

async function vouch(cwd: string, ...argv: string[]) {
  const cap = captureIO(cwd)
  const code = await main(argv, cap.io, commands)
  return { code, out: cap.stdout(), err: cap.stderr() }
}

describe('vouch verify', () => {
  it('exits 0 on an intact log and says truncation was not checked without expectations', async () => {
    const { dir, lastHash } = await runLog(5)
    const r = await vouch(dir, 'verify', 'evidence.jsonl')
    expect(r.code).toBe(0)
    expect(r.out).toContain('intact')
    expect(r.out).toContain(`5 records, last hash ${lastHash}`)
    expect(r.out).toContain('truncation at the end cannot be detected')
  })

  it('exits 1 on an edit and prints the first bad record: line, seq, reason', async () => {
    const { dir, path } = await runLog(5)
    const lines = readFileSync(path, 'utf8').split('\n')
    lines[2] = lines[2]!.replace('"score":1', '"score":0.5')
    writeFileSync(path, lines.join('\n'))
    const r = await vouch(dir, 'verify', path)
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/TAMPERED/)
    expect(r.out).toMatch(/line 3 \(seq 2\): payload hash does not match/)
  })

  it('reads the expected last hash and count from a report.json next to the log (truncation)', async () => {
    const { dir, path, lastHash } = await runLog(6)
    writeFileSync(join(dir, 'report.json'), JSON.stringify({ evidence: { path: 'evidence.jsonl', lastHash, count: 6 } }))
    expect((await vouch(dir, 'verify', path)).code).toBe(0)
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean)
    writeFileSync(path, `${lines.slice(0, 4).join('\n')}\n`)
    const r = await vouch(dir, 'verify', path)
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/line 5 \(seq 4\): log ends after 4 records, expected 6: truncated/)
    expect(r.out).toContain('report.json')
    // --no-report ignores it; the truncated chain is valid in itself
    expect((await vouch(dir, 'verify', path, '--no-report')).code).toBe(0)
  })

  it('takes --expect-last-hash / --expect-count and prints JSON with --json', async () => {
    const { dir, path, lastHash } = await runLog(3)
    const ok = await vouch(dir, 'verify', path, '--expect-last-hash', lastHash, '--expect-count', '3', '--json')
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.out)).toMatchObject({ ok: true, count: 3, lastHash, expected: { expectedCount: 3, expectedLastHash: lastHash } })
    const bad = await vouch(dir, 'verify', path, '--expect-count', '4', '--json')
    expect(bad.code).toBe(1)
    expect(JSON.parse(bad.out)).toMatchObject({ ok: false, firstBad: { line: 4, seq: 3 } })
  })

  it('exits 2 on a missing file or bad usage', async () => {
    const { dir } = await runLog(1)
    const missing = await vouch(dir, 'verify', 'nope.jsonl')
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('nope.jsonl')
    expect((await vouch(dir, 'verify')).code).toBe(2)
    expect((await vouch(dir, 'verify', 'evidence.jsonl', '--expect-last-hash', 'xyz')).code).toBe(2)
    expect((await vouch(dir, 'verify', 'evidence.jsonl', '--expect-count', '-1')).code).toBe(2)
    expect((await vouch(dir, 'verify', 'evidence.jsonl', '--bogus')).code).toBe(2)
  })
})
