import { describe, expect, it } from 'vitest'
import { pii } from '../../evaluators/pii/index.js'
import { catalogue, everyBoundary } from './catalogue.js'
import { secretsRows } from './secrets.rows.js'
import { nonFiniteRows } from './non-finite.rows.js'
import { piiRows } from './pii.rows.js'
import { piiFormattingRows } from './pii-formatting.rows.js'
import { leaksOf, MODES, runAttack, type AttackRow } from './harness.js'
import { payloads } from './payloads.js'
import { promptInjectionRows } from './prompt-injection.rows.js'
import type { GuardrailOptions } from '../../src/guard/guardrail-options.js'

/** Rows from every area; add your area's `*.rows.ts` export here. */
const ROWS: AttackRow[] = [...catalogue, ...everyBoundary(), ...promptInjectionRows, ...secretsRows, ...nonFiniteRows, ...piiFormattingRows, ...piiRows]
const SEED = Number(process.env.VOUCH_ATTACK_SEED ?? 20261130)

// The production defaults: pii() as shipped (its default fields include tool calls).
const defaults = (): Partial<GuardrailOptions> => ({ input: [pii()], onInput: 'block', output: [pii()], onOutput: 'redact' })

describe(`guardrail bypass catalogue (seed ${SEED})`, () => {
  it('has unique ids and covers the categories of issue 11', () => {
    expect(new Set(ROWS.map((r) => r.id)).size).toBe(ROWS.length)
    const categories = new Set(ROWS.map((r) => r.category))
    for (const c of ['part-split', 'chunk-split', 'every-boundary', 'tool-args', 'input-kind', 'reasoning', 'unicode', 'output-part']) expect(categories).toContain(c)
  })

  for (const row of ROWS) {
    for (const mode of row.modes ?? MODES) {
      it(`${row.id} [${mode}]: ${row.note}`, async () => {
        const attack = row.build(payloads(SEED))
        const run = await runAttack(attack, mode, { ...defaults(), ...row.options })
        expect(leaksOf(run, attack.values)).toEqual([])
        if (row.expect === 'block') expect(run.outcome).toBe('blocked')
        if (row.expect === 'redact') expect(run.outcome).toBe('redacted')
        if (attack.prompt && row.expect === 'block') expect(run.providerCalls).toBe(0)
      })
    }
  }
})
