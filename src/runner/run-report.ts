import type { EvalResult, EvalStatus, ModelRef, VersionRef } from '../core/types.js'
import type { EvaluatorDescription } from '../evidence/build-evidence-entry.js'
import type { StoredSample } from '../evidence/evidence-record.js'
import type { SelectionInfo } from './case-selector.js'

/** Bumped on any incompatible change to report.json. */
export const REPORT_SCHEMA_VERSION = 1

/** An evaluator as the report lists it: name, version, config hash, controls, rubric, owner. */
export type EvaluatorInfo = EvaluatorDescription

export interface DatasetInfo {
  /** Relative to the working directory the run started in. */
  path: string
  sha256: string
  rows: number
  skippedRows: number
}

export interface CaseRecord {
  suite: string
  caseId: string
  /** Index of the dataset within the suite, and of the row within the dataset (0-based). */
  dataset: number
  row: number
  /** 1-based line of the row in its file. */
  line: number
  model?: ModelRef
  /** Stored text of the case, as in the evidence log (redacted by default). */
  sample?: StoredSample
  results: EvalResult[]
  passed: boolean
}

export interface StatusCounts {
  total: number
  pass: number
  fail: number
  error: number
  skipped: number
}

export interface EvaluatorSummary extends StatusCounts {
  name: string
  version: string
  passRate: number
  meanScore: number
}

export interface GateCheck {
  /** `suite`, or the evaluator's name for a per-evaluator threshold. */
  scope: string
  /** `judgeRan` (requireJudge): judge criteria that did not run, which must be 0. */
  metric: 'maxFailures' | 'minPassRate' | 'minMeanScore' | 'nonEmpty' | 'noRegressions' | 'complete' | 'judgeRan'
  threshold: number
  actual: number
  passed: boolean
  /** maxFailures: what `actual` is made of — failed verdicts, errors and skips counted by the policy. */
  breakdown?: { fail: number; error: number; skipped: number }
}

/** One judged criterion over a suite: who judged it and how the verdicts went (summary.md, report.html). */
export interface JudgeCriterionSummary {
  evaluator: string
  criterion: string
  judge: {
    provider: string
    modelId: string
    /** `chat-completions`, `responses`, `none` (no provider: cassettes only), or a provider's own API name. */
    api: string
    /** Host of the endpoint; never a key. */
    endpoint: string | null
    temperature: number
    /** Votes per criterion (k). */
    votes: number
    /** sha256 of the judge prompt template. */
    promptSha256: string
    /** `pseudonymize` (default) or `none` (the rubric opted out). */
    redaction: string
  }
  pass: number
  fail: number
  notApplicable: number
  error: number
  skipped: number
  /** Mean share of votes that agreed with the verdict, over the cases judged. */
  meanAgreement?: number
  /** Distinct values sent to the judge as pseudonyms, summed over the cases. */
  pseudonymized: number
}

export interface Regression {
  suite: string
  caseId: string
  evaluator: string
  before: EvalStatus
  after: EvalStatus
  scoreBefore: number
  scoreAfter: number
  reason: string
}

/** A suite's gate thresholds as configured, kept in the report so `vouch merge` can recompute the gate from merged counts. */
export interface GateThresholdsInfo {
  maxFailures?: number
  minPassRate?: number
  minMeanScore?: number
  allowErrors?: boolean
  allowSkipped?: boolean
}

export interface GatePolicy extends GateThresholdsInfo {
  evaluators?: Record<string, GateThresholdsInfo>
}

/** One shard's evidence chain in a merged run (`vouch merge`), as listed in its `manifest.json`. */
export interface ShardEvidence {
  index: number
  count: number
  runId: string
  /** Relative to the merged run directory, e.g. `evidence/shard-1.jsonl`. */
  file: string
  records: number
  lastHash: string
}

export interface SuiteReport {
  name: string
  description?: string
  prompt?: VersionRef
  model?: ModelRef
  datasets: DatasetInfo[]
  evaluators: EvaluatorInfo[]
  /** `scoreSum`: sum of the scores of pass/fail results (exact input for recomputing mean scores when merging shards). */
  counts: StatusCounts & { cases: number; failedCases: number; scoreSum?: number }
  byEvaluator: (EvaluatorSummary & { scoreSum?: number })[]
  gate: { passed: boolean; checks: GateCheck[] }
  /** The gate as configured (absent in reports written before it was recorded). */
  gatePolicy?: GatePolicy
  skippedRows: { file: string; line?: number; field?: string; detail: string }[]
  /** Every case when the run is small enough; above `maxReportCases`, failing cases first and a note. */
  cases: CaseRecord[]
  casesOmitted: number
  regressions: Regression[]
  /** LLM-judge usage summed over the suite's results (from `details.judge` of judge-backed evaluators). */
  judge?: { calls: number; inputTokens: number; outputTokens: number }
  /** Each judged criterion with its judge (model, endpoint, API, temperature, prompt hash) and verdict counts. */
  judges?: JudgeCriterionSummary[]
  /** Cases that failed in the baseline and pass now. */
  fixed: Regression[]
  /** With a baseline: every case × evaluator whose score changed (status may be unchanged), in dataset order. */
  scoreDeltas?: Regression[]
}

export interface RunReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION
  tool: { name: 'vouch'; version: string }
  runId: string
  startedAt: string
  finishedAt: string
  /** False when the run stopped early (bad data, interrupted); the evidence holds what finished. */
  complete: boolean
  error?: string
  verdict: 'pass' | 'fail' | 'error'
  exitCode: 0 | 1 | 2
  git?: { commit: string; dirty: boolean }
  config: { file: string; sha256: string }
  cassettes: 'record' | 'replay' | 'off'
  shard?: { index: number; count: number }
  /** Set when `--filter`, `--limit` or `--max-failures` narrowed the run: a partial run says so. */
  selection?: SelectionInfo
  /** A merged run (`vouch merge`): every shard's evidence chain; `evidence` then names `manifest.json` and its sha256. */
  shards?: ShardEvidence[]
  suites: SuiteReport[]
  evidence: { path: string; lastHash: string; count: number }
  baseline?: { path: string; runId: string; regressions: number; fixed: number; scoreDeltas?: number }
}
