import { z } from 'zod'
import { storedResultSchema, versionRefSchema, type EvidenceEntry } from './evidence-record.js'

/**
 * Record format 3 stores what every record of a run repeats once, as the run context, and each
 * record's own members beside a reference to it (see docs/evidence.md). This file is the one place
 * that splits an entry into the two (`compactEntry`, writers) and joins them again (`expandEntry`,
 * readers); the split is lossless: `expandEntry(context, compactEntry(entry).own)` gives the entry back.
 */

/** A context is stored inline again after this many records even when unchanged, so retention that erases the record holding it orphans at most this many. */
export const CONTEXT_REPEAT = 1000

/** Members every record of a run (or a guardrail route) shares. */
const BASE_KEYS = ['runId', 'suite', 'route', 'prompt', 'git'] as const
const BASE_KEY_SET: ReadonlySet<string> = new Set(BASE_KEYS)

/** What the context says about one evaluator (by name). */
export const evaluatorContextSchema = z
  .object({
    evaluator: z.object({ version: z.string(), configHash: z.string() }).catchall(z.unknown()),
    controls: z.array(z.string()).optional(),
    owner: z.string().optional(),
    /** The record's rubric when its result names none (the evaluator's own rubric). */
    rubric: versionRefSchema.optional(),
  })
  .strict()

export const recordContextSchema = z
  .object({
    runId: z.string().optional(),
    suite: z.string().optional(),
    route: z.string().optional(),
    prompt: versionRefSchema.optional(),
    git: z.object({ commit: z.string(), dirty: z.boolean() }).optional(),
    dataset: z.object({ path: z.string(), sha256: z.string() }).catchall(z.unknown()).optional(),
    evaluators: z.record(z.string(), evaluatorContextSchema),
  })
  .strict()

export type EvaluatorContext = z.infer<typeof evaluatorContextSchema>
export type RecordContext = z.infer<typeof recordContextSchema>

/** A format 3 record's own members (besides `context`, `contextHash`, `sample`, `sampleHash`). */
export const ownMembersSchema = z
  .object({
    caseId: z.string().optional(),
    requestId: z.string().optional(),
    /** The dataset row (the dataset's path and hash are in the context). */
    row: z.number().int().nonnegative().optional(),
    model: z.object({ provider: z.string(), id: z.string(), region: z.string().optional() }).optional(),
    /** The evaluator's name; its version, config hash, controls and owner are in the context. */
    evaluator: z.string(),
    /** The result; `evaluator` and `version` are left out when they are the evaluator's, `passed` when it is `status === 'pass'`, `findings` when none. */
    result: storedResultSchema.partial({ evaluator: true, version: true, passed: true, findings: true }),
    /** Present when the result names its own rubric (then this is the record's rubric). */
    rubric: versionRefSchema.optional(),
    action: z.enum(['allow', 'block', 'redact', 'fallback', 'flag']).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .catchall(z.unknown())

export type OwnMembers = z.infer<typeof ownMembersSchema>

type Entry = Omit<EvidenceEntry, 'ts' | 'sample'>

/** Members of an entry that `compactEntry` does not copy as they are: handled on their own, or not part of a payload. */
const SPLIT_KEYS: ReadonlySet<string> = new Set(['dataset', 'evaluator', 'result', 'controls', 'owner', 'rubric', 'ts', 'sample', 'hash', 'seq', 'prevHash'])

/**
 * Splits an entry into the context's base members, its evaluator's context, and its own members;
 * `ts`, `sample` and chain members (`hash`, `seq`, `prevHash`) are left out. The entry is read
 * key by key (no rest copies: this runs for every record written).
 */
export function compactEntry(entry: Entry | EvidenceEntry): { base: Omit<RecordContext, 'evaluators'>; evaluator: { name: string; context: EvaluatorContext }; own: Record<string, unknown> } {
  const { dataset, evaluator, result, controls, owner, rubric } = entry
  const base: Record<string, unknown> = {}
  const own: Record<string, unknown> = {}
  for (const key in entry) {
    if (SPLIT_KEYS.has(key) || !Object.hasOwn(entry, key)) continue
    const value = (entry as Record<string, unknown>)[key]
    if (value === undefined) continue
    if (BASE_KEY_SET.has(key)) base[key] = value
    else own[key] = value
  }
  if (dataset) {
    const { row, ...where } = dataset
    base.dataset = where
    own.row = row
  }
  const { name, ...described } = evaluator
  const resultNamesRubric = result.rubric !== undefined
  const context: EvaluatorContext = {
    evaluator: described,
    ...(controls !== undefined ? { controls } : {}),
    ...(owner !== undefined ? { owner } : {}),
    ...(!resultNamesRubric && rubric !== undefined ? { rubric } : {}),
  }
  if (resultNamesRubric && rubric !== undefined) own.rubric = rubric
  own.evaluator = name
  const { evaluator: resultEvaluator, version: resultVersion, passed, findings, ...resultRest } = result
  own.result = {
    ...(resultEvaluator !== name ? { evaluator: resultEvaluator } : {}),
    ...(resultVersion !== described.version ? { version: resultVersion } : {}),
    ...(passed !== (result.status === 'pass') ? { passed } : {}),
    ...(findings.length > 0 ? { findings } : {}),
    ...resultRest,
  }
  return { base: base as Omit<RecordContext, 'evaluators'>, evaluator: { name, context }, own }
}

/**
 * Joins a context and a record's own members into the entry (without ts and sample) as a format 2
 * record held it. Without a context (the record holding it was erased) the record keeps its own
 * members, and the evaluator's version and config hash read `unknown`.
 */
export function expandEntry(context: RecordContext | undefined, own: OwnMembers): Entry {
  const { row, evaluator: name, result, rubric: ownRubric, ...others } = own
  const ev = context?.evaluators[name]
  const { evaluators: _evaluators, dataset, ...base } = context ?? { evaluators: {} }
  const described = ev?.evaluator ?? { version: 'unknown', configHash: 'unknown' }
  const rubric = ownRubric ?? ev?.rubric
  return {
    ...base,
    ...others,
    ...(rubric !== undefined ? { rubric } : {}),
    ...(ev?.owner !== undefined ? { owner: ev.owner } : {}),
    ...(ev?.controls !== undefined ? { controls: ev.controls } : {}),
    ...(dataset && row !== undefined ? { dataset: { ...dataset, row } } : {}),
    evaluator: { name, ...described },
    result: { evaluator: name, version: described.version, passed: result.status === 'pass', findings: [], ...result },
  } as Entry
}
