import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileSigner } from '../../src/evidence/signer.js'
import { jsonlEvidence } from '../../src/evidence/jsonl-evidence.js'
import { makeEntry } from '../evidence/make-entry.js'
import { rechainV2 } from '../evidence/record-v2.js'
import { makeProject, runCli } from '../helpers/cli.js'

const config = `
import { defineConfig, outputRange } from 'vouch'
export default defineConfig({
  suites: [{ name: 'tiny', dataset: 'cases.jsonl', evaluators: [outputRange({ parse: 'number', ranges: { $: { min: 0, max: 10 } } })] }],
})
`
const jsonl = Array.from({ length: 6 }, (_, i) => JSON.stringify({ id: `t${i}`, output: String(i) })).join('\n') + '\n'

async function signedRun() {
  const cwd = makeProject({ 'vouch.config.ts': config, 'cases.jsonl': jsonl })
  const keygen = await runCli(['keygen'], { cwd })
  expect(keygen.code, keygen.stderr).toBe(0)
  expect(statSync(join(cwd, '.vouch/vouch-signing.key')).mode & 0o777).toBe(0o600)
  const run = await runCli(['eval', '--run-id', 'run'], { cwd, env: { VOUCH_SIGNING_KEY: '.vouch/vouch-signing.key' } })
  expect(run.code, run.stderr).toBe(0)
  return { cwd, log: join(cwd, 'reports/run/evidence.jsonl'), reportPath: join(cwd, 'reports/run/report.json') }
}

