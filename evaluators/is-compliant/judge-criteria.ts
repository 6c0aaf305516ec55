import type { EvalContext, Finding, VersionRef } from '../../src/core/types.js'
import type { JudgeDestinationRules } from '../data-privacy/judge-destination.js'
import type { JudgeUsage } from '../judge/call-judge.js'
import type { DataSection } from '../judge/fence-data.js'
import { JudgeError } from '../judge/judge-error.js'
import { JUDGE_PROMPT_TEMPLATE, judgeCriterion } from '../judge/judge-criterion.js'
import type { JudgeInfo } from '../judge/judge-info.js'
import type { JudgeSettings } from '../judge/judge-settings-schema.js'
import { pseudonymizeData } from '../judge/pseudonymize-data.js'
import { JUDGE_CONFIG_HINT, type ResolvedJudge } from '../judge/resolve-judge-model.js'
import { redactModelText } from './redact-model-text.js'
import type { RubricCriterion } from './rubric-schema.js'

/** Longest model answer kept (redacted) in a criterion's details when it was not the schema. */
const MAX_ANSWER_KEPT = 500

/** The per-criterion outcome recorded in `details.criteria`. */
export interface CriterionOutcome {
  id: string
  kind: RubricCriterion['kind']
  severity: RubricCriterion['severity']
  /** `error`: a judge criterion that got no usable verdict (deterministic criteria never error). */
  status: 'pass' | 'fail' | 'not_applicable' | 'skipped' | 'error'
  reason: string
  review?: true
  judge?: {
    verdict?: string
    score?: number
    agreement?: number
    votes?: { verdict: string; score: number }[]
    /** Where the judge's quote is in the judged data (when verbatim: the text itself is not stored). */
    quoteAt?: { field: string; start: number; end: number }
    /** A quote not found verbatim (a paraphrase), PII- and secret-redacted. */
    quote?: string
    /** Distinct values sent to the judge as pseudonyms in this criterion's call. */
    pseudonymized?: number
    /** Why there is no verdict: the error code, calls made, the schema problem and the model's answer (redacted, cut). */
    error?: { code: string; attempts: number; problem?: string; answer?: string }
  }
}

/**
 * What `details.judge` of an isCompliant result records: who judged (never a key), with which
 * prompt template and settings, what left the process, and what it cost.
 */
export interface JudgeRecord extends JudgeInfo, JudgeUsage {
  temperature: number
  prompt: { id: string; sha256: string }
  /** Votes per criterion (k); each criterion's votes and agreement are in `details.criteria[].judge`. */
  votes: number
  redaction: {
    mode: 'pseudonymize' | 'none'
    /** Distinct values replaced by pseudonyms, by entity type (summed over the criteria judged). */
    replaced: Record<string, number>
    /** Entity types sent unredacted (opt-out, within what the policy allows). */
    sentRaw: string[]
    /** The data-privacy policy that decided what the judge may see, when one was given. */
    policy?: VersionRef
  }
  /** Judge criteria not run (no judge configured) and judge criteria without a usable verdict. */
  skipped: number
  errors: number
}

export interface JudgedCriterion {
  outcome: CriterionOutcome
  finding?: Finding
  usage: JudgeUsage
  replaced: Record<string, number>
  sentRaw: string[]
}

export interface CriterionJudge {
  judge(criterion: Extract<RubricCriterion, { kind: 'judge' }>, data: DataSection[], policyId: string, ctx: EvalContext): Promise<JudgedCriterion>
  /** An empty record for one evaluation, to add judged criteria to. */
  record(): JudgeRecord
}

/**
 * Runs IsCompliant's judge criteria: checks the judge against the data-privacy policy (when given),
 * pseudonymises the judged text (unless the rubric opts out), calls the judge, and turns every
 * judge failure into an `error` outcome of that criterion only — the model's answer (redacted) and
 * the parse problem in its details — so the deterministic criteria keep their verdicts.
 */
