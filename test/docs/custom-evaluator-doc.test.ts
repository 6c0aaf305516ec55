import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createJiti } from 'jiti'
import { describe, expect, it } from 'vitest'
import type { Evaluator } from '../../src/core/types.js'
import { checkEvaluatorContract } from '../../src/testing/index.js'
import { makeProject, repoRoot, runCli } from '../helpers/cli.js'

const doc = readFileSync(join(repoRoot, 'docs/custom-evaluator.md'), 'utf8')
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!)

describe('docs/custom-evaluator.md', () => {
  it('its example config runs as written, and its evaluator keeps the contract', async () => {
    const cwd = makeProject({
      'vouch.config.ts': blocks[0]!,
      'datasets/orders.jsonl': [
        { id: 'a', input: 'Where is ord_1042?', output: 'ord_1042 ships today.' },
        { id: 'b', input: 'Do you ship to Canada?', output: 'Yes.' },
      ].map((r) => JSON.stringify(r)).join('\n'),
    })
    const run = await runCli(['eval', '--run-id', 'doc'], { cwd })
    expect(run.code).toBe(0)
    const report = JSON.parse(readFileSync(join(cwd, 'reports/doc/report.json'), 'utf8'))
    expect(report.suites[0].counts).toMatchObject({ pass: 1, skipped: 1 })

    const mod = (await createJiti(join(cwd, 'x.ts')).import(join(cwd, 'vouch.config.ts'))) as { mentionsOrderId: () => Evaluator }
    expect((await checkEvaluatorContract(() => mod.mentionsOrderId())).problems).toEqual([])
  })

  it('the conformance example imports what vouch/testing exports', () => {
    expect(blocks[1]).toContain("from 'vouch/testing'")
    expect(blocks[1]).toContain('checkEvaluatorContract')
  })
})
