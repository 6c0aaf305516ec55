import { execFileSync, spawn } from 'node:child_process'
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { jsonlEvidence } from '../../src/evidence/jsonl-evidence.js'
import { makeEntry } from '../evidence/make-entry.js'
import { binPath, makeProject, runCli } from '../helpers/cli.js'

const config = (dataset = 'cases.jsonl') => `
import { defineConfig, outputRange } from 'vouch'
export default defineConfig({
  suites: [{ name: 'tiny', dataset: '${dataset}', evaluators: [outputRange({ parse: 'number', ranges: { $: { min: 0, max: 100 } } })] }],
})
`
const rows = (n: number, pad = 0) => Array.from({ length: n }, (_, i) => JSON.stringify({ id: `t${i}`, output: String(i % 50) + ' '.repeat(pad) })).join('\n') + '\n'
const lines = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n')
const setStatus = (runDir: string, status: string) => {
  const state = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8'))
  writeFileSync(join(runDir, 'run.json'), JSON.stringify({ ...state, status }))
}

describe('crash safety (red team)', () => {
  it('a lock file left empty by a killed writer, or held by a dead pid, is broken at once', async () => {
    const dir = makeProject({})
    const log = join(dir, 'guard.jsonl')
    writeFileSync(`${log}.lock`, '')
    const started = Date.now()
    const sink = jsonlEvidence(log, { fsync: 'never' })
    await sink.append(makeEntry(0))
    expect(Date.now() - started).toBeLessThan(5000) // not the 30 s stale timeout
    await sink.close()
    // a dead process's lock (pid that does not exist on this host)
    const dead = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).toString()
    writeFileSync(`${log}.lock`, JSON.stringify({ pid: Number(dead), host: (await import('node:os')).hostname(), nonce: 'x', ts: Date.now() }))
    const again = jsonlEvidence(log, { fsync: 'never' })
    const t = Date.now()
    await again.append(makeEntry(1))
    expect(Date.now() - t).toBeLessThan(2000)
    await again.close()
    expect(existsSync(`${log}.lock`)).toBe(false)
  }, 300_000) // spawns the built CLI several times: slow on a loaded machine

  it('--resume cuts torn journal and evidence tails, says so, and writes no evidence twice', async () => {
    const cwd = makeProject({ 'vouch.config.ts': config(), 'cases.jsonl': rows(12) })
    expect((await runCli(['eval', '--run-id', 'run'], { cwd })).code).toBe(0)
    const runDir = join(cwd, 'reports/run')
    const journal = lines(join(runDir, 'results.jsonl'))
    const evidence = lines(join(runDir, 'evidence.jsonl'))
    // as if killed mid-write after case 8: journal and evidence each end in a torn line
    writeFileSync(join(runDir, 'results.jsonl'), `${journal.slice(0, 8).join('\n')}\n${journal[8]!.slice(0, 40)}`)
    writeFileSync(join(runDir, 'evidence.jsonl'), `${evidence.slice(0, 7).join('\n')}\n${evidence[7]!.slice(0, 50)}`)
    setStatus(runDir, 'running')
    rmSync(join(runDir, 'report.json'))
    const r = await runCli(['eval', '--resume', '--run-id', 'run'], { cwd })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout + r.stderr).toMatch(/results\.jsonl:9: cut a torn last line/)
    expect(r.stdout + r.stderr).toMatch(/evidence\.jsonl:8: cut a torn last line/)
    const after = lines(join(runDir, 'evidence.jsonl')).map((l) => JSON.parse(l).payload.caseId)
    expect(after).toEqual(Array.from({ length: 12 }, (_, i) => `t${i}`))
    expect(lines(join(runDir, 'results.jsonl'))).toHaveLength(12)
    expect((await runCli(['verify', 'reports/run'], { cwd })).code).toBe(0)
  }, 300_000) // spawns the built CLI several times: slow on a loaded machine

  it('a run killed in the report phase is not marked complete and --resume writes the reports', async () => {
    const cwd = makeProject({ 'vouch.config.ts': config(), 'cases.jsonl': rows(6) })
    expect((await runCli(['eval', '--run-id', 'run'], { cwd })).code).toBe(0)
    const runDir = join(cwd, 'reports/run')
    const state = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8'))
    expect(state.status).toBe('complete')
    // the state the run is in while reports are written: every case done, run.json not complete yet
    setStatus(runDir, 'running')
    for (const f of ['report.json', 'summary.md', 'junit.xml', 'report.html']) rmSync(join(runDir, f), { force: true })
    const r = await runCli(['eval', '--resume', '--run-id', 'run'], { cwd })
    expect(r.code, r.stderr).toBe(0)
    expect(existsSync(join(runDir, 'report.json'))).toBe(true)
    expect(JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8')).evidence.count).toBe(6)
    expect(lines(join(runDir, 'evidence.jsonl'))).toHaveLength(6)
    expect((await runCli(['verify', 'reports/run'], { cwd })).code).toBe(0)
  }, 300_000) // spawns the built CLI several times: slow on a loaded machine

  it('--resume refuses when the dataset changed since the run started', async () => {
    const cwd = makeProject({ 'vouch.config.ts': config(), 'cases.jsonl': rows(6) })
    expect((await runCli(['eval', '--run-id', 'run'], { cwd })).code).toBe(0)
    setStatus(join(cwd, 'reports/run'), 'running')
    appendFileSync(join(cwd, 'cases.jsonl'), `${JSON.stringify({ id: 'new', output: '1' })}\n`)
    const r = await runCli(['eval', '--resume', '--run-id', 'run'], { cwd })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/suite tiny: dataset 1/)
  }, 300_000) // spawns the built CLI several times: slow on a loaded machine

  it('an evidence path that is a directory, or a file-size limit, ends eval with exit 2 and a one-line reason', async () => {
    const cwd = makeProject({ 'vouch.config.ts': config(), 'cases.jsonl': rows(6) })
    mkdirSync(join(cwd, 'reports/run/evidence.jsonl'), { recursive: true })
    const r = await runCli(['eval', '--run-id', 'run'], { cwd })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/evidence\.jsonl: cannot write evidence/)
    expect(r.stderr).not.toMatch(/\n\s+at /) // no stack trace

    const big = makeProject({ 'vouch.config.ts': config(), 'cases.jsonl': rows(400, 600) })
    const limited = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      // 400 blocks of 512 bytes: the dataset fits, its evidence and journal do not
      const child = spawn('sh', ['-c', `ulimit -f 400; exec "${process.execPath}" "${binPath}" eval --run-id run`], {
        cwd: big,
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', VOUCH_EVIDENCE_SALT: 'test-salt-0123456789abcdef' },
      })
      let stderr = ''
      child.stderr.on('data', (d) => (stderr += d))
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
      child.on('close', (code) => {
        clearTimeout(timer)
        resolve({ code, stderr })
      })
    })
    expect(limited.code, limited.stderr).toBe(2)
    expect(limited.stderr).toMatch(/EFBIG|file too large/)
    expect(limited.stderr).not.toMatch(/\n\s+at /)
  }, 300_000) // spawns the built CLI several times: slow on a loaded machine

  it('special dataset files end eval with exit 2 saying which, never a hang', async () => {
    const cwd = makeProject({ 'cases.jsonl': rows(2) })
    execFileSync('mkfifo', [join(cwd, 'fifo.jsonl')])
    mkdirSync(join(cwd, 'dir.jsonl'))
    symlinkSync('loop-b.jsonl', join(cwd, 'loop-a.jsonl'))
    symlinkSync('loop-a.jsonl', join(cwd, 'loop-b.jsonl'))
    for (const [dataset, says] of [
      ['/dev/zero', /character device/],
      ['/dev/urandom', /character device/],
      ['fifo.jsonl', /named pipe/],
      ['dir.jsonl', /directory/],
      ['loop-a.jsonl', /symbolic link loop/],
    ] as const) {
      writeFileSync(join(cwd, 'vouch.config.ts'), config(dataset))
      const r = await runCli(['eval'], { cwd, timeoutMs: 30_000 })
      expect(r.signal, dataset).toBeNull()
      expect(r.code, `${dataset}: ${r.stderr}`).toBe(2)
      expect(r.stderr).toMatch(says)
    }
  }, 300_000) // spawns the built CLI several times: slow on a loaded machine

  it('invalid UTF-8 in a JSONL or CSV dataset: exit 2 naming the line; 1e309 in data does not crash the run', async () => {
    const cwd = makeProject({ 'vouch.config.ts': config() })
    writeFileSync(join(cwd, 'cases.jsonl'), Buffer.concat([Buffer.from('{"id":"a","output":"1"}\n{"id":"b","output":"2"}\n{"id":"c","output":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]))
    const r = await runCli(['eval'], { cwd })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/cases\.jsonl:3: .*not valid UTF-8/)
    // the same for CSV (csv-parse alone would replace the bytes with U+FFFD and go on)
    writeFileSync(join(cwd, 'vouch.config.ts'), config('cases.csv'))
    writeFileSync(join(cwd, 'cases.csv'), Buffer.concat([Buffer.from('id,output\na,1\nb,'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]))
    const csv = await runCli(['eval'], { cwd })
    expect(csv.code).toBe(2)
    expect(csv.stderr).toMatch(/cases\.csv:3: .*not valid UTF-8/)

    const inf = makeProject({
      'vouch.config.ts': `
import { defineConfig, outputRange } from 'vouch'
export default defineConfig({
  suites: [{ name: 'inf', dataset: 'cases.jsonl', evaluators: [outputRange({ ranges: { '$.n': { min: 0, max: 10 } } })] }],
})
`,
      'cases.jsonl': `{"id":"x","output":"{\\"n\\":1e309}","toolCalls":[{"name":"pay","args":{"amount":1e309}}]}\n{"id":"y","output":"{\\"n\\":1}"}\n`,
    })
    const run = await runCli(['eval', '--run-id', 'run'], { cwd: inf })
    expect(run.stderr).not.toMatch(/cannot encode|internal error/)
    expect(run.code).toBe(1) // the out-of-range value fails the gate; it does not crash the run
    // ...as a finding of the evaluator that met it, at its JSON path (not only a marker in the log)
    const results = lines(join(inf, 'reports/run/results.jsonl')).join('\n')
    expect(results).toMatch(/non_finite_number/)
    expect(results).toContain('$.n')
    expect((await runCli(['verify', 'reports/run'], { cwd: inf })).code).toBe(0)
  }, 300_000) // spawns the built CLI several times: slow on a loaded machine
})