export function criterionJudge({
  resolved,
  settings,
  rules,
  sleep,
}: {
  resolved: ResolvedJudge
  settings: JudgeSettings
  rules?: JudgeDestinationRules | undefined
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined
}): CriterionJudge {
  const mode = settings.redaction ?? 'pseudonymize'
  const sendRaw = mode === 'none' ? (type: string) => (rules ? rules.mayReceive(type) : true) : () => false
  const temperature = settings.temperature ?? 0
  return {
    record: () => ({
      ...resolved.info,
      temperature,
      prompt: JUDGE_PROMPT_TEMPLATE,
      votes: settings.votes ?? 1,
      redaction: { mode, replaced: {}, sentRaw: [], ...(rules ? { policy: rules.policy } : {}) },
      calls: 0,
      inputTokens: 0,
      outputTokens: 0,
      skipped: 0,
      errors: 0,
    }),
    async judge(criterion, data, policyId, ctx) {
      const base = { id: criterion.id, kind: criterion.kind, severity: criterion.severity }
      const none = { usage: { calls: 0, inputTokens: 0, outputTokens: 0 }, replaced: {}, sentRaw: [] }
      if (rules && !rules.approved) {
        const reason = `judge ${resolved.info.provider}/${resolved.info.modelId} is not an approved destination in data-privacy policy ${rules.policy.id}@${rules.policy.version}: nothing was sent`
        return { ...none, outcome: { ...base, status: 'error', reason, judge: { error: { code: 'judge_not_approved', attempts: 0 } } } }
      }
      const sent = pseudonymizeData(data, { sendRaw })
      const votes = criterion.votes ?? settings.votes
      try {
        const outcome = await judgeCriterion({
          model: resolved.model,
          criterion: criterion.id,
          requirement: criterion.requirement ?? criterion.description,
          data: sent.sections,
          ...(votes !== undefined ? { votes } : {}),
          temperature,
          ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
          retry: {
            ...(settings.maxRetries !== undefined ? { maxRetries: settings.maxRetries } : {}),
            ...(settings.initialDelayMs !== undefined ? { initialDelayMs: settings.initialDelayMs } : {}),
          },
          ...(ctx.signal ? { signal: ctx.signal } : {}),
          ...(ctx.wrapModel ? { wrapModel: ctx.wrapModel } : {}),
          ...(sleep ? { _internal: { sleep } } : {}),
        })
        // A quote found verbatim in the sent text is kept as a location in the original text only; a paraphrase is redacted text.
        const located = locate(sent.sections, outcome.quote)
        const span = located ? { field: located.field, ...sent.toOriginal(located.field, located.start, located.end) } : undefined
        return {
          usage: outcome.usage,
          replaced: sent.replaced,
          sentRaw: sent.sentRaw,
          outcome: {
            ...base,
            status: outcome.verdict,
            reason: `judge: ${redactModelText(outcome.reason)}`,
            judge: {
              verdict: outcome.verdict,
              score: outcome.score,
              agreement: outcome.agreement,
              votes: outcome.votes,
              pseudonymized: count(sent.replaced),
              ...(span ? { quoteAt: span } : outcome.quote.trim() ? { quote: redactModelText(outcome.quote) } : {}),
            },
          },
          ...(outcome.verdict === 'fail' ? { finding: judgeFinding(policyId, data, span) } : {}),
        }
      } catch (error) {
        if (!JudgeError.isInstance(error) || error.code === 'judge_aborted') throw error
        if (error.code === 'judge_not_configured') return { ...none, outcome: { ...base, status: 'skipped', reason: JUDGE_CONFIG_HINT } }
        const answer = error.answer === undefined ? undefined : cut(redactModelText(error.answer), MAX_ANSWER_KEPT)
        return {
          ...none,
          replaced: sent.replaced,
          sentRaw: sent.sentRaw,
          outcome: {
            ...base,
            status: 'error',
            reason: `judge error (${error.code}): ${redactModelText(error.message)}`,
            judge: { pseudonymized: count(sent.replaced), error: { code: error.code, attempts: error.attempts, ...(error.problem ? { problem: redactModelText(error.problem) } : {}), ...(answer !== undefined ? { answer } : {}) } },
          },
        }
      }
    },
  }
}

/** Add one judged criterion to the evaluation's record. */
export function addToRecord(record: JudgeRecord, judged: JudgedCriterion): void {
  record.calls += judged.usage.calls
  record.inputTokens += judged.usage.inputTokens
  record.outputTokens += judged.usage.outputTokens
  for (const [type, n] of Object.entries(judged.replaced)) record.redaction.replaced[type] = (record.redaction.replaced[type] ?? 0) + n
  record.redaction.sentRaw = [...new Set([...record.redaction.sentRaw, ...judged.sentRaw])].sort()
  if (judged.outcome.status === 'skipped') record.skipped++
  if (judged.outcome.status === 'error') record.errors++
}

const count = (replaced: Record<string, number>) => Object.values(replaced).reduce((n, v) => n + v, 0)
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s)

/** Where the judge's quote occurs verbatim in the judged data, if it does. */
function locate(data: DataSection[], quote: string): { field: string; start: number; end: number } | undefined {
  const q = quote.trim()
  if (!q) return undefined
  for (const d of data) {
    const at = d.text.indexOf(q)
    if (at >= 0) return { field: d.label, start: at, end: at + q.length }
  }
  return undefined
}

/** A failed judge criterion points at the judge's quote when it is found verbatim in the data, else at the first judged field. */
function judgeFinding(policyId: string, data: DataSection[], span: { field: string; start: number; end: number } | undefined): Finding {
  if (span) return { type: 'judge_failed', ...span, score: 1, detector: policyId, message: 'judge quote located here' }
  const first = data[0]!
  return { type: 'judge_failed', field: first.label, start: 0, end: first.text.length, score: 1, detector: policyId, message: 'judge found the requirement unmet' }
}
