import { describe, expect, it } from 'vitest'
import { defineEvaluator } from '../core/define-evaluator.js'
import type { Evaluator } from '../core/types.js'
import { checkEvaluatorContract } from './check-evaluator.js'
import { outputRange } from '../../evaluators/output-range/index.js'

describe('checkEvaluatorContract', () => {
  it('passes a well-behaved custom evaluator and a built-in one', async () => {
    const containsId = () =>
      defineEvaluator({
        name: 'contains-id',
        version: '1.0.0',
        evaluate: ({ id = '', output = '' }) => ({ passed: id !== '' && output.includes(id), score: output.includes(id) ? 1 : 0, reason: 'checked whether the output names the case id' }),
      })
    expect(await checkEvaluatorContract(containsId)).toEqual({ ok: true, problems: [] })
    expect((await checkEvaluatorContract(() => outputRange({ ranges: { '$.score': { min: 0, max: 1 } } }))).problems).toEqual([])
  })

  it('names each broken rule and the sample that showed it', async () => {
    let calls = 0
    const sloppy = (): Evaluator => ({
      name: 'Sloppy',
      version: 'v1',
      configHash: 'x',
      async evaluate(sample) {
        if (sample.output === undefined) throw new TypeError('output is undefined')
        calls++
        return { evaluator: 'Sloppy', version: 'v1', status: 'fail', passed: false, score: calls % 2 ? 1.5 : 0, reason: `leaked ${sample.output}`, findings: [{ type: 'X', field: 'output', start: 0, end: 1e9, score: 1 }], durationMs: 0 }
      },
    })
    const { ok, problems } = await checkEvaluatorContract(sloppy)
    expect(ok).toBe(false)
    const rules = new Set(problems.map((p) => p.rule))
    for (const rule of ['name', 'version', 'config-hash', 'throws', 'score', 'finding', 'leak', 'deterministic']) expect(rules).toContain(rule)
    expect(problems).toContainEqual({ sample: 'empty', rule: 'throws', message: 'evaluate threw: output is undefined' })
    expect(problems.find((p) => p.rule === 'leak')!.sample).toBe('sensitive')
    // the report itself never quotes a whole sensitive value
    expect(JSON.stringify(problems)).not.toContain('jane.doe@example.com')
  })
})
