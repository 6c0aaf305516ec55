import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeProject, runCli } from '../helpers/cli.js'

const config = `
import { defineConfig, outputRange } from 'vouch'
export default defineConfig({
  suites: [{ name: 'tiny', dataset: 'cases.jsonl', evaluators: [outputRange({ parse: 'number', ranges: { $: { min: 0, max: 10 } } })] }],
})
`
const jsonl = Array.from({ length: 6 }, (_, i) => JSON.stringify({ id: `t${i}`, output: String(i) })).join('\n') + '\n'

async function freshRun() {
  const cwd = makeProject({ 'vouch.config.ts': config, 'cases.jsonl': jsonl })
  const r = await runCli(['eval', '--run-id', 'run'], { cwd })
  expect(r.code).toBe(0)
  const log = join(cwd, 'reports/run/evidence.jsonl')
  return { cwd, log, lines: readFileSync(log, 'utf8').trimEnd().split('\n') }
}

describe('tampered evidence of a release-gate run (built CLI)', () => {
  it('verifies an untouched run directory', async () => {
    const { cwd } = await freshRun()
    const r = await runCli(['verify', 'reports/run/evidence.jsonl'], { cwd })
    expect(r.code).toBe(0)
  })

  it('detects an edited record and names its line', async () => {
    const { cwd, log, lines } = await freshRun()
    lines[2] = lines[2]!.replace('"score":1', '"score":0.5')
    writeFileSync(log, `${lines.join('\n')}\n`)
    const r = await runCli(['verify', 'reports/run/evidence.jsonl'], { cwd })
    expect(r.code).toBe(1)
    expect(`${r.stdout}${r.stderr}`).toMatch(/line 3/)
  })

  it('detects a deleted, a reordered and a truncated log', async () => {
    for (const tamper of [
      (l: string[]) => l.filter((_, i) => i !== 1),
      (l: string[]) => [l[0]!, l[2]!, l[1]!, ...l.slice(3)],
      (l: string[]) => l.slice(0, -1),
    ]) {
      const { cwd, log, lines } = await freshRun()
      writeFileSync(log, `${tamper(lines).join('\n')}\n`)
      const r = await runCli(['verify', 'reports/run/evidence.jsonl'], { cwd })
      expect(r.code).toBe(1)
    }
  })
})
