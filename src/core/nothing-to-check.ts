import type { Verdict } from './define-evaluator.js'

/**
 * The one rule for "nothing to check", shared by every built-in evaluator: when the parts of the
 * sample an evaluator reads hold nothing (no non-empty text, no tool call, no output to parse), the
 * verdict is `skipped` with score 1 and a reason that starts with `nothing to check`. It is never
 * `pass` (an auditor would read that as "checked and clean") and never `fail` (nothing was
 * violated). The release gate counts a skip against the suite unless `gate.allowSkipped` is set;
 * the guardrail lets a skip through and records it.
 */
export function nothingToCheck(what: string, details?: Record<string, unknown>): Verdict {
  return { status: 'skipped', score: 1, reason: `nothing to check: ${what}`, findings: [], ...(details ? { details } : {}) }
}

/** Whether a result is a "nothing to check" skip (see `nothingToCheck`). */
export function isNothingToCheck(result: { status: string; reason: string }): boolean {
  return result.status === 'skipped' && result.reason.startsWith('nothing to check')
}
