import { describe, expect, it } from 'vitest'
import { defineEvaluator } from './define-evaluator.js'
import { runEvaluator } from './run-evaluator.js'
import { not } from './not.js'

const ok = defineEvaluator({ name: 'ok', version: '1.0.0', evaluate: () => ({ passed: true, score: 0.9, reason: 'fine' }) })

describe('runEvaluator', () => {
  it('returns the verdict stamped with name, version and duration', async () => {
    const result = await runEvaluator(ok, { output: 'x' })
    expect(result).toMatchObject({ evaluator: 'ok', version: '1.0.0', status: 'pass', passed: true, score: 0.9, reason: 'fine', findings: [] })
    expect(result.durationMs).toBeGreaterThanOrEqual(0)
  })

  it('turns a throw into an error result instead of an exception', async () => {
    const boom = defineEvaluator({ name: 'boom', version: '1.0.0', evaluate: () => { throw new TypeError('bad state') } })
    expect(await runEvaluator(boom, {})).toMatchObject({ status: 'error', passed: false, score: 0, reason: 'TypeError: bad state' })
  })

  it('turns an out-of-range score into an error result', async () => {
    const wrong = defineEvaluator({ name: 'wrong', version: '1.0.0', evaluate: () => ({ passed: true, score: 1.5, reason: 'x' }) })
    expect(await runEvaluator(wrong, {})).toMatchObject({ status: 'error', reason: expect.stringMatching(/outside \[0, 1\]/) })
  })

  it('times out slow evaluators and aborts their signal', async () => {
    let aborted = false
    const slow = defineEvaluator({
      name: 'slow',
      version: '1.0.0',
      evaluate: (_s, ctx) =>
        new Promise((resolve) => {
          ctx.signal?.addEventListener('abort', () => { aborted = true })
          setTimeout(() => resolve({ passed: true, score: 1, reason: 'late' }), 5_000).unref()
        }),
    })
    const result = await runEvaluator(slow, {}, { timeoutMs: 20 })
    expect(result).toMatchObject({ status: 'error', reason: expect.stringContaining('timed out after 20 ms') })
    expect(aborted).toBe(true)
  })

  it('passes wrapModel through to the evaluator', async () => {
    let seen: unknown
    const probe = defineEvaluator({ name: 'probe', version: '1.0.0', evaluate: (_s, ctx) => { seen = ctx.wrapModel?.('m'); return { passed: true, score: 1, reason: 'ok' } } })
    await runEvaluator(probe, {}, { wrapModel: <M>(m: M) => `${String(m)}-wrapped` as M })
    expect(seen).toBe('m-wrapped')
  })
})

describe('not()', () => {
  it('flips pass and fail and the score, and leaves error and skipped alone', async () => {
    const negated = await not(ok).evaluate({})
    expect(negated).toMatchObject({ evaluator: 'not(ok)', status: 'fail', passed: false, reason: 'negated: fine' })
    expect(negated.score).toBeCloseTo(0.1)
    const skip = defineEvaluator({ name: 'skip', version: '1.0.0', evaluate: () => ({ status: 'skipped', score: 0, reason: 'n/a' }) })
    expect(await not(skip).evaluate({})).toMatchObject({ status: 'skipped', evaluator: 'not(skip)' })
    expect(not(ok).configHash).not.toBe(ok.configHash)
  })
})

describe('defineEvaluator', () => {
  it('rejects bad names and versions at once', () => {
    expect(() => defineEvaluator({ name: 'Bad Name', version: '1.0.0', evaluate: () => ({ passed: true, score: 1, reason: '' }) })).toThrow(/kebab-case/)
    expect(() => defineEvaluator({ name: 'ok', version: 'v1', evaluate: () => ({ passed: true, score: 1, reason: '' }) })).toThrow(/semver/)
  })
  it('hashes options into configHash', () => {
    const a = defineEvaluator({ name: 'x', version: '1.0.0', options: { a: 1, b: 2 }, evaluate: () => ({ passed: true, score: 1, reason: '' }) })
    const b = defineEvaluator({ name: 'x', version: '1.0.0', options: { b: 2, a: 1 }, evaluate: () => ({ passed: true, score: 1, reason: '' }) })
    const c = defineEvaluator({ name: 'x', version: '1.0.0', options: { a: 2, b: 2 }, evaluate: () => ({ passed: true, score: 1, reason: '' }) })
    expect(a.configHash).toBe(b.configHash)
    expect(a.configHash).not.toBe(c.configHash)
  })
})

describe('runEvaluator: synchronous overrun', () => {
  const busy = (ms: number) => {
    const end = Date.now() + ms
    while (Date.now() < end) {
      // CPU-bound: the event loop cannot run the timeout timer meanwhile
    }
  }

  it('reports a synchronous evaluator that overran timeoutMs as an error, not a pass', async () => {
    const hog = defineEvaluator({ name: 'hog', version: '1.0.0', evaluate: () => (busy(120), { passed: true, score: 1, reason: 'fine' }) })
    const result = await runEvaluator(hog, { output: 'x' }, { timeoutMs: 30 })
    expect(result).toMatchObject({ status: 'error', passed: false, reason: expect.stringMatching(/EvaluatorTimeoutError: .*over its 30 ms budget/) })
  })

  it('also after an await: the loop was blocked when the timer was due', async () => {
    const hog = defineEvaluator({
      name: 'hog-async',
      version: '1.0.0',
      evaluate: async () => {
        await Promise.resolve()
        busy(120)
        return { passed: true, score: 1, reason: 'fine' }
      },
    })
    expect(await runEvaluator(hog, { output: 'x' }, { timeoutMs: 30 })).toMatchObject({ status: 'error', reason: expect.stringMatching(/over its 30 ms budget/) })
  })

  it('a quick synchronous evaluator still passes', async () => {
    expect(await runEvaluator(ok, { output: 'x' }, { timeoutMs: 1000 })).toMatchObject({ status: 'pass' })
  })

  it('gives a signal read only after the abort (caller or timeout) already aborted, with the reason', async () => {
    const seen: { aborted: boolean; reason: unknown }[] = []
    const late = defineEvaluator({
      name: 'late',
      version: '1.0.0',
      evaluate: async (_s, ctx) => {
        await new Promise((r) => setTimeout(r, 40))
        seen.push({ aborted: ctx.signal?.aborted ?? false, reason: ctx.signal?.reason })
        return { passed: true, score: 1, reason: 'late' }
      },
    })
    const caller = new AbortController()
    const pending = runEvaluator(late, { output: 'x' }, { signal: caller.signal })
    caller.abort(new Error('stop now'))
    await pending
    const timedOut = await runEvaluator(late, { output: 'x' }, { timeoutMs: 5 })
    await new Promise((r) => setTimeout(r, 60))
    expect(timedOut.status).toBe('error')
    expect(seen[0]).toEqual({ aborted: true, reason: new Error('stop now') })
    expect(seen[1]!.aborted).toBe(true)
    expect((seen[1]!.reason as Error).name).toBe('EvaluatorTimeoutError')
  })
})
