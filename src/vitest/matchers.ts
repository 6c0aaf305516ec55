import { isCompliant, type IsCompliantOptions, type Rubric } from '../../evaluators/is-compliant/index.js'
import { skippedJudgeCount } from '../../evaluators/judge/skipped-judge-count.js'
import { pii, type PiiOptions } from '../../evaluators/pii/index.js'
import { runEvaluator } from '../core/run-evaluator.js'
import type { EvalContext, EvalResult, Evaluator, Sample } from '../core/types.js'
import { describeResult } from './describe-result.js'

/**
 * What a `skipped` result means to a matcher. By default it does not pass (a check that did not
 * run proved nothing).
 */
export interface SkipOptions {
  /** A `skipped` result passes (e.g. judge criteria offline, when every deterministic criterion passed). */
  allowSkipped?: boolean
  /**
   * A judge check that did not run (no judge model configured) fails, even with `allowSkipped`.
   * Default: true when the environment variable `VOUCH_REQUIRE_JUDGE` is `1` or `true` (set it in CI).
   */
  requireJudge?: boolean
}

/** Options of `toComplyWith`: those of `isCompliant` except the rubric, and `allowSkipped` / `requireJudge`. */
export type ComplyWithOptions = Omit<IsCompliantOptions, 'rubric'> & SkipOptions

/** Options of `toPassEvaluator`. */
export type PassEvaluatorOptions = Pick<EvalContext, 'wrapModel'> & { timeoutMs?: number } & SkipOptions

/**
 * The matchers `import 'vouch/vitest'` adds. All are async: `await expect(x).toPassEvaluator(e)`.
 * The received value is a `Sample`, or a string taken as the sample's `output`.
 */
export interface VouchMatchers<T = unknown> {
  /** Passes when the evaluator's status is `pass`. The failure message lists status, reason and findings (values redacted). */
  toPassEvaluator(evaluator: Evaluator, options?: PassEvaluatorOptions): Promise<void>
  /** Passes when `pii(options)` finds no PII (in the text; for a Sample, in input, output and context). */
  toHaveNoPII(options?: PiiOptions): Promise<void>
  /** Passes when the output complies with the rubric (`loadRubric`, `defineRubric`, or a rubric file path). */
  toComplyWith(rubric: Rubric | string, options?: ComplyWithOptions): Promise<void>
}

interface MatcherContext {
  isNot: boolean
  utils: { matcherHint: (name: string, received?: string, expected?: string, options?: Record<string, unknown>) => string }
}

function toSample(received: unknown, matcher: string): Sample {
  if (typeof received === 'string') return { output: received }
  if (received !== null && typeof received === 'object' && !Array.isArray(received)) return received as Sample
  throw new TypeError(`${matcher}: expected a Sample object or a string (the output), got ${received === null ? 'null' : Array.isArray(received) ? 'an array' : typeof received}`)
}

function isEvaluator(value: unknown): value is Evaluator {
  return value !== null && typeof value === 'object' && typeof (value as Evaluator).evaluate === 'function' && typeof (value as Evaluator).name === 'string'
}

function verdict(ctx: MatcherContext, name: string, what: string, result: EvalResult, sample: Sample, { allowSkipped = false, requireJudge = envRequiresJudge() }: SkipOptions) {
  const judgeNotRun = skippedJudgeCount(result)
  const blockedByJudge = requireJudge && judgeNotRun > 0
  const pass = !blockedByJudge && (result.status === 'pass' || (result.status === 'skipped' && allowSkipped))
  const why = blockedByJudge
    ? `${judgeNotRun} judge ${judgeNotRun === 1 ? 'check' : 'checks'} did not run and requireJudge is set (configure a judge model)`
    : result.status === 'skipped'
      ? 'the result is skipped (pass { allowSkipped: true } to accept it, e.g. offline without a judge model)'
      : `the result is ${result.status}`
  return {
    pass,
    message: () =>
      `${ctx.utils.matcherHint(`${ctx.isNot ? '.not' : ''}.${name}`, 'received', what)}\n\n` +
      (ctx.isNot ? `expected the sample not to pass ${what}, but it passed${result.status === 'skipped' ? ' (skipped, allowed by allowSkipped)' : ''}\n\n` : `expected the sample to pass ${what}, but ${why}\n\n`) +
      describeResult(result, sample),
  }
}

function envRequiresJudge(): boolean {
  const v = process.env.VOUCH_REQUIRE_JUDGE
  return v === '1' || v === 'true'
}

/** The matcher implementations, for `expect.extend` (done by `vouch/vitest` on import). */
export const vouchMatchers = {
  async toPassEvaluator(this: MatcherContext, received: unknown, evaluator: unknown, options: PassEvaluatorOptions = {}) {
    if (!isEvaluator(evaluator)) throw new TypeError('toPassEvaluator: expected an evaluator (e.g. pii(), secrets(), isCompliant({ rubric }))')
    const sample = toSample(received, 'toPassEvaluator')
    const { allowSkipped, requireJudge, ...run } = options
    const result = await runEvaluator(evaluator, sample, run)
    return verdict(this, 'toPassEvaluator', `${evaluator.name}@${evaluator.version}`, result, sample, { ...(allowSkipped !== undefined ? { allowSkipped } : {}), ...(requireJudge !== undefined ? { requireJudge } : {}) })
  },

  async toHaveNoPII(this: MatcherContext, received: unknown, options: PiiOptions = {}) {
    const sample = toSample(received, 'toHaveNoPII')
    const scan: PiiOptions = typeof received === 'string' ? { fields: ['output'], ...options } : options
    const result = await runEvaluator(pii(scan), sample)
    if (result.status === 'error') throw new Error(`toHaveNoPII: the PII evaluator failed: ${result.reason}`)
    const pass = result.status === 'pass'
    const types = [...new Set(result.findings.map((f) => f.type))]
    return {
      pass,
      message: () =>
        `${this.utils.matcherHint(`${this.isNot ? '.not' : ''}.toHaveNoPII`, 'received', '')}\n\n` +
        (this.isNot ? 'expected PII, but none was found\n\n' : `expected no PII, but found ${result.findings.length} (${types.join(', ')})\n\n`) +
        describeResult(result, sample),
    }
  },

  async toComplyWith(this: MatcherContext, received: unknown, rubric: Rubric | string, options: ComplyWithOptions = {}) {
    const sample = toSample(received, 'toComplyWith')
    const { allowSkipped, requireJudge, ...evaluatorOptions } = options
    const evaluator = isCompliant({ ...evaluatorOptions, rubric })
    const result = await runEvaluator(evaluator, sample)
    const ref = evaluator.rubric ? `rubric ${evaluator.rubric.id}@${evaluator.rubric.version}` : 'the rubric'
    return verdict(this, 'toComplyWith', ref, result, sample, { ...(allowSkipped !== undefined ? { allowSkipped } : {}), ...(requireJudge !== undefined ? { requireJudge } : {}) })
  },
}
