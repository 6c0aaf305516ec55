import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { makeProject, runCli } from '../helpers/cli.js'

describe('vouch init (built CLI)', () => {
  it('scaffolds an empty folder so that `vouch eval` passes, then keeps existing files', async () => {
    const cwd = makeProject({})
    const init = await runCli(['init'], { cwd })
    expect(init.stderr).toBe('')
    expect(init.code).toBe(0)
    for (const f of ['vouch.config.ts', 'datasets/smoke.jsonl', 'rubrics/answer-policy.md', '.github/workflows/vouch.yml', 'package.json', '.gitignore']) {
      expect(init.stdout).toContain(`wrote    ${f}`)
      expect(existsSync(join(cwd, f))).toBe(true)
    }
    const workflow = parse(readFileSync(join(cwd, '.github/workflows/vouch.yml'), 'utf8'))
    const gate = workflow.jobs.eval.steps.find((s: { name?: string }) => s.name === 'Release gate')
    expect(gate.run).toMatch(/^npx vouch eval --run-id/)
    expect(JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'))).toMatchObject({ private: true, devDependencies: { vouch: expect.stringMatching(/^\^\d/) } })

    const run = await runCli(['eval'], { cwd })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('verdict: PASS')
    expect(run.stdout).toMatch(/smoke\s+answers-something@1\.0\.0\s+5\s+0/)
    const rubric = await runCli(['rubric', 'check'], { cwd })
    expect(rubric.code).toBe(0)

    writeFileSync(join(cwd, 'vouch.config.ts'), '// mine\n')
    const again = await runCli(['init'], { cwd })
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('kept     vouch.config.ts (exists; --force overwrites)')
    expect(again.stdout).toContain('nothing written')
    expect(readFileSync(join(cwd, 'vouch.config.ts'), 'utf8')).toBe('// mine\n')
    const forced = await runCli(['init', '--force'], { cwd })
    expect(forced.stdout).toContain('replaced vouch.config.ts')
    expect(readFileSync(join(cwd, 'vouch.config.ts'), 'utf8')).toContain('defineConfig')
  })

  it('in an existing project keeps its package.json; --judge adds a judge criterion the gate then needs', async () => {
    const cwd = makeProject({ 'package.json': '{"name":"app","private":true}\n', '.gitignore': 'dist/\n' })
    const init = await runCli(['init', '--judge'], { cwd })
    expect(init.code).toBe(0)
    expect(init.stdout).not.toContain('package.json')
    expect(readFileSync(join(cwd, 'package.json'), 'utf8')).toBe('{"name":"app","private":true}\n')
    expect(readFileSync(join(cwd, '.gitignore'), 'utf8')).toBe('dist/\n')
    expect(init.stdout).toContain('add reports/ and .vouch/')
    expect(readFileSync(join(cwd, 'rubrics/answer-policy.md'), 'utf8')).toContain('kind: judge')
    const workflow = readFileSync(join(cwd, '.github/workflows/vouch.yml'), 'utf8')
    expect(workflow).toContain('OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}')
    // Without a judge model the judge criterion is skipped, and this gate does not allow skipped results.
    const run = await runCli(['eval'], { cwd })
    expect(run.code).toBe(1)
  })

  it('writes into --dir and refuses positionals', async () => {
    const cwd = makeProject({})
    const r = await runCli(['init', '--dir', 'app'], { cwd })
    expect(r.code).toBe(0)
    expect(existsSync(join(cwd, 'app/vouch.config.ts'))).toBe(true)
    const bad = await runCli(['init', 'app'], { cwd })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/init takes no arguments/)
  })
})
