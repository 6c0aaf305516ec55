import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { binPath, makeProject, runCli } from '../helpers/cli.js'

/** Runs `vouch ARGS | head -1` in bash and returns vouch's exit status, its stderr and what head printed. */
function pipedToHead(cwd: string, args: string, input = '/dev/null') {
  const script = `"${process.execPath}" "${binPath}" ${args} < ${input} 2> vouch.err | head -1; echo "status=\${PIPESTATUS[0]}"; cat vouch.err`
  const r = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', VOUCH_EVIDENCE_SALT: 'test-salt-0123456789abcdef', NO_COLOR: '1' } })
  const [first = '', status = '', ...rest] = r.stdout.split('\n')
  return { first, status, stderr: rest.join('\n') }
}

describe('clean failures (built CLI)', () => {
  it('a closed stdout ends the command quietly: no EPIPE stack trace, exit 0', async () => {
    const cwd = makeProject({})
    // Enough output to overflow the pipe buffer after head has exited.
    writeFileSync(join(cwd, 'many.txt'), Array.from({ length: 20_000 }, (_, i) => `line ${i} mail x${i}@example.com`).join('\n'))
    const scan = pipedToHead(cwd, 'scan -e pii many.txt')
    expect(scan.first).toMatch(/^\{"id":"1"/)
    expect(scan.status).toBe('status=0')
    expect(scan.stderr).not.toMatch(/EPIPE|Error|at /)
    const help = pipedToHead(cwd, 'help eval')
    expect(help.first).toBe('Usage: vouch eval [options]')
    expect(help.status).toBe('status=0')
  })

  it('"vouch help eval" prints eval\'s usage, which lists every eval flag', async () => {
    const r = await runCli(['help', 'eval'], { cwd: makeProject({}) })
    expect(r.code).toBe(0)
    for (const flag of ['--filter', '--limit', '--max-failures', '--baseline', '--shard', '--resume']) expect(r.stdout).toContain(flag)
  })

  it('usage errors give the reason and a one-line hint; "report soc2" without input says what it needs', async () => {
    const cwd = makeProject({})
    const unknown = await runCli(['eval', '--frobnicate'], { cwd })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe('vouch eval: Unknown option \'--frobnicate\'\nRun "vouch help eval" for usage.\n')
    const soc2 = await runCli(['report', 'soc2'], { cwd })
    expect(soc2.code).toBe(2)
    expect(soc2.stderr).toMatch(/^vouch report: report soc2 needs at least one input: a run directory/)
    expect(soc2.stderr.split('\n')).toHaveLength(3)
  })

  it('an error vouch did not expect exits 3 with one line (the stack with --debug)', async () => {
    // A config whose default export throws a plain TypeError while the suite runs (not a vouch error, not a verdict).
    const cwd = makeProject({
      'vouch.config.ts': `import { defineConfig } from 'vouch'
export default defineConfig({ suites: [{ name: 's', dataset: 'd.jsonl', task: 'recorded', evaluators: [{ name: 'x', version: '1.0.0', configHash: 'h', get controls() { throw new TypeError('boom in a getter') }, evaluate: async () => ({}) }] }] })
`,
      'd.jsonl': '{"id":"a","input":"q","output":"o"}\n',
    })
    const r = await runCli(['eval'], { cwd })
    expect(r.code).toBe(3)
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^vouch eval: internal error: .*boom in a getter.* \(run with --debug or VOUCH_DEBUG=1 for the stack\)$/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    const debug = await runCli(['eval', '--debug'], { cwd })
    expect(debug.code).toBe(3)
    expect(debug.stderr).toMatch(/\n\s+at /)
  })
})