describe('signed checkpoints (red team)', () => {
  it('a signed run verifies with its key, as a folder or a log; export and report soc2 check the same', async () => {
    const { cwd } = await signedRun()
    const ok = await runCli(['verify', 'reports/run', '--key', '.vouch/vouch-signing.pub'], { cwd })
    expect(ok.code, ok.stdout + ok.stderr).toBe(0)
    expect(ok.stdout).toMatch(/last good checkpoint: .*6 records.*\(final\)/)
    expect((await runCli(['verify', 'reports/run/evidence.jsonl', '--key', '.vouch/vouch-signing.pub'], { cwd })).code).toBe(0)
    expect((await runCli(['export', 'reports/run', '--format', 'jsonl', '--key', '.vouch/vouch-signing.pub'], { cwd })).code).toBe(0)
    expect((await runCli(['report', 'soc2', 'reports/run', '--key', '.vouch/vouch-signing.pub'], { cwd })).code).toBe(0)
    const unkeyed = await runCli(['verify', 'reports/run'], { cwd })
    expect(unkeyed.stdout).toMatch(/NOT checked: pass --key/)
  }, 300_000) // spawns the built CLI several times: slow on a loaded machine

  it('catches a forged rechain with an edited report.json (lastHash, count) — which the chain alone cannot', async () => {
    const { cwd, log, reportPath } = await signedRun()
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n')
    const forged = rechainV2(lines.slice(0, 5), (p, i) => {
      if (i === 2) p.result.reason = 'looks fine'
    })
    writeFileSync(log, `${forged.join('\n')}\n`)
    const report = JSON.parse(readFileSync(reportPath, 'utf8'))
    report.evidence.lastHash = JSON.parse(forged.at(-1)!).hash
    report.evidence.count = 5
    writeFileSync(reportPath, JSON.stringify(report, null, 2))
    // without a key the forgery verifies (and verify says it cannot tell)
    const blind = await runCli(['verify', 'reports/run'], { cwd })
    expect(blind.code).toBe(0)
    expect(blind.stdout).toMatch(/NOT checked|not signed/)
    for (const argv of [
      ['verify', 'reports/run', '--key', '.vouch/vouch-signing.pub'],
      ['export', 'reports/run', '--format', 'csv', '--key', '.vouch/vouch-signing.pub'],
      ['report', 'soc2', 'reports/run', '--key', '.vouch/vouch-signing.pub'],
    ]) {
      const r = await runCli(argv, { cwd })
      expect(r.code, argv.join(' ')).toBe(1)
      expect(r.stdout + r.stderr).toMatch(/rewritten|not the report the run signed|tail was cut/)
    }
  }, 300_000) // spawns the built CLI several times: slow on a loaded machine

  it('catches an edited report alone, a removed checkpoint file, and a log signed by another key', async () => {
    const { cwd, reportPath } = await signedRun()
    const original = readFileSync(reportPath)
    writeFileSync(reportPath, original.toString().replace('"verdict": "pass"', '"verdict": "pass" '))
    const edited = await runCli(['verify', 'reports/run', '--key', '.vouch/vouch-signing.pub'], { cwd })
    expect(edited.code).toBe(1)
    expect(edited.stdout).toMatch(/not the report the run signed/)
    writeFileSync(reportPath, original)

    expect((await runCli(['keygen', '--out', 'other'], { cwd })).code).toBe(0)
    const other = await runCli(['verify', 'reports/run', '--key', 'other/vouch-signing.pub'], { cwd })
    expect(other.code).toBe(1)
    expect(other.stdout).toMatch(/signed by another key/)

    writeFileSync(join(cwd, 'reports/run/evidence.checkpoints.jsonl'), '')
    const none = await runCli(['verify', 'reports/run', '--key', '.vouch/vouch-signing.pub'], { cwd })
    expect(none.code).toBe(1)
    expect(none.stdout).toMatch(/no signed checkpoint/)
  }, 300_000) // spawns the built CLI several times: slow on a loaded machine

  it('a run stopped by a bad row is signed too (not final): what it kept verifies and a cut tail is caught', async () => {
    const bad = jsonl.split('\n').slice(0, 3).join('\n') + '\n{"id":"t3","output":\n' + jsonl.split('\n').slice(4).join('\n')
    const cwd = makeProject({ 'vouch.config.ts': config, 'cases.jsonl': bad })
    expect((await runCli(['keygen'], { cwd })).code).toBe(0)
    const env = { VOUCH_SIGNING_KEY: '.vouch/vouch-signing.key' }
    const stopped = await runCli(['eval', '--run-id', 'run'], { cwd, env })
    expect(stopped.code).toBe(2)
    expect(stopped.stderr).toMatch(/cases\.jsonl:4/)
    const checkpoints = readFileSync(join(cwd, 'reports/run/evidence.checkpoints.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l))
    expect(checkpoints).toHaveLength(1)
    expect(checkpoints[0]).toMatchObject({ count: 3, runId: 'run', final: false, report: { path: 'report.json' } })
    const ok = await runCli(['verify', 'reports/run', '--key', '.vouch/vouch-signing.pub'], { cwd })
    expect(ok.code, ok.stdout + ok.stderr).toBe(0)
    expect(ok.stdout).toMatch(/last good checkpoint: .*3 records/)

    // cutting the stopped run's tail is caught against its signed checkpoint
    const log = join(cwd, 'reports/run/evidence.jsonl')
    const kept = readFileSync(log)
    writeFileSync(log, kept.toString().trimEnd().split('\n').slice(0, 2).join('\n') + '\n')
    const cut = await runCli(['verify', 'reports/run', '--key', '.vouch/vouch-signing.pub'], { cwd })
    expect(cut.code).toBe(1)
    expect(cut.stdout + cut.stderr).toMatch(/tail was cut|truncated/)
    // ...also when the attacker edits report.json to match the cut log, which the chain alone cannot tell
    const reportPath = join(cwd, 'reports/run/report.json')
    const report = JSON.parse(readFileSync(reportPath, 'utf8'))
    const cutLines = readFileSync(log, 'utf8').trimEnd().split('\n')
    report.evidence.count = cutLines.length
    report.evidence.lastHash = JSON.parse(cutLines.at(-1)!).hash
    writeFileSync(reportPath, JSON.stringify(report, null, 2))
    expect((await runCli(['verify', 'reports/run'], { cwd })).code).toBe(0) // unkeyed: the forgery holds
    const forged = await runCli(['verify', 'reports/run', '--key', '.vouch/vouch-signing.pub'], { cwd })
    expect(forged.code).toBe(1)
    expect(forged.stdout + forged.stderr).toMatch(/tail was cut|not the report the run signed/)
    writeFileSync(log, kept)
  }, 300_000) // spawns the built CLI several times: slow on a loaded machine

  it('a guardrail log (no report) signs every N records and on close; a cut tail is caught and the last good checkpoint named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-attack-guardlog-'))
    const cwd = makeProject({})
    expect((await runCli(['keygen', '--out', dir], { cwd })).code).toBe(0)
    const log = join(dir, 'guard.jsonl')
    const sink = jsonlEvidence(log, { fsync: 'never', signer: await fileSigner(join(dir, 'vouch-signing.key')), checkpointEvery: { records: 10 } })
    for (let i = 0; i < 25; i++) await sink.append(makeEntry(i, { requestId: `req-${i}` }))
    await sink.close()
    const checkpoints = readFileSync(join(dir, 'guard.checkpoints.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l))
    expect(checkpoints.map((c) => c.count)).toEqual([10, 20, 25])
    const ok = await runCli(['verify', log, '--key', join(dir, 'vouch-signing.pub')], { cwd })
    expect(ok.code, ok.stdout).toBe(0)

    // cut the last 7 records (whole lines): the chain alone is still valid
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n')
    writeFileSync(log, `${lines.slice(0, 18).join('\n')}\n`)
    expect((await runCli(['verify', log], { cwd })).code).toBe(0)
    const cut = await runCli(['verify', log, '--key', join(dir, 'vouch-signing.pub')], { cwd })
    expect(cut.code).toBe(1)
    expect(cut.stdout).toMatch(/signed 20 records but the log holds 18: the tail was cut/)
    expect(cut.stdout).toMatch(/last good checkpoint: line 1 .*10 records/)
  }, 300_000) // spawns the built CLI several times: slow on a loaded machine

  it('vouch retain and vouch erase leave a log that verify --key accepts, reporting the erased payloads', async () => {
    const cwd = makeProject({
      'vouch.config.ts': `
import { defineConfig, pii } from 'vouch'
export default defineConfig({
  suites: [{ name: 'p', dataset: 'cases.jsonl', evaluators: [pii({ entities: ['EMAIL_ADDRESS'] })], gate: { minPassRate: 0 } }],
})
`,
      'cases.jsonl': ['alice@example.com wrote', 'nothing here', 'bob@example.org wrote', 'still nothing'].map((o, i) => JSON.stringify({ id: `c${i}`, output: o })).join('\n') + '\n',
    })
    expect((await runCli(['keygen'], { cwd })).code).toBe(0)
    const run = await runCli(['eval', '--run-id', 'run'], { cwd, env: { VOUCH_SIGNING_KEY: '.vouch/vouch-signing.key' } })
    expect(run.code, run.stderr).toBeLessThanOrEqual(1)
    const log = join(cwd, 'reports/run/evidence.jsonl')
    const before = readFileSync(log, 'utf8')
    expect(before).not.toContain('alice@example.com')

    const erase = await runCli(['erase', 'reports/run', '--subject', 'Alice@Example.com'], { cwd })
    expect(erase.code, erase.stderr).toBe(0)
    expect(erase.stdout).toMatch(/erased 1 payload \(subject request\)/)
    const afterErase = readFileSync(log, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l))
    expect(afterErase.filter((r) => r.tombstone)).toHaveLength(1)
    expect(afterErase.map((r) => r.hash)).toEqual(before.trimEnd().split('\n').map((l) => JSON.parse(l).hash))
    const v1 = await runCli(['verify', 'reports/run', '--key', '.vouch/vouch-signing.pub'], { cwd })
    expect(v1.code, v1.stdout).toBe(0)
    expect(v1.stdout).toMatch(/1 payload erased \(subject request\)/)

    const retain = await runCli(['retain', 'reports/run', '--older-than', '0d'], { cwd })
    expect(retain.code, retain.stderr).toBe(0)
    expect(retain.stdout).toMatch(/erased 3 payloads \(retention\)/)
    const v2 = await runCli(['verify', 'reports/run', '--key', '.vouch/vouch-signing.pub'], { cwd })
    expect(v2.code, v2.stdout).toBe(0)
    expect(v2.stdout).toMatch(/3 payloads erased \(retention\), 1 payload erased \(subject request\)/)
    const journal = readFileSync(join(cwd, 'reports/run/evidence.erasures.jsonl'), 'utf8').trimEnd().split('\n')
    expect(journal).toHaveLength(2)
    expect(journal.join()).not.toMatch(/alice/i)
    // a tombstone's hashes cannot be edited either
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n')
    lines[0] = lines[0]!.replace(/"payloadHash":"[0-9a-f]/, (m) => m.slice(0, -1) + (m.endsWith('0') ? '1' : '0'))
    writeFileSync(log, `${lines.join('\n')}\n`)
    expect((await runCli(['verify', 'reports/run', '--key', '.vouch/vouch-signing.pub'], { cwd })).code).toBe(1)
  }, 300_000) // spawns the built CLI several times: slow on a loaded machine
})
