import type { LanguageModel } from 'ai'
import { z } from 'zod'
import { defineEvaluator } from '../../src/core/define-evaluator.js'
import { parseOptions } from '../../src/core/parse-options.js'
import type { EvalContext, Evaluator, Finding, Sample } from '../../src/core/types.js'
import type { JudgeUsage } from '../judge/call-judge.js'
import { judgeCriterion } from '../judge/judge-criterion.js'
import { judgeSettingsSchema, type JudgeSettings } from '../judge/judge-settings-schema.js'
import { JUDGE_CONFIG_HINT, resolveJudgeModel } from '../judge/resolve-judge-model.js'
import type { DataSection } from '../judge/fence-data.js'
import { loadRubric, type Rubric } from './load-rubric.js'
import { redactModelText } from './redact-model-text.js'
import { SEVERITY_WEIGHTS, type RubricCriterion } from './rubric-schema.js'
import { compileCriterion } from './rules/compile-criterion.js'
import type { CriterionCheck } from './rules/criterion-check.js'
import { SampleView } from './sample-view.js'

const rubricObject = z.custom<Rubric>(
  (v) => typeof v === 'object' && v !== null && Array.isArray((v as Rubric).criteria) && typeof (v as Rubric).ref?.sha256 === 'string',
  'must be a rubric from loadRubric / parseRubric / defineRubric, or the path of a rubric file',
)

const optionsSchema = z
  .object({
    /** A loaded rubric, or the path of a rubric file (loaded at once). */
    rubric: z.union([z.string().min(1), rubricObject]),
    /** Judge model for `judge` criteria (any AI SDK LanguageModel). Default: see `resolveJudgeModel`. */
    model: z.custom<LanguageModel>((v) => v !== null && (typeof v === 'object' || typeof v === 'string'), 'must be an AI SDK LanguageModel').optional(),
    /** Overrides the rubric's own judge settings. */
    judge: judgeSettingsSchema.optional(),
    /**
     * The evaluator's name (default `is-compliant`). Results, gates and evidence are keyed by name,
     * so give each rubric its own name to run several in one suite, e.g. `is-compliant-refunds`.
     */
    name: z.string().regex(/^is-compliant(-[a-z0-9]+)*$/, 'must be "is-compliant" or start with "is-compliant-" (kebab-case)').default('is-compliant'),
  })
  .strict()

export type IsCompliantOptions = z.input<typeof optionsSchema> & {
  _internal?: {
    /** Environment read for the default judge model (default `process.env`). */
    env?: Record<string, string | undefined>
    sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
    now?: () => number
  }
}

/** The per-criterion outcome recorded in `details.criteria`. */
export interface CriterionOutcome {
  id: string
  kind: RubricCriterion['kind']
  severity: RubricCriterion['severity']
  status: 'pass' | 'fail' | 'not_applicable' | 'skipped'
  reason: string
  review?: true
  judge?: {
    verdict: string
    score: number
    agreement: number
    votes: { verdict: string; score: number }[]
    /** Where the judge's quote is in the judged data (when verbatim: the text itself is not stored). */
    quoteAt?: { field: string; start: number; end: number }
    /** A quote not found verbatim (a paraphrase), PII- and secret-redacted. */
    quote?: string
  }
}

/** An `Evaluator` whose control owner and controls are always set (from the rubric). */
export interface CompliantEvaluator extends Evaluator {
  owner: string
  controls: string[]
}

/**
 * Check samples against a versioned rubric (Markdown + YAML front matter, see `loadRubric`).
 *
 * - Deterministic criteria run without a model; `judge` criteria go to an LLM judge (structured
 *   output, temperature 0, judged text fenced as data, retries, optional k-vote).
 * - status: `fail` when any criterion fails; else `skipped` when a judge criterion could not run
 *   because no judge model is configured (the reason says how to configure one); else `pass`.
 * - score: mean of the applicable criteria (pass 1, fail 0) weighted by severity (`SEVERITY_WEIGHTS`).
 * - policyId: `<rubric id>/<criterion id>` of the worst failing criterion (highest severity, first in
 *   rubric order on a tie); the rubric id when none fails.
 * - action: `'review'` when a review-on-risk criterion's risk condition holds.
 * - The evaluator's `controls` are the rubric's, `rubric` its VersionRef, and `owner` (also in
 *   `details.owner`) the rubric's control owner.
 * - details: `criteria` (each criterion's status and reason; judge verdicts with score, agreement,
 *   votes, and the quote as a location `quoteAt`, or PII-redacted text when it is not verbatim),
 *   `judge` (model calls and tokens: the cost of judging). The judge's reason is PII- and
 *   secret-redacted.
 */
