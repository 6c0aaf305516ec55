// The public API of vouch. Explicit on purpose: what is not listed here is internal.

// core
export type {
  ControlId,
  EvalContext,
  EvalResult,
  EvalStatus,
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
export {
  defineEvaluator,
  runEvaluator,
  not,
  canonicalJson,
  sha256,
  VouchError,
  ConfigError,
  DatasetError,
  UsageError,
  EvaluatorTimeoutError,
  InvalidArgumentError,
} from './core/index.js'

// config, versioning
export { defineConfig, loadConfig, findConfig } from './config/index.js'
export type { VouchConfig, VouchConfigInput, SuiteConfig, GateConfig, TaskFn, TaskOutput, TaskContext } from './config/index.js'
export { definePrompt, type Prompt } from './versioning/index.js'
export { gitInfo, modelRef, type GitInfo } from './versioning/index.js'

// datasets
export { readDataset, hashDataset, type DatasetSpec, type DatasetRow, type ReadDatasetOptions } from './dataset/index.js'

// runner, reports
export { runEval, type RunEvalOptions, type RunEvalResult } from './runner/run-eval.js'
export type { RunEvent } from './runner/run-events.js'
export type { RunReport, SuiteReport, CaseRecord, GateCheck, Regression } from './runner/run-report.js'
export { cassetteMiddleware, type CassetteMode } from './runner/cassette-middleware.js'
export { reporters, writeReports, type Reporter, type ReporterName } from './report/index.js'
export type { GatePolicy, ShardEvidence } from './runner/run-report.js'
export { renderHtml, htmlReporter } from './report/html-reporter.js'
export { soc2Report, type Soc2ReportOptions, type Soc2ReportResult, type ControlEvidence } from './report/soc2/index.js'
export { mergeRuns, mergeReports, type MergeRunsOptions, type MergeRunsResult, type MergeManifest } from './runner/merge-runs.js'
export { ShardMergeError, type ShardMergeProblem } from './runner/shard-merge-error.js'
export { CassetteMissError } from './core/errors/cassette-miss-error.js'

// evidence log
export {
  jsonlEvidence,
  memoryEvidence,
  postgresEvidence,
  verifyPostgresEvidence,
  verifyEvidence,
  exportEvidence,
  storedSample,
  resolveSalt,
  resolveSaltInfo,
  saltId,
  chainRecord,
  evidenceEntrySchema,
  evidenceRecordSchema,
  GENESIS_HASH,
  SALT_ENV,
} from './evidence/index.js'
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
  MemoryEvidenceSink,
  EvidenceBreak,
  VerifyEvidenceOptions,
  VerifyEvidenceResult,
  ExportEvidenceOptions,
  ExportEvidenceSummary,
  StoredSampleOptions,
  StoredTextDetector,
  ResolveSaltOptions,
  ResolvedSalt,
} from './evidence/index.js'
export { EvidenceWriteError } from './core/errors/evidence-write-error.js'
export { EvidenceReadError } from './core/errors/evidence-read-error.js'
export { EvidenceCorruptError } from './core/errors/evidence-corrupt-error.js'
export { EvidenceLockError } from './core/errors/evidence-lock-error.js'

// guard: the production guardrail middleware
export { guardrail } from './guard/guardrail.js'
export type { GuardrailOptions, GuardrailRequestMetadata } from './guard/guardrail-options.js'
export { GuardrailBlockedError, type GuardrailBlockCause, type GuardrailBlockedResult } from './core/errors/guardrail-blocked-error.js'
export { GuardrailEvidenceError } from './core/errors/guardrail-evidence-error.js'

// evaluators: one factory per folder under evaluators/, and the helpers they share (redaction, the LLM judge)
export { outputRange, type OutputRangeOptions } from '../evaluators/output-range/index.js'
export { secrets, scanSecrets, secretTypes, type SecretsOptions, type SecretMatch } from '../evaluators/secrets/index.js'
export { pii, detectPii, createPiiDetector, redact, pseudonym, normalizePiiValue, PII_ENTITIES } from '../evaluators/pii/index.js'
export type { PiiOptions, PiiMatch, PiiDetectOptions, PiiDetector, PiiEntity, RedactOptions, RedactableSpan, CustomRecognizer } from '../evaluators/pii/index.js'
export { promptInjection, detectInjection, type PromptInjectionOptions, type InjectionHit, type InjectionType } from '../evaluators/prompt-injection/index.js'
export { isCompliant, loadRubric, parseRubric, defineRubric, rubricSchema, checkSafePattern, isRefusal, SEVERITY_WEIGHTS } from '../evaluators/is-compliant/index.js'
export type { IsCompliantOptions, CompliantEvaluator, CriterionOutcome, Rubric, RubricDefinition, RubricInput, RubricCriterion, RubricCondition, Severity } from '../evaluators/is-compliant/index.js'
export { dataPrivacy, loadDataPrivacyPolicy, defineDataPrivacyPolicy, dataPrivacyPolicySchema, DEFAULT_DATA_CLASSES, DATA_PRIVACY_CHECKS } from '../evaluators/data-privacy/index.js'
export type { DataPrivacyOptions, DataPrivacyEvaluator, DataPrivacyCheck, DataPrivacyPolicy, DataPrivacyPolicyInput, LoadedDataPrivacyPolicy } from '../evaluators/data-privacy/index.js'
export { judgeCriterion, buildJudgePrompt, callJudge, fenceData, judgeVerdictSchema, judgeSettingsSchema, resolveJudgeModel, JudgeError, JUDGE_CONFIG_HINT } from '../evaluators/judge/index.js'
export type { JudgeCriterionOptions, JudgeOutcome, CallJudgeOptions, JudgeUsage, DataSection, JudgeVerdict, JudgeSettings, JudgeErrorCode } from '../evaluators/judge/index.js'
export { toolPolicy, checkToolCall, checkToolCalls, compileToolPolicy, type ToolPolicy, type CompiledToolPolicy } from '../evaluators/tool-policy/index.js'

export { coverageReport, type CoverageReportOptions, type CoverageReportResult } from './report/coverage/coverage-report.js'
export type { CoverageMetrics } from './report/coverage/collect-coverage.js'
