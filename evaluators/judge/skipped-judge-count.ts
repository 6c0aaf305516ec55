/**
 * How many judge checks of a result did not run because no judge was configured: IsCompliant's
 * `details.judge.skipped`, or 1 for a judge mode that reports `details.judge.status: 'not_run'`
 * (PromptInjection). What `requireJudge` (gate, vitest matchers) counts.
 */
export function skippedJudgeCount(result: { details?: Record<string, unknown> | undefined }): number {
  const judge = result.details?.judge as { skipped?: unknown; status?: unknown } | undefined
  if (!judge || typeof judge !== 'object') return 0
  if (judge.status === 'not_run') return 1
  return typeof judge.skipped === 'number' && Number.isFinite(judge.skipped) ? judge.skipped : 0
}
