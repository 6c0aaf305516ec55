import { z } from 'zod'
import { isSampleFieldKey, SAMPLE_FIELD_KEYS_TEXT } from '../dataset/sample-mapping.js'
import type { Evaluator, ModelRef, Sample, ToolCall, VersionRef } from '../core/types.js'

/** What a task returns: the output text, or the output with the tool calls and model that produced it. */
export type TaskOutput = string | { output: string; toolCalls?: ToolCall[]; model?: ModelRef }

export interface TaskContext {
  /** Wrap every AI SDK model the task calls: applies the run's record/replay cassettes. */
  wrapModel: <M>(model: M) => M
  signal: AbortSignal
  /** The suite's prompt, when it has one (render it with `prompt.render(vars)`). */
  prompt?: VersionRef & { template?: string; render?: (variables?: Record<string, unknown>) => string }
}

/** The app under test: turns a sample's input into output (may call an AI SDK model through `ctx.wrapModel`). */
export type TaskFn = (sample: Sample, ctx: TaskContext) => Promise<TaskOutput> | TaskOutput

const kebab = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and "-"')
const rate = z.number().min(0).max(1)

const thresholdsSchema = z
  .object({
    /** Most failing results allowed. */
    maxFailures: z.number().int().nonnegative().optional(),
    /** Least share of passing results, in [0, 1]. */
    minPassRate: rate.optional(),
    /** Least mean score, in [0, 1]. */
    minMeanScore: rate.optional(),
    /** Count `error` results as neutral instead of failures. */
    allowErrors: z.boolean().optional(),
    /** Count `skipped` results as neutral instead of failures. */
    allowSkipped: z.boolean().optional(),
  })
  .strict()

export const gateSchema = thresholdsSchema
  .extend({
    /** Thresholds for one evaluator's results, by evaluator name. */
    evaluators: z.record(z.string(), thresholdsSchema).optional(),
  })
  .strict()

export const datasetSpecSchema = z
  .object({
    path: z.string().min(1),
    format: z.enum(['csv', 'jsonl']).optional(),
    columns: z.record(z.string().refine(isSampleFieldKey, `must be a Sample field: ${SAMPLE_FIELD_KEYS_TEXT}`), z.string().min(1)).optional(),
    required: z.array(z.string().refine(isSampleFieldKey, `must be a Sample field: ${SAMPLE_FIELD_KEYS_TEXT}`)).optional(),
    onBadRow: z.enum(['stop', 'skip']).optional(),
  })
  .strict()

const evaluatorSchema = z.custom<Evaluator>(
  (v) =>
    v !== null &&
    typeof v === 'object' &&
    typeof (v as Evaluator).name === 'string' &&
    typeof (v as Evaluator).version === 'string' &&
    typeof (v as Evaluator).evaluate === 'function',
  'must be an evaluator (an object with name, version and evaluate(), e.g. from outputRange() or defineEvaluator())',
)

const versionRefSchema = z.custom<VersionRef & { template?: string }>(
  (v) =>
    v !== null &&
    typeof v === 'object' &&
    typeof (v as VersionRef).id === 'string' &&
    typeof (v as VersionRef).version === 'string' &&
    typeof (v as VersionRef).sha256 === 'string',
  'must be a versioned reference { id, version, sha256 } — use definePrompt()',
)

const modelSchema = z.union([
  z.string().regex(/^[^:\s]+:\S+$/, 'write a model as "provider:model-id"'),
  z.object({ provider: z.string(), id: z.string(), region: z.string().optional() }).strict(),
  z.custom<{ provider: string; modelId: string }>(
    (v) => v !== null && typeof v === 'object' && typeof (v as { modelId?: unknown }).modelId === 'string',
    'must be "provider:model-id", { provider, id } or an AI SDK model',
  ),
])

export const suiteSchema = z
  .object({
    name: kebab,
    description: z.string().optional(),
    /** One dataset or several, as paths (relative to the config file) or specs. */
    dataset: z.union([z.string().min(1), datasetSpecSchema, z.array(z.union([z.string().min(1), datasetSpecSchema])).min(1)]),
    prompt: versionRefSchema.optional(),
    /** The model the app uses, recorded in every result (a sample's own `model` column wins). */
    model: modelSchema.optional(),
    /** `recorded` (default): judge the dataset's `output` column. Or a function producing the output. */
    task: z.union([z.literal('recorded'), z.custom<TaskFn>((v) => typeof v === 'function', 'must be "recorded" or a function')]).default('recorded'),
    evaluators: z
      .array(evaluatorSchema)
      .min(1, 'a suite needs at least one evaluator')
      .superRefine((evaluators, ctx) => {
        // Results, gates and evidence are keyed by evaluator name: two of the same name would merge.
        const seen = new Map<string, number>()
        evaluators.forEach((e, i) => {
          const first = seen.get(e.name)
          if (first !== undefined) {
            ctx.addIssue({ code: 'custom', path: [i], message: `a second evaluator named "${e.name}" (the first is evaluators[${first}]); names must be unique within a suite — put the other one in its own suite` })
          }
          seen.set(e.name, i)
        })
      }),
    gate: gateSchema.default({}),
    /** Per-evaluator time budget; a slower evaluator gives an `error` result. */
    timeoutMs: z.number().int().positive().default(30_000),
    taskTimeoutMs: z.number().int().positive().default(120_000),
    concurrency: z.number().int().min(1).max(1024).optional(),
    onBadRow: z.enum(['stop', 'skip']).optional(),
    /** Where record/replay cassettes live (default: `cassettes/` beside the suite's first dataset). */
    cassettes: z.string().optional(),
    tags: z.array(z.string()).optional(),
    /** Run this suite only when named with --suite (demos, slow suites). */
    manual: z.boolean().default(false),
  })
  .strict()

export const configSchema = z
  .object({
    suites: z
      .array(suiteSchema)
      .min(1, 'define at least one suite')
      .superRefine((suites, ctx) => {
        const seen = new Set<string>()
        suites.forEach((s, i) => {
          if (seen.has(s.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate suite name "${s.name}"` })
          seen.add(s.name)
        })
      }),
    outDir: z.string().default('reports'),
    concurrency: z.number().int().min(1).max(1024).default(8),
    reporters: z.array(z.string()).optional(),
    /** A judge criterion that did not run (no judge model, no cassette) fails the gate, even with `allowSkipped` (also `--require-judge`). */
    requireJudge: z.boolean().default(false),
    evidence: z
      .object({
        /** How judged text is stored in evidence: salted-hash pseudonyms (default), raw (opt-in), or not at all. */
        storage: z.enum(['redacted', 'raw', 'none']).default('redacted'),
        salt: z.string().min(16, 'use a salt of at least 16 characters').optional(),
      })
      .strict()
      .default({ storage: 'redacted' }),
    /** Signed checkpoints: `key` is an Ed25519 private key file (`vouch keygen`); VOUCH_SIGNING_KEY overrides it. */
    signing: z.object({ key: z.string().min(1) }).strict().optional(),
  })
  .strict()

export type VouchConfigInput = z.input<typeof configSchema>
export type VouchConfig = z.output<typeof configSchema>
export type SuiteConfig = z.output<typeof suiteSchema>
export type GateConfig = z.output<typeof gateSchema>
export type GateThresholds = z.output<typeof thresholdsSchema>
export type DatasetSpecInput = z.input<typeof datasetSpecSchema>
