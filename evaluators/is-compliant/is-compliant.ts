import type { LanguageModel } from 'ai'
import { z } from 'zod'
import { nothingToCheck } from '../../src/core/nothing-to-check.js'
import { hasText, TEXT_FIELDS } from '../../src/core/sample-texts.js'
import { defineEvaluator } from '../../src/core/define-evaluator.js'
import { parseOptions } from '../../src/core/parse-options.js'
import type { EvalContext, Evaluator, Finding, Sample } from '../../src/core/types.js'
import { judgeDestinationRules } from '../data-privacy/judge-destination.js'
import { defineDataPrivacyPolicy, loadDataPrivacyPolicy, type LoadedDataPrivacyPolicy } from '../data-privacy/load-data-privacy-policy.js'
import type { DataPrivacyPolicyInput } from '../data-privacy/data-privacy-policy-schema.js'
import type { DataSection } from '../judge/fence-data.js'
import { judgeSettingsSchema, type JudgeSettings } from '../judge/judge-settings-schema.js'
import { JUDGE_CONFIG_HINT, resolveJudge } from '../judge/resolve-judge-model.js'
import { addToRecord, criterionJudge, type CriterionOutcome, type JudgeRecord } from './judge-criteria.js'
import { loadRubric, type Rubric } from './load-rubric.js'
import { SEVERITY_WEIGHTS } from './rubric-schema.js'
import { compileCriterion } from './rules/compile-criterion.js'
import type { CriterionCheck } from './rules/criterion-check.js'
import { SampleView } from './sample-view.js'

export type { CriterionOutcome, JudgeRecord } from './judge-criteria.js'

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
     * A data-privacy policy (path, object or loaded) that governs the judge as a destination: the
     * judge must be in its inventory, and with `judge.redaction: none` only the classes its
     * `destinations` allow for the judge are sent unredacted.
     */
    dataPolicy: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).optional(),
    /**
     * The evaluator's name (default `is-compliant`). Results, gates and evidence are keyed by name,
     * so give each rubric its own name to run several in one suite, e.g. `is-compliant-refunds`.
     */
    name: z.string().regex(/^is-compliant(-[a-z0-9]+)*$/, 'must be "is-compliant" or start with "is-compliant-" (kebab-case)').default('is-compliant'),
  })
  .strict()

