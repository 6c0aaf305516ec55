import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { formatPath } from '../core/parse-options.js'
import { modelRefSchema, storedResultSchema, storedSampleSchema, versionRefSchema } from '../evidence/evidence-record.js'
import { REPORT_SCHEMA_VERSION, type RunReport } from './run-report.js'
import { RunReportError } from './run-report-error.js'

// The one schema of report.json (see run-report.ts for the documented types). Objects are loose:
// a newer vouch may add fields an older reader does not know, and that is not an error; a field
// this reader relies on that is missing or of the wrong type is.

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 hex')
const status = z.enum(['pass', 'fail', 'error', 'skipped'])
const counts = { total: z.number(), pass: z.number(), fail: z.number(), error: z.number(), skipped: z.number() }
const thresholds = {
  maxFailures: z.number().optional(),
  minPassRate: z.number().optional(),
  minMeanScore: z.number().optional(),
  allowErrors: z.boolean().optional(),
  allowSkipped: z.boolean().optional(),
}
const regression = z.looseObject({
  suite: z.string(),
  caseId: z.string(),
  evaluator: z.string(),
  before: status,
  after: status,
  scoreBefore: z.number(),
  scoreAfter: z.number(),
  reason: z.string(),
})

/** The `evidence` section: the run's log, its last hash and record count (or, merged, the manifest's sha256). */
export const runReportEvidenceSchema = z.looseObject({ path: z.string().min(1), lastHash: sha256Hex, count: z.number().int().nonnegative() })

const caseRecord = z.looseObject({
  suite: z.string(),
  caseId: z.string(),
  dataset: z.number(),
  row: z.number(),
  line: z.number(),
  model: modelRefSchema.optional(),
  sample: storedSampleSchema.optional(),
  results: z.array(storedResultSchema.loose().extend({ durationMs: z.number().optional() })),
  passed: z.boolean(),
})

const suiteReport = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  prompt: versionRefSchema.optional(),
  model: modelRefSchema.optional(),
  datasets: z.array(z.looseObject({ path: z.string(), sha256: z.string(), rows: z.number(), skippedRows: z.number() })),
  evaluators: z.array(
    z.looseObject({ name: z.string(), version: z.string(), configHash: z.string(), controls: z.array(z.string()).optional(), rubric: versionRefSchema.optional(), owner: z.string().optional() }),
  ),
  counts: z.looseObject({ ...counts, cases: z.number(), failedCases: z.number(), scoreSum: z.number().optional() }),
  byEvaluator: z.array(z.looseObject({ ...counts, name: z.string(), version: z.string(), passRate: z.number(), meanScore: z.number(), scoreSum: z.number().optional() })),
  gate: z.looseObject({
    passed: z.boolean(),
    checks: z.array(z.looseObject({ scope: z.string(), metric: z.string(), threshold: z.number(), actual: z.number(), passed: z.boolean() })),
  }),
  gatePolicy: z.looseObject({ ...thresholds, evaluators: z.record(z.string(), z.looseObject(thresholds)).optional() }).optional(),
  skippedRows: z.array(z.looseObject({ file: z.string(), line: z.number().optional(), field: z.string().optional(), detail: z.string() })),
  cases: z.array(caseRecord),
  casesOmitted: z.number(),
  regressions: z.array(regression),
  judge: z.looseObject({ calls: z.number(), inputTokens: z.number(), outputTokens: z.number() }).optional(),
  fixed: z.array(regression),
  scoreDeltas: z.array(regression).optional(),
})

/** report.json as `vouch eval` and `vouch merge` write it (schema version {@link REPORT_SCHEMA_VERSION}). */
export const runReportSchema = z.looseObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION, { error: `must be ${REPORT_SCHEMA_VERSION} (a report of another vouch schema version)` }),
  tool: z.looseObject({ name: z.literal('vouch'), version: z.string() }),
  runId: z.string().min(1),
  startedAt: z.string(),
  finishedAt: z.string(),
  complete: z.boolean(),
  error: z.string().optional(),
  verdict: z.enum(['pass', 'fail', 'error']),
  exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  git: z.looseObject({ commit: z.string(), dirty: z.boolean() }).optional(),
  config: z.looseObject({ file: z.string(), sha256: z.string() }),
  cassettes: z.enum(['record', 'replay', 'off']),
  shard: z.looseObject({ index: z.number().int().nonnegative(), count: z.number().int().positive() }).optional(),
  selection: z
    .looseObject({ filter: z.array(z.string()).optional(), limit: z.number().optional(), maxFailures: z.number().optional(), filteredOut: z.number(), stoppedEarly: z.looseObject({ suite: z.string(), failedCases: z.number() }).optional() })
    .optional(),
  shards: z
    .array(z.looseObject({ index: z.number(), count: z.number(), runId: z.string(), file: z.string(), records: z.number(), lastHash: sha256Hex }))
    .optional(),
  suites: z.array(suiteReport),
  evidence: runReportEvidenceSchema,
  baseline: z.looseObject({ path: z.string(), runId: z.string(), regressions: z.number(), fixed: z.number(), scoreDeltas: z.number().optional() }).optional(),
})

/** A report.json read and checked, with its bytes (a merge pins each shard's report by its sha256). */
export interface ReadRunReportResult {
  report: RunReport
  bytes: Buffer
}

/**
 * Read and validate a report.json. Throws `RunReportError` with `problem` `missing`,
 * `invalid_json` or `invalid_report` (the issues name each field, never its value).
 */
export function readRunReport(path: string): RunReport {
  return readRunReportWithBytes(path).report
}

/** `readRunReport`, also returning the file's bytes. */
export function readRunReportWithBytes(path: string): ReadRunReportResult {
  const { value, bytes } = readJson(path)
  validate(runReportSchema, value, path)
  // The checked value itself, not zod's copy: nested parts a newer writer added are kept verbatim.
  return { report: value as RunReport, bytes }
}

/**
 * Only the `evidence` section of a report.json (what `vouch verify` checks a log against); the rest
 * of the file is not required, so a hand-written `{ "evidence": { ... } }` is accepted. Undefined
 * when the file has no `evidence` section.
 */
export function readRunReportEvidence(path: string): RunReport['evidence'] | undefined {
  const { value } = readJson(path)
  return validate(z.looseObject({ evidence: runReportEvidenceSchema.optional() }), value, path).evidence
}

function readJson(path: string): { value: unknown; bytes: Buffer } {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    throw new RunReportError({ problem: 'missing', file: path, detail: missing ? 'file not found' : `cannot read the file (${(error as Error).message})`, cause: error })
  }
  try {
    return { value: JSON.parse(bytes.toString('utf8')), bytes }
  } catch (error) {
    throw new RunReportError({ problem: 'invalid_json', file: path, detail: `not valid JSON (${(error as Error).message})`, cause: error })
  }
}

function validate<S extends z.ZodType>(schema: S, value: unknown, path: string): z.output<S> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }))
  const shown = issues.slice(0, 3).map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion
  throw new RunReportError({
    problem: 'invalid_report',
    file: path,
    detail: `not a vouch report.json (schemaVersion ${String(version)}, expected ${REPORT_SCHEMA_VERSION}): ${shown}${issues.length > 3 ? ` (+${issues.length - 3} more)` : ''}`,
    issues,
  })
}
