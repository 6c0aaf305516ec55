import { hashValue } from './hash.js'
import type { ControlId, EvalContext, EvalResult, EvalUsage, Evaluator, Finding, ResultAction, Sample, VersionRef } from './types.js'

/** What an evaluator's `evaluate` returns: the verdict as data. `defineEvaluator` fills in the rest. */
export interface Verdict {
  /**
   * Defaults to `pass` when `passed` is true, else `fail`. `skipped` when the check could not apply;
   * `error` when part of it could not be decided (e.g. an LLM judge failed) and `details` say which.
   */
  status?: 'pass' | 'fail' | 'skipped' | 'error'
  passed?: boolean
  score: number
  reason: string
  findings?: Finding[]
  policyId?: string
  rubric?: VersionRef
  action?: ResultAction
  details?: Record<string, unknown>
  /** LLM-judge calls and tokens this verdict cost (the runner sums them per suite). */
  usage?: EvalUsage
}

export interface EvaluatorDefinition {
  name: string
  version: string
  /** The evaluator's resolved options; their canonical JSON is hashed into `configHash`. */
  options?: unknown
  controls?: ControlId[]
  rubric?: VersionRef
  /** The control owner (a person or team), from the rubric or policy. */
  owner?: string
  evaluate(sample: Sample, ctx: EvalContext): Verdict | Promise<Verdict>
  _internal?: { now?: () => number }
}

/**
 * Build an `Evaluator` from a verdict function. The wrapper stamps name and version, measures
 * duration and checks the verdict's shape. It does not swallow exceptions: a crash is an error,
 * and `runEvaluator` (used by the runner and the guardrail) turns it into an `error` result.
 */
export function defineEvaluator({
  name,
  version,
  options,
  controls,
  rubric,
  owner,
  evaluate,
  _internal: { now = () => performance.now() } = {},
}: EvaluatorDefinition): Evaluator {
  if (!/^[a-z][a-z0-9-]*(\([^)]*\))?$/.test(name)) {
    throw new TypeError(`defineEvaluator: name must be kebab-case (got ${JSON.stringify(name)})`)
  }
  if (!/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/.test(version)) {
    throw new TypeError(`defineEvaluator: version of "${name}" must be semver (got ${JSON.stringify(version)})`)
  }
  const configHash = hashValue({ name, version, options: options ?? null })
  return {
    name,
    version,
    configHash,
    ...(controls ? { controls } : {}),
    ...(rubric ? { rubric } : {}),
    ...(owner ? { owner } : {}),
    async evaluate(sample: Sample, ctx: EvalContext = {}): Promise<EvalResult> {
      const started = now()
      const verdict = await evaluate(sample, ctx)
      const durationMs = Math.max(0, now() - started)
      return toResult({ name, version, rubric, verdict, durationMs })
    },
  }
}

function toResult({
  name,
  version,
  rubric,
  verdict,
  durationMs,
}: {
  name: string
  version: string
  rubric: VersionRef | undefined
  verdict: Verdict
  durationMs: number
}): EvalResult {
  const { score } = verdict
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1) {
    throw new RangeError(`evaluator "${name}" returned score ${String(score)}, outside [0, 1]`)
  }
  if (typeof verdict.reason !== 'string') throw new TypeError(`evaluator "${name}" returned no reason`)
  const status = verdict.status ?? (verdict.passed ? 'pass' : 'fail')
  const passed = status === 'pass'
  if (verdict.passed !== undefined && verdict.passed !== passed) {
    throw new TypeError(`evaluator "${name}" returned passed=${verdict.passed} with status "${status}"`)
  }
  const result: EvalResult = {
    evaluator: name,
    version,
    status,
    passed,
    score,
    reason: verdict.reason,
    findings: verdict.findings ?? [],
    durationMs,
  }
  if (verdict.policyId !== undefined) result.policyId = verdict.policyId
  const ref = verdict.rubric ?? rubric
  if (ref !== undefined) result.rubric = ref
  if (verdict.action !== undefined) result.action = verdict.action
  if (verdict.details !== undefined) result.details = verdict.details
  if (verdict.usage !== undefined) result.usage = verdict.usage
  return result
}