export type IsCompliantOptions = Omit<z.input<typeof optionsSchema>, 'dataPolicy'> & {
  dataPolicy?: string | DataPrivacyPolicyInput | LoadedDataPrivacyPolicy
} & {
  _internal?: {
    /** Environment read for the default judge model (default `process.env`). */
    env?: Record<string, string | undefined>
    sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
    now?: () => number
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
 *   output, temperature 0, judged text fenced as data, retries, optional k-vote; see docs/judge.md).
 * - The judge is a data destination: PII and secrets in the judged text are replaced by consistent
 *   pseudonyms before the call (`<EMAIL_ADDRESS_1>`), unless the rubric sets `judge.redaction: none`;
 *   with `dataPolicy`, the judge must be in the policy's inventory and only the classes the policy
 *   allows for it go unredacted.
 * - status: `fail` when any criterion fails (a judge error never hides it); else `error` when a
 *   judge criterion got no usable verdict (that criterion is `error` with the code, the schema
 *   problem and the model's redacted answer; every other criterion keeps its verdict); else
 *   `skipped` when a judge criterion could not run because no judge is configured (the reason says
 *   how to configure one; `vouch eval --replay` answers from cassettes without one); else `pass`.
 * - score: mean of the applicable criteria (pass 1, fail 0) weighted by severity (`SEVERITY_WEIGHTS`).
 * - policyId: `<rubric id>/<criterion id>` of the worst failing criterion (highest severity, first in
 *   rubric order on a tie); the rubric id when none fails.
 * - action: `'review'` when a review-on-risk criterion's risk condition holds.
 * - The evaluator's `controls` are the rubric's, `rubric` its VersionRef, and `owner` (also in
 *   `details.owner`) the rubric's control owner.
 * - details: `criteria` (each criterion's status and reason; judge verdicts with score, agreement,
 *   votes, the number of values pseudonymised, and the quote as a location `quoteAt` in the original
 *   text, or redacted text when it is not verbatim), `judge` (`JudgeRecord`: provider, model id, API
 *   flavour, endpoint host, temperature, prompt template hash, votes, what was pseudonymised or sent
 *   raw, calls and tokens, criteria skipped / errored). The judge's reason is PII- and secret-redacted.
 */
export function isCompliant({ _internal = {}, ...options }: IsCompliantOptions): CompliantEvaluator {
  const parsed = parseOptions(optionsSchema, options, 'isCompliant')
  const rubric = typeof parsed.rubric === 'string' ? loadRubric(parsed.rubric) : parsed.rubric
  const settings: JudgeSettings = { ...rubric.judge, ...parsed.judge }
  const hasJudgeCriteria = rubric.criteria.some((c) => c.kind === 'judge')
  const resolved = hasJudgeCriteria ? resolveJudge({ model: parsed.model, modelId: settings.model, env: _internal.env ?? process.env }) : undefined
  const policy = parsed.dataPolicy === undefined ? undefined : toPolicy(parsed.dataPolicy)
  const judge = resolved ? criterionJudge({ resolved, settings, rules: policy ? judgeDestinationRules(policy, resolved.info) : undefined, sleep: _internal.sleep }) : undefined
  const checks = new Map<string, CriterionCheck | undefined>(rubric.criteria.map((c) => [c.id, compileCriterion(c, `${rubric.id}/${c.id}`)]))

  const evaluator = defineEvaluator({
    name: parsed.name,
    version: '1.1.0',
    options: { rubric: rubric.ref, judge: settings, model: resolved ? { provider: resolved.info.provider, modelId: resolved.info.modelId } : null, ...(policy ? { dataPolicy: policy.ref } : {}) },
    controls: [...rubric.controls],
    rubric: rubric.ref,
    owner: rubric.owner,
    ...(_internal.now ? { _internal: { now: _internal.now } } : {}),
    async evaluate(sample: Sample, ctx: EvalContext) {
      if (!hasText(sample, TEXT_FIELDS)) return { ...nothingToCheck('no text in input, output, context or tool calls', { owner: rubric.owner, controls: rubric.controls }), policyId: rubric.id }
      const view = new SampleView(sample)
      const record = judge?.record()
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
        if (criterion.kind !== 'judge' || !judge || !record) continue
        const data: DataSection[] = criterion.fields.flatMap((f) => view.fields(f).filter((d) => d.text.trim() !== '').map((d) => ({ label: d.field, text: d.text })))
        if (data.length === 0) {
          outcomes.push({ ...base, status: 'not_applicable', reason: `nothing to judge: ${criterion.fields.join(', ')} empty` })
          continue
        }
        const judged = await judge.judge(criterion, data, `${rubric.id}/${criterion.id}`, ctx)
        addToRecord(record, judged)
        outcomes.push(judged.outcome)
        if (judged.finding) findings.push(judged.finding)
      }
      return summarise(rubric, outcomes, findings, record)
    },
  })
  return evaluator as CompliantEvaluator
}

function toPolicy(given: string | Record<string, unknown>): LoadedDataPrivacyPolicy {
  if (typeof given === 'string') return loadDataPrivacyPolicy(given)
  const loaded = given as Partial<LoadedDataPrivacyPolicy>
  if (typeof loaded.ref?.sha256 === 'string' && Array.isArray(loaded.inventory)) return loaded as LoadedDataPrivacyPolicy
  return defineDataPrivacyPolicy(given as DataPrivacyPolicyInput, 'isCompliant.dataPolicy')
}

function summarise(rubric: Rubric, outcomes: CriterionOutcome[], findings: Finding[], judge: JudgeRecord | undefined) {
  const weight = (o: CriterionOutcome) => SEVERITY_WEIGHTS[o.severity]
  const applicable = outcomes.filter((o) => o.status === 'pass' || o.status === 'fail')
  const failed = outcomes.filter((o) => o.status === 'fail')
  const errors = outcomes.filter((o) => o.status === 'error')
  const skipped = outcomes.filter((o) => o.status === 'skipped')
  const notApplicable = outcomes.filter((o) => o.status === 'not_applicable')
  const review = outcomes.filter((o) => o.review).map((o) => o.id)
  const total = applicable.reduce((s, o) => s + weight(o), 0)
  const score = total === 0 ? (failed.length ? 0 : 1) : applicable.reduce((s, o) => s + (o.status === 'pass' ? weight(o) : 0), 0) / total
  let worst: CriterionOutcome | undefined
  for (const o of failed) if (!worst || weight(o) > weight(worst)) worst = o
  // A failed rule outranks a judge error: the failure is a verdict, and it stays visible.
  const status = failed.length ? 'fail' : errors.length ? 'error' : skipped.length ? 'skipped' : 'pass'
  const parts: string[] = []
  if (status === 'fail') parts.push(`failed ${failed.length} of ${outcomes.length} criteria: ${failed.map((o) => `${o.id} (${o.severity}): ${o.reason}`).join('; ')}`)
  else if (status === 'pass') parts.push(`all ${applicable.length} applicable criteria passed${notApplicable.length ? ` (${notApplicable.length} not applicable)` : ''}`)
  else if (status === 'error') parts.push(`${applicable.length} criteria decided (all passed); no verdict for ${errors.map((o) => `${o.id}: ${o.reason}`).join('; ')}`)
  else parts.push(`${applicable.length} criteria passed; ${skipped.length} judge criteria not run (${skipped.map((o) => o.id).join(', ')}): ${JUDGE_CONFIG_HINT}`)
  if (status === 'fail' && errors.length) parts.push(`no judge verdict for ${errors.map((o) => o.id).join(', ')}`)
  if (status !== 'skipped' && skipped.length) parts.push(`${skipped.length} judge criteria not run (no judge model)`)
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
      ...(judge ? { judge } : {}),
    },
    ...(judge ? { usage: { judgeCalls: judge.calls, inputTokens: judge.inputTokens, outputTokens: judge.outputTokens } } : {}),
  } as const
}
