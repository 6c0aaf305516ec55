import { z } from 'zod'
import { judgeSettingsSchema } from '../judge/judge-settings-schema.js'
import { checkSafePattern } from './safe-pattern.js'

/**
 * Severity of a criterion and its weight in the rubric score (a weighted mean of the criteria that
 * applied): low 1, medium 2, high 4, critical 8 — each level counts twice the one below, so one
 * failed critical criterion outweighs failed low, medium and high ones together.
 */
export const SEVERITY_WEIGHTS = { low: 1, medium: 2, high: 4, critical: 8 } as const
export type Severity = keyof typeof SEVERITY_WEIGHTS
const severitySchema = z.enum(Object.keys(SEVERITY_WEIGHTS) as [Severity, ...Severity[]])

const idSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lowercase letters, digits, ".", "_" or "-", starting with a letter or digit')

/** A SOC 2 Trust Services Criteria id: CC1.1–CC9.9, A1.x, C1.x, PI1.x, P1.x–P8.x. */
export const controlIdSchema = z.string().regex(/^(CC[1-9]|A1|C1|PI1|P[1-8])\.[0-9]{1,2}$/, 'must be a SOC 2 criterion such as CC6.1, PI1.3, C1.1 or P4.2')

const jsonPathSchema = z.string().regex(/^\$/, 'must be a JSON path starting with "$", e.g. $.reply')
const textFieldSchema = z.enum(['input', 'output', 'context'])
const scalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()])

/** Where a rule looks: a sample field and, when that field holds JSON, a path into it (plain text is judged whole). */
const targetShape = {
  field: textFieldSchema.default('output'),
  path: jsonPathSchema.optional(),
}

/** A pattern from a rubric: checked by `checkSafePattern` (bounded repetition only, see there). */
const patternShape = {
  pattern: z.string().min(1).max(1000),
  flags: z.string().regex(/^[imsu]*$/, 'flags may only be i, m, s and u').optional(),
}

/** Refinement: a `pattern` (with its `flags`) must pass `checkSafePattern`; the issue points at `pattern`. */
function safePattern(value: { pattern?: string | undefined; flags?: string | undefined }, ctx: z.RefinementCtx): void {
  if (value.pattern === undefined) return
  const problem = checkSafePattern(value.pattern, value.flags)
  if (problem) ctx.addIssue({ code: 'custom', path: ['pattern'], message: problem })
}

/** One test on a sample. Give exactly one of keywords, pattern, equals, in, gt/gte/lt/lte, exists. */
export const conditionTestSchema = z
  .object({
    field: z.enum(['input', 'output', 'context', 'metadata']).default('output'),
    path: jsonPathSchema.optional(),
    /** Case-insensitive words or phrases, matched on word boundaries. */
    keywords: z.array(z.string().min(1).max(200)).min(1).optional(),
    pattern: patternShape.pattern.optional(),
    flags: patternShape.flags,
    equals: scalarSchema.optional(),
    in: z.array(scalarSchema).min(1).optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    exists: z.boolean().optional(),
  })
  .strict()
  .refine(
    (t) =>
      [t.keywords, t.pattern, t.equals, t.in, t.exists, t.gt ?? t.gte ?? t.lt ?? t.lte].filter((v) => v !== undefined).length === 1,
    { message: 'give exactly one test: keywords, pattern, equals, in, exists, or gt/gte/lt/lte' },
  )
  .superRefine(safePattern)

/** `any` (default style) holds when one test holds; `all` when every test holds. */
export const conditionSchema = z
  .object({ any: z.array(conditionTestSchema).min(1).optional(), all: z.array(conditionTestSchema).min(1).optional() })
  .strict()
  .refine((c) => (c.any === undefined) !== (c.all === undefined), { message: 'give either `any` or `all`' })

const base = {
  id: idSchema,
  severity: severitySchema,
  description: z.string().min(1),
}

export const criterionSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('must-match'), ...targetShape, ...patternShape }).strict().superRefine(safePattern),
  z.object({ ...base, kind: z.literal('must-not-match'), ...targetShape, ...patternShape }).strict().superRefine(safePattern),
  z
    .object({
      ...base,
      kind: z.literal('no-pii'),
      field: textFieldSchema.default('output'),
      /** Presidio entity names, e.g. CREDIT_CARD, US_SSN. */
      entities: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'use an entity name such as CREDIT_CARD')).min(1),
      minScore: z.number().min(0).max(1).default(0.5),
    })
    .strict(),
  z
    .object({
      ...base,
      kind: z.literal('required-disclaimer'),
      ...targetShape,
      /** The disclaimer, matched literally, ignoring case, whitespace runs and curly quotes. */
      text: z.string().min(1).max(2000),
      /** Only required when this holds (otherwise the criterion is not applicable). */
      when: conditionSchema.optional(),
    })
    .strict(),
  z
    .object({
      ...base,
      kind: z.literal('max-length'),
      ...targetShape,
      max: z.number().int().positive(),
      unit: z.enum(['characters', 'words']).default('characters'),
    })
    .strict(),
  z
    .object({
      ...base,
      kind: z.literal('refuse-on-topic'),
      /** Where the topic is detected. */
      topicField: z.enum(['input', 'output', 'context']).default('input'),
      topics: z
        .array(z.object({ name: idSchema, keywords: z.array(z.string().min(1).max(200)).min(1) }).strict())
        .min(1),
      /** Where the refusal must appear (see `isRefusal`). */
      ...targetShape,
      /** Phrases that make an answer a refusal; replaces the built-in list. */
      refusalPhrases: z.array(z.string().min(1).max(200)).min(1).optional(),
      /** Structured refusal (e.g. `$.category` equals "refused"); an answer matching it is a refusal too. */
      refusalWhen: conditionSchema.optional(),
    })
    .strict(),
  z
    .object({
      ...base,
      kind: z.literal('review-on-risk'),
      /** The risk condition: when it holds, the result carries `action: 'review'`. */
      when: conditionSchema,
      /** Optional: how the answer shows it routed to a human (e.g. `$.escalate` equals true); failing it fails the criterion. */
      routed: conditionSchema.optional(),
    })
    .strict(),
  z
    .object({
      ...base,
      kind: z.literal('judge'),
      /** The requirement as the judge reads it (defaults to the description). */
      requirement: z.string().min(1).optional(),
      /** Sample fields shown to the judge, fenced as data. */
      fields: z.array(textFieldSchema).min(1).default(['input', 'output']),
      votes: z.number().int().min(1).max(9).optional(),
    })
    .strict(),
])

export const rubricSchema = z
  .object({
    id: idSchema,
    version: z.string().regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, 'must be semver, e.g. 1.0.0'),
    /** The control owner: a person or team, e.g. "compliance@acme.example". */
    owner: z.string().min(1),
    controls: z.array(controlIdSchema).min(1),
    title: z.string().optional(),
    judge: judgeSettingsSchema.optional(),
    criteria: z.array(criterionSchema).min(1),
  })
  .strict()
  .superRefine((rubric, ctx) => {
    const seen = new Set<string>()
    rubric.criteria.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'id'], message: `duplicate criterion id "${c.id}"` })
      seen.add(c.id)
    })
  })

export type RubricCriterion = z.output<typeof criterionSchema>
export type RubricCriterionKind = RubricCriterion['kind']
export type RubricCondition = z.output<typeof conditionSchema>
export type RubricConditionTest = z.output<typeof conditionTestSchema>
/** The front matter of a rubric file, validated. */
export type RubricDefinition = z.output<typeof rubricSchema>
/** What a rubric may be written as (defaults not yet applied). */
export type RubricInput = z.input<typeof rubricSchema>
