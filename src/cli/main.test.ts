import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../core/errors/config-error.js'
import { UsageError } from '../core/errors/usage-error.js'
import type { CliIO, Command } from './cli-io.js'
import { main } from './main.js'

function io(env: Record<string, string> = {}) {
  const out = new PassThrough()
  const err = new PassThrough()
  let stdout = ''
  let stderr = ''
  out.on('data', (d) => (stdout += d))
  err.on('data', (d) => (stderr += d))
  const value: CliIO = { stdin: new PassThrough(), stdout: out, stderr: err, cwd: '/', env }
  return { io: value, out: () => stdout, err: () => stderr }
}

const command = (run: Command['run']): Command => ({ name: 'demo', summary: 'a demo', usage: 'Usage: vouch demo [--x N]\n\nlong\nusage\ntext', run })

describe('main', () => {
  it('exits 3 with one line on an internal error, the stack only with --debug or VOUCH_DEBUG=1', async () => {
    const boom = command(async () => {
      throw new TypeError('Cannot read properties of undefined (reading "x")\nsecond line')
    })
    const plain = io()
    expect(await main(['demo'], plain.io, [boom])).toBe(3)
    expect(plain.err()).toBe('vouch demo: internal error: TypeError: Cannot read properties of undefined (reading "x") (run with --debug or VOUCH_DEBUG=1 for the stack)\n')
    const debug = io()
    expect(await main(['demo', '--debug'], debug.io, [boom])).toBe(3)
    expect(debug.err()).toMatch(/at .*main\.test\.ts/)
    const env = io({ VOUCH_DEBUG: '1' })
    expect(await main(['demo'], env.io, [boom])).toBe(3)
    expect(env.err()).toMatch(/\n\s+at /)
  })

  it('prints a usage error as the reason and a one-line hint, not the whole usage', async () => {
    const r = io()
    expect(await main(['demo'], r.io, [command(async () => { throw new UsageError({ message: '--x takes a number' }) })])).toBe(2)
    expect(r.err()).toBe('vouch demo: --x takes a number\nRun "vouch help demo" for usage.\n')
  })

  it('exits 2 with the message for a typed error the user can fix', async () => {
    const r = io()
    expect(await main(['demo'], r.io, [command(async () => { throw new ConfigError({ file: 'vouch.config.ts', message: 'vouch.config.ts: bad' }) })])).toBe(2)
    expect(r.err()).toBe('vouch demo: vouch.config.ts: bad\n')
  })

  it('prints a command\'s help for "vouch help CMD" and a hint for an unknown command', async () => {
    const a = io()
    expect(await main(['help', 'demo'], a.io, [command(async () => 0)])).toBe(0)
    expect(a.out()).toMatch(/^Usage: vouch demo/)
    const b = io()
    expect(await main(['nope'], b.io, [command(async () => 0)])).toBe(2)
    expect(b.err()).toBe('vouch: unknown command "nope"; commands: demo\nRun "vouch help" for usage.\n')
    const c = io()
    expect(await main(['help', 'nope'], c.io, [command(async () => 0)])).toBe(2)
  })
})
