import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { SuiteReport } from '../runner/run-report.js'
import type { CliIO } from './cli-io.js'
import { createProgress } from './progress.js'

function io(tty: boolean) {
  const stderr = Object.assign(new PassThrough(), { isTTY: tty, columns: 100 })
  const stdout = Object.assign(new PassThrough(), { isTTY: tty })
  let text = ''
  stderr.on('data', (d: Buffer) => (text += d.toString()))
  let out = ''
  stdout.on('data', (d: Buffer) => (out += d.toString()))
  const cli: CliIO = { stdin: new PassThrough(), stdout, stderr, cwd: '/', env: { NO_COLOR: '1' } }
  return { cli, text: () => text, out: () => out }
}

const suiteReport = { name: 's', gate: { passed: true, checks: [] }, counts: { cases: 3, total: 3, pass: 3, fail: 0, error: 0, skipped: 0, failedCases: 0 } } as unknown as SuiteReport

function drive(progress: ReturnType<typeof createProgress>) {
  progress({ type: 'run-start', runId: 'r1', runDir: '/tmp/r1', suites: ['s'], resumed: false })
  progress({ type: 'suite-start', suite: 's', estimatedRows: 3 })
  for (let i = 1; i <= 3; i++) progress({ type: 'case-done', suite: 's', record: {} as never, done: i, failed: 0, reused: false })
  progress({ type: 'suite-done', suite: 's', report: suiteReport })
}

describe('progress', () => {
  it('draws a bar with a count on a TTY, on stderr only', () => {
    const t = io(true)
    let clock = 0
    drive(createProgress(t.cli, { now: () => (clock += 100) }))
    expect(t.text()).toContain('\r\x1b[2K')
    expect(t.text()).toMatch(/s \[█+░*\] 3\/3/)
    expect(t.text()).toContain('✓ s: 3 cases, 3 results, 0 failed')
    expect(t.out()).toBe('')
  })

  it('writes plain lines, no control codes, when stderr is not a TTY', () => {
    const t = io(false)
    drive(createProgress(t.cli))
    expect(t.text()).not.toContain('\r')
    expect(t.text()).not.toContain('\x1b[')
    expect(t.text().trim().split('\n')).toEqual(['vouch: run r1 → /tmp/r1', expect.stringMatching(/^✓ s: 3 cases/)])
  })
})