export function isCompliant({ _internal = {}, ...options }: IsCompliantOptions): CompliantEvaluator {
  const parsed = parseOptions(optionsSchema, options, 'isCompliant')
  const rubric = typeof parsed.rubric === 'string' ? loadRubric(parsed.rubric) : parsed.rubric
  const settings: JudgeSettings = { ...rubric.judge, ...parsed.judge }
  const hasJudgeCriteria = rubric.criteria.some((c) => c.kind === 'judge')
  const model = hasJudgeCriteria ? resolveJudgeModel({ model: parsed.model, modelId: settings.model, env: _internal.env ?? process.env }) : undefined
  const checks = new Map<string, CriterionCheck | undefined>(rubric.criteria.map((c) => [c.id, compileCriterion(c, `${rubric.id}/${c.id}`)]))

  const evaluator = defineEvaluator({
    name: parsed.name,
    version: '1.0.0',
    options: { rubric: rubric.ref, judge: settings, model: describeModel(model) },
    controls: [...rubric.controls],
    rubric: rubric.ref,
    owner: rubric.owner,
    ...(_internal.now ? { _internal: { now: _internal.now } } : {}),
    async evaluate(sample: Sample, ctx: EvalContext) {
      const view = new SampleView(sample)
      const usage: JudgeUsage = { calls: 0, inputTokens: 0, outputTokens: 0 }
      const outcomes: CriterionOutcome[] = []
      const findings: Finding[] = []
      for (const criterion of rubric.criteria) {
        const base = { id: criterion.id, kind: criterion.kind, severity: criterion.severity }
        const check = checks.get(criterion.id)
        if (check) {
          const r = check(view)
          outcomes.push({ ...base, status: r.status, reason: r.reason, ...(r.review ? { review: true as const } : {}) })
          findings.push(...r.findings)
          continue
        }
        if (criterion.kind !== 'judge') continue
        const data: DataSection[] = criterion.fields.flatMap((f) => view.fields(f).filter((d) => d.text.trim() !== '').map((d) => ({ label: d.field, text: d.text })))
        if (data.length === 0) {
          outcomes.push({ ...base, status: 'not_applicable', reason: `nothing to judge: ${criterion.fields.join(', ')} empty` })
          continue
        }
        if (!model) {
          outcomes.push({ ...base, status: 'skipped', reason: JUDGE_CONFIG_HINT })
          continue
        }
        const votes = criterion.votes ?? settings.votes
        const outcome = await judgeCriterion({
          model,
          criterion: criterion.id,
          requirement: criterion.requirement ?? criterion.description,
          data,
          ...(votes !== undefined ? { votes } : {}),
          ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
          ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
          retry: {
            ...(settings.maxRetries !== undefined ? { maxRetries: settings.maxRetries } : {}),
            ...(settings.initialDelayMs !== undefined ? { initialDelayMs: settings.initialDelayMs } : {}),
          },
          ...(ctx.signal ? { signal: ctx.signal } : {}),
          ...(ctx.wrapModel ? { wrapModel: ctx.wrapModel } : {}),
          ...(_internal.sleep ? { _internal: { sleep: _internal.sleep } } : {}),
        })
        usage.calls += outcome.usage.calls
        usage.inputTokens += outcome.usage.inputTokens
        usage.outputTokens += outcome.usage.outputTokens
        const reason = redactModelText(outcome.reason)
        // A quote found verbatim in the judged text is kept as a location only; a paraphrase is redacted text.
        const span = locate(data, outcome.quote)
        outcomes.push({
          ...base,
          status: outcome.verdict,
          reason: `judge: ${reason}`,
          judge: {
            verdict: outcome.verdict,
            score: outcome.score,
            agreement: outcome.agreement,
            votes: outcome.votes,
            ...(span ? { quoteAt: span } : outcome.quote.trim() ? { quote: redactModelText(outcome.quote) } : {}),
          },
        })
        if (outcome.verdict === 'fail') findings.push(judgeFinding(`${rubric.id}/${criterion.id}`, data, span))
      }
      return summarise(rubric, outcomes, findings, hasJudgeCriteria ? usage : undefined)
    },
  })
  return evaluator as CompliantEvaluator
}

function describeModel(model: LanguageModel | undefined): unknown {
  if (model === undefined) return null
  if (typeof model === 'string') return model
  return { provider: model.provider, modelId: model.modelId }
}

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

function summarise(rubric: Rubric, outcomes: CriterionOutcome[], findings: Finding[], usage: JudgeUsage | undefined) {
  const weight = (o: CriterionOutcome) => SEVERITY_WEIGHTS[o.severity]
  const applicable = outcomes.filter((o) => o.status === 'pass' || o.status === 'fail')
  const failed = outcomes.filter((o) => o.status === 'fail')
  const skipped = outcomes.filter((o) => o.status === 'skipped')
  const notApplicable = outcomes.filter((o) => o.status === 'not_applicable')
  const review = outcomes.filter((o) => o.review).map((o) => o.id)
  const total = applicable.reduce((s, o) => s + weight(o), 0)
  const score = total === 0 ? (failed.length ? 0 : 1) : applicable.reduce((s, o) => s + (o.status === 'pass' ? weight(o) : 0), 0) / total
  let worst: CriterionOutcome | undefined
  for (const o of failed) if (!worst || weight(o) > weight(worst)) worst = o
  const status = failed.length ? 'fail' : skipped.length ? 'skipped' : 'pass'
  const parts: string[] = []
  if (status === 'fail') parts.push(`failed ${failed.length} of ${outcomes.length} criteria: ${failed.map((o) => `${o.id} (${o.severity}): ${o.reason}`).join('; ')}`)
  else if (status === 'pass') parts.push(`all ${applicable.length} applicable criteria passed${notApplicable.length ? ` (${notApplicable.length} not applicable)` : ''}`)
  else parts.push(`${applicable.length} criteria passed; ${skipped.length} judge criteria not run (${skipped.map((o) => o.id).join(', ')}): ${JUDGE_CONFIG_HINT}`)
  if (status === 'fail' && skipped.length) parts.push(`${skipped.length} judge criteria not run (no judge model)`)
  if (review.length) parts.push(`human review required (${review.join(', ')})`)
  return {
    status,
    score,
    reason: parts.join('; '),
    findings,
    policyId: worst ? `${rubric.id}/${worst.id}` : rubric.id,
    rubric: rubric.ref,
    ...(review.length ? { action: 'review' as const } : {}),
    details: {
      owner: rubric.owner,
      controls: rubric.controls,
      criteria: outcomes,
      ...(usage ? { judge: usage } : {}),
    },
    ...(usage ? { usage: { judgeCalls: usage.calls, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens } } : {}),
  } as const
}
