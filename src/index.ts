// The public API of vouch: what a user calls. Explicit on purpose: what is not listed here is
// internal. Building blocks for tools built on vouch (hashing, chaining, judge plumbing, schemas)
// are in `vouch/internal` (src/internal.ts), which promises less stability.

// core: the evaluator contract
export type {
  ControlId,
  EvalContext,
  EvalResult,
  EvalStatus,
  EvalUsage,
  Evaluator,
  EvaluatorDefinition,
  Finding,
  ModelRef,
  ResultAction,
  Sample,
  SampleField,
  ToolCall,
  Verdict,
  VersionRef,
} from './core/index.js'
export { defineEvaluator, not, VouchError, ConfigError, DatasetError, UsageError, EvaluatorTimeoutError, InvalidArgumentError } from './core/index.js'

// config, versioning
export { defineConfig, loadConfig } from './config/index.js'
export type { VouchConfig, VouchConfigInput, SuiteConfig, GateConfig, TaskFn, TaskOutput, TaskContext } from './config/index.js'
export { definePrompt, type Prompt } from './versioning/index.js'

// the release gate: run, reports, merge, SOC 2 report
export { runEval, type RunEvalOptions, type RunEvalResult } from './runner/run-eval.js'
export { RunIncompleteError } from './runner/run-incomplete-error.js'
export type { RunEvent } from './runner/run-events.js'
export type { RunReport, SuiteReport, CaseRecord, GateCheck, Regression, GatePolicy, ShardEvidence, JudgeCriterionSummary } from './runner/run-report.js'
export { readRunReport, runReportSchema } from './runner/read-run-report.js'
export { RunReportError, type RunReportProblem } from './runner/run-report-error.js'
export { reporters, writeReports, type Reporter, type ReporterName } from './report/index.js'
export { trendReport, type TrendReportOptions, type TrendReportResult } from './report/trend/trend-report.js'
export type { TrendData, TrendRun, TrendSuite, VersionChange } from './report/trend/collect-trend.js'
export { soc2Report, type Soc2ReportOptions, type Soc2ReportResult, type ControlEvidence } from './report/soc2/index.js'
export { mergeRuns, type MergeRunsOptions, type MergeRunsResult, type MergeManifest } from './runner/merge-runs.js'
export { ShardMergeError, type ShardMergeProblem } from './runner/shard-merge-error.js'
export { CassetteMissError } from './core/errors/cassette-miss-error.js'

// the evidence log: sinks, verify, export
export { jsonlEvidence, memoryEvidence, verifyEvidence, exportEvidence, resolveSalt } from './evidence/index.js'
export { postgresEvidence, verifyPostgresEvidence, erasePostgresPayloads } from './evidence/index.js'
// signed checkpoints: a signer from a key file, or from VOUCH_SIGNING_KEY / the config's signing.key
export { fileSigner, resolveSigner } from './evidence/index.js'
export type {
  EvidenceEntry,
  EvidenceRecord,
  EvidenceSink,
  StoredResult,
  StoredSample,
  FsyncPolicy,
  JsonlEvidenceOptions,
  JsonlEvidenceSink,
  PostgresEvidenceOptions,
  PostgresEvidenceSink,
  PostgresChainMode,
  PostgresVerifyResult,
  ErasePostgresResult,
  EvidenceSigner,
  SignatureCheck,
  MemoryEvidenceSink,
  EvidenceBreak,
  VerifyEvidenceOptions,
  VerifyEvidenceResult,
  ExportEvidenceOptions,
  ExportEvidenceSummary,
  ResolveSaltOptions,
  ResolvedSalt,
} from './evidence/index.js'
export { EvidenceWriteError } from './core/errors/evidence-write-error.js'
export { EvidenceReadError } from './core/errors/evidence-read-error.js'
export { EvidenceCorruptError } from './core/errors/evidence-corrupt-error.js'
export { EvidenceLockError } from './core/errors/evidence-lock-error.js'

// the production guardrail middleware
export { guardrail } from './guard/guardrail.js'
export type { GuardrailOptions, GuardrailRequestMetadata } from './guard/guardrail-options.js'
export { GuardrailBlockedError, type GuardrailBlockCause, type GuardrailBlockedResult } from './core/errors/guardrail-blocked-error.js'
export { GuardrailEvidenceError } from './core/errors/guardrail-evidence-error.js'

// redaction: what users call on their own text (e.g. logs) and for data-subject requests
export { redact, pseudonym, type RedactOptions, type RedactableSpan } from './redaction/index.js'

// evaluators: one factory per folder under evaluators/, and the detectors users call directly
export { outputRange, type OutputRangeOptions } from '../evaluators/output-range/index.js'
export { secrets, scanSecrets, type SecretsOptions, type SecretMatch } from '../evaluators/secrets/index.js'
export { pii, detectPii, PII_ENTITIES, type PiiOptions, type PiiMatch, type PiiDetectOptions, type PiiEntity, type CustomRecognizer } from '../evaluators/pii/index.js'
export { promptInjection, detectInjection, type PromptInjectionOptions, type InjectionHit, type InjectionType } from '../evaluators/prompt-injection/index.js'
export { isCompliant, loadRubric, defineRubric } from '../evaluators/is-compliant/index.js'
export type { IsCompliantOptions, CompliantEvaluator, CriterionOutcome, JudgeRecord, Rubric, RubricDefinition, RubricInput, RubricCriterion, RubricCondition, Severity } from '../evaluators/is-compliant/index.js'
export { dataPrivacy, loadDataPrivacyPolicy, defineDataPrivacyPolicy } from '../evaluators/data-privacy/index.js'
export type { DataPrivacyOptions, DataPrivacyEvaluator, DataPrivacyCheck, DataPrivacyPolicy, DataPrivacyPolicyInput, LoadedDataPrivacyPolicy } from '../evaluators/data-privacy/index.js'
export { judgeCriterion, JudgeError, type JudgeCriterionOptions, type JudgeOutcome, type JudgeErrorCode, type JudgeInfo } from '../evaluators/judge/index.js'
export { toolPolicy, type ToolPolicy, type ToolPolicyOptions } from '../evaluators/tool-policy/index.js'

// production coverage (audit-log coverage, fail rates, privacy failures, drift, judge agreement)
export { coverageReport, type CoverageReportOptions, type CoverageReportResult } from './report/coverage/coverage-report.js'
export type { CoverageMetrics } from './report/coverage/collect-coverage.js'
