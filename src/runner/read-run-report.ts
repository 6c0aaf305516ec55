import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { ReportReadError } from '../core/errors/report-read-error.js'
import { formatPath } from '../core/parse-options.js'
import { modelRefSchema, storedResultSchema, storedSampleSchema, versionRefSchema } from '../evidence/evidence-record.js'
import { REPORT_SCHEMA_VERSION, type RunReport } from './run-report.js'

// The one reader of report.json. Objects are loose (unknown keys kept) so a report written by a
// newer vouch with extra fields still reads; every field vouch relies on is checked.

const versionRef = versionRefSchema
const modelRef = modelRefSchema
const status = z.enum(['pass', 'fail', 'error', 'skipped'])
const count = z.number().int().min(0)
/** A result as in report.json: the stored result plus its duration. */
const evalResult = storedResultSchema.extend({ durationMs: z.number() })

const statusCounts = { total: count, pass: count, fail: count, error: count, skipped: count }
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
const thresholds = {
  maxFailures: z.number().optional(),
  minPassRate: z.number().optional(),
  minMeanScore: z.number().optional(),
  allowErrors: z.boolean().optional(),
  allowSkipped: z.boolean().optional(),
}

const suiteReport = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  prompt: versionRef.optional(),
  model: modelRef.optional(),
  datasets: z.array(z.looseObject({ path: z.string(), sha256: z.string(), rows: count, skippedRows: count })),
  evaluators: z.array(
    z.looseObject({
      name: z.string(),
      version: z.string(),
      configHash: z.string(),
      controls: z.array(z.string()).optional(),
      rubric: versionRef.optional(),
      owner: z.string().optional(),
    }),
  ),
  counts: z.looseObject({ ...statusCounts, cases: count, failedCases: count, scoreSum: z.number().optional() }),
  byEvaluator: z.array(z.looseObject({ ...statusCounts, name: z.string(), version: z.string(), passRate: z.number(), meanScore: z.number(), scoreSum: z.number().optional() })),
  gate: z.looseObject({
    passed: z.boolean(),
    checks: z.array(
      z.looseObject({
        scope: z.string(),
        metric: z.enum(['maxFailures', 'minPassRate', 'minMeanScore', 'nonEmpty', 'noRegressions', 'complete']),
        threshold: z.number(),
        actual: z.number(),
        passed: z.boolean(),
      }),
    ),
  }),
  gatePolicy: z.looseObject({ ...thresholds, evaluators: z.record(z.string(), z.looseObject(thresholds)).optional() }).optional(),
  skippedRows: z.array(z.looseObject({ file: z.string(), line: z.number().optional(), field: z.string().optional(), detail: z.string() })),
  cases: z.array(
    z.looseObject({
      suite: z.string(),
      caseId: z.string(),
      dataset: count,
      row: count,
      line: count,
      model: modelRef.optional(),
      sample: storedSampleSchema.optional(),
      results: z.array(evalResult),
      passed: z.boolean(),
    }),
  ),
  casesOmitted: count,
  regressions: z.array(regression),
  judge: z.looseObject({ calls: count, inputTokens: count, outputTokens: count }).optional(),
  fixed: z.array(regression),
  scoreDeltas: z.array(regression).optional(),
})

const baselineEvaluator = z.looseObject({ suite: z.string(), name: z.string(), version: z.string(), ...statusCounts, passRate: z.number(), meanScore: z.number() })

/** The shape of report.json (schemaVersion 1), as `runEval` and `vouch merge` write it. */
export const runReportSchema = z.looseObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  tool: z.looseObject({ name: z.literal('vouch'), version: z.string() }),
  runId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  complete: z.boolean(),
  error: z.string().optional(),
  verdict: z.enum(['pass', 'fail', 'error']),
  exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  git: z.looseObject({ commit: z.string(), dirty: z.boolean() }).optional(),
  config: z.looseObject({ file: z.string(), sha256: z.string() }),
  cassettes: z.enum(['record', 'replay', 'off']),
  shard: z.looseObject({ index: count, count: count }).optional(),
  shards: z.array(z.looseObject({ index: count, count: count, runId: z.string(), file: z.string(), records: count, lastHash: z.string() })).optional(),
  suites: z.array(suiteReport),
  evidence: z.looseObject({ path: z.string(), lastHash: z.string(), count: count }),
  baseline: z
    .looseObject({
      path: z.string(),
      runId: z.string(),
      regressions: count,
      fixed: count,
      scoreDeltas: count.optional(),
      byEvaluator: z.array(baselineEvaluator).optional(),
    })
    .optional(),
})

/**
 * Read and check a report.json. Errors name the file and the first offending fields (never their
 * values): `reports/x/report.json: suites[0].byEvaluator[2].passRate: expected number`.
 */
export function readRunReport(path: string): RunReport {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new ReportReadError({ file: path, message: code === 'ENOENT' ? 'no such file' : `cannot read (${(error as Error).message})` })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new ReportReadError({ file: path, message: `not valid JSON (${(error as Error).message})` })
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion
  if (json !== null && typeof json === 'object' && version !== undefined && version !== REPORT_SCHEMA_VERSION) {
    throw new ReportReadError({ file: path, message: `report schemaVersion ${String(version)} is not supported (this vouch reads ${REPORT_SCHEMA_VERSION})` })
  }
  const parsed = runReportSchema.safeParse(json)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }))
    const shown = issues.slice(0, 5).map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')
    throw new ReportReadError({ file: path, issues, message: `not a vouch report.json: ${shown}${issues.length > 5 ? `; and ${issues.length - 5} more` : ''}` })
  }
  return parsed.data as unknown as RunReport
}
