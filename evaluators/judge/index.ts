/**
 * The shared LLM-judge module (IsCompliant's judge criteria, PromptInjection's judge mode).
 *
 * Two layers, both through the AI SDK and both honouring the host's `wrapModel` (record/replay):
 *
 * - `judgeCriterion({ model, criterion, requirement, data, votes?, temperature?, timeoutMs?, retry?,
 *   signal?, wrapModel?, _internal? })` → `{ verdict: 'pass'|'fail'|'not_applicable', score, reason,
 *   quote, agreement, votes, usage }`. Decides one natural-language requirement with structured
 *   output against `judgeVerdictSchema`, temperature 0, the untrusted `data` sections fenced and
 *   declared as data (`buildJudgePrompt` shows exactly what is sent). `votes: k` makes k calls and
 *   takes the majority (ties → the stricter verdict), recording `agreement`.
 * - `callJudge({ model, schema, instructions, prompt, label, ... })` → `{ output, usage }`: one
 *   structured-output call with any zod schema, for judges that need their own verdict shape. Use
 *   `fenceData(sections)` + `dataNotInstructions(tag)` to fence untrusted text the same way.
 *
 * Both retry 429 / 408 / 5xx / timeouts with exponential backoff (`retry-after` honoured; `sleep`
 * injectable through `_internal`), and throw `JudgeError` (never a verdict) on timeout, exhausted
 * retries or output that does not match the schema. `usage` counts calls (retries included) and
 * tokens, so the cost of judging shows in results.
 *
 * `resolveJudge({ model?, modelId?, env? })` picks the model and describes it (`JudgeInfo`:
 * provider, model id, API flavour, endpoint host — never a key): the one given, else
 * `@ai-sdk/openai` from `OPENAI_API_KEY` / `OPENAI_BASE_URL` / `VOUCH_JUDGE_MODEL` /
 * `VOUCH_JUDGE_API`, else a placeholder that only cassettes can answer (`judge_not_configured`
 * otherwise; callers report `skipped` with `JUDGE_CONFIG_HINT`). `resolveJudgeModel` is the model
 * alone, or undefined when none is configured. See docs/judge.md.
 *
 * `pseudonymizeData(sections)` replaces PII and secrets by consistent pseudonyms before a call
 * (`<EMAIL_ADDRESS_1>`), `JUDGE_PROMPT_TEMPLATE` is the prompt's hash recorded with every result.
 *
 * A judge's `reason` and `quote` come from a model and may hold PII: callers redact them (IsCompliant
 * uses the PII module) before they go in a result.
 */
export { judgeCriterion, buildJudgePrompt, type JudgeCriterionOptions, type JudgeOutcome } from './judge-criterion.js'
export { callJudge, type CallJudgeOptions, type JudgeUsage } from './call-judge.js'
export { fenceData, dataNotInstructions, type DataSection } from './fence-data.js'
export { judgeVerdictSchema, type JudgeVerdict } from './judge-verdict-schema.js'
export { judgeSettingsSchema, type JudgeSettings } from './judge-settings-schema.js'
export { majorityVote, type VoteOutcome } from './majority-vote.js'
export { resolveJudge, resolveJudgeModel, DEFAULT_JUDGE_MODEL_ID, JUDGE_CONFIG_HINT, type ResolvedJudge } from './resolve-judge-model.js'
export { JUDGE_PROMPT_TEMPLATE } from './judge-criterion.js'
export { describeGivenModel, type JudgeInfo, type JudgeApi } from './judge-info.js'
export { pseudonymizeData, type PseudonymizedData } from './pseudonymize-data.js'
export { skippedJudgeCount } from './skipped-judge-count.js'
export { withRetry, isRetryableError, type RetryOptions } from './with-retry.js'
export { JudgeError, type JudgeErrorCode } from './judge-error.js'
