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
export { CassetteMissError } from './core/errors/cassette-miss-error.js'

// evaluators
export { outputRange, type OutputRangeOptions } from '../evaluators/output-range/index.js'
export { secrets, scanSecrets, secretTypes, type SecretsOptions, type SecretMatch } from '../evaluators/secrets/index.js'

// evidence log
export {
  jsonlEvidence,
  memoryEvidence,
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
