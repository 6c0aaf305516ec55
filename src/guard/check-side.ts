import { runEvaluator, type EvalContext, type EvalResult, type Evaluator, type Finding, type Sample } from '../core/index.js'
import type { GuardrailBlockCause } from '../core/errors/guardrail-blocked-error.js'

/** What the guardrail did about one evaluator's result. `allow` on a pass. */
export type GuardAction = 'allow' | 'block' | 'redact' | 'fallback' | 'flag'

/** One evaluator's result and the action it led to: one evidence record. */
export interface Judgement {
  evaluator: Evaluator
  result: EvalResult
  action: GuardAction
  /** Set when the action is a block (or a fallback standing in for one). */
  cause?: GuardrailBlockCause
  /** The evaluator errored or timed out and `failMode: 'open'` let the request through. */
  failedOpen?: boolean
}

/** The decision for one side of a request. */
export interface SideDecision {
  judgements: Judgement[]
  /** `block` also covers `fallback`; the caller knows whether a fallback answer can be given. */
  outcome: 'allow' | 'block' | 'redact' | 'flag'
  /** Findings of the failed checks to redact, when the outcome is `redact`. */
  redactions: Finding[]
}

export interface CheckSideOptions {
  evaluators: readonly Evaluator[]
  sample: Sample
  onFail: 'block' | 'redact' | 'fallback' | 'flag'
  failMode: 'closed' | 'open'
  timeoutMs: number
  /** Whether a finding can be fixed by redaction (it points into text the guardrail can rewrite). */
  redactable: (finding: Finding) => boolean
  /** Per evaluator, the `wrapModel` hook its context gets (see `windowCheck` in incremental streams). */
  wrapModelFor?: (evaluator: Evaluator) => EvalContext['wrapModel'] | undefined
}

/**
 * Run every evaluator of one side through `runEvaluator` (a throw or a timeout is an `error`
 * result, never an exception) and decide. A failure that redaction cannot fix (no findings, or
 * findings in a tool call) is a block: redact mode never lets an unfixed failure through.
 */
export async function checkSide({ evaluators, sample, onFail, failMode, timeoutMs, redactable, wrapModelFor }: CheckSideOptions): Promise<SideDecision> {
  const results = await Promise.all(
    evaluators.map((evaluator) => {
      const wrapModel = wrapModelFor?.(evaluator)
      return runEvaluator(evaluator, sample, wrapModel ? { timeoutMs, wrapModel } : { timeoutMs })
    }),
  )
  const judgements = results.map((result, i): Judgement => judge(evaluators[i] as Evaluator, result, { onFail, failMode, redactable }))
  return decide(judgements)
}

export function judge(
  evaluator: Evaluator,
  result: EvalResult,
  { onFail, failMode, redactable }: Pick<CheckSideOptions, 'onFail' | 'failMode' | 'redactable'>,
): Judgement {
  if (result.status === 'pass' || result.status === 'skipped') return { evaluator, result, action: 'allow' }
  if (result.status === 'error') {
    return failMode === 'open'
      ? { evaluator, result, action: 'allow', failedOpen: true }
      : { evaluator, result, action: onFail === 'fallback' ? 'fallback' : 'block', cause: 'evaluator-error' }
  }
  switch (onFail) {
    case 'flag':
      return { evaluator, result, action: 'flag' }
    case 'block':
    case 'fallback':
      return { evaluator, result, action: onFail, cause: 'policy' }
    case 'redact':
      return result.findings.length > 0 && result.findings.every(redactable)
        ? { evaluator, result, action: 'redact' }
        : { evaluator, result, action: 'block', cause: 'unredactable' }
  }
}

export function decide(judgements: Judgement[]): SideDecision {
  const actions = new Set(judgements.map((j) => j.action))
  const outcome =
    actions.has('block') || actions.has('fallback') ? 'block' : actions.has('redact') ? 'redact' : actions.has('flag') ? 'flag' : 'allow'
  const redactions = outcome === 'redact' ? judgements.filter((j) => j.action === 'redact').flatMap((j) => j.result.findings) : []
  return { judgements, outcome, redactions }
}
