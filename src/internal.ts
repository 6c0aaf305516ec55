// `vouch/internal`: the plumbing under the public API, for tools built on vouch and for vouch's own
// tests and benchmarks. Everything public is re-exported too. Less stable than `vouch`: names here
// may change in a minor release.
export * from './index.js'

// core
export { runEvaluator, errorResult, canonicalJson, sha256, hashValue, parseOptions, formatPath } from './core/index.js'
export { parseModelRef, toModelRef, formatModelRef } from './core/model-ref.js'
export { sampleTexts, hasText, TEXT_FIELDS, type SampleText, type TextField } from './core/sample-texts.js'
export { nothingToCheck, isNothingToCheck } from './core/nothing-to-check.js'
export { evaluatorNameOption } from './core/evaluator-name.js'

// config, versioning, datasets
export { findConfig, CONFIG_FILES } from './config/index.js'
export { gitInfo, modelRef, type GitInfo } from './versioning/index.js'
export { readDataset, hashDataset, type DatasetSpec, type DatasetRow, type ReadDatasetOptions } from './dataset/index.js'

// redaction layer
export { maskValue, mergeSpans, normalizePiiValue, PSEUDONYM_MARKER, FIRST_PSEUDONYM_MARKER, markerType, redactionMarker } from './redaction/index.js'

// evidence
export {
  storedSample,
  resolveSaltInfo,
  saltId,
  chainRecord,
  evidenceEntrySchema,
  evidenceRecordSchema,
  storedResultSchema,
  storedSampleSchema,
  GENESIS_HASH,
  SALT_ENV,
  type StoredSampleOptions,
  type StoredTextDetector,
} from './evidence/index.js'
export { buildEvidenceEntry, describeEvaluator, type EvaluatorDescription, type EvidenceSubject } from './evidence/build-evidence-entry.js'
export { defaultStoredTextDetectors } from '../evaluators/stored-text-detectors.js'

// runner, reports
export { cassetteMiddleware, type CassetteMode } from './runner/cassette-middleware.js'
export { mergeReports } from './runner/merge-runs.js'
export { readRunReportWithBytes, readRunReportEvidence, runReportEvidenceSchema } from './runner/read-run-report.js'
export { renderHtml, htmlReporter } from './report/html-reporter.js'

// evaluator building blocks
export { createPiiDetector, type PiiDetector } from '../evaluators/pii/index.js'
export { secretTypes, secretDetectors } from '../evaluators/secrets/index.js'
export { parseRubric, rubricSchema, checkSafePattern, isRefusal, SEVERITY_WEIGHTS } from '../evaluators/is-compliant/index.js'
export { dataPrivacyPolicySchema, DEFAULT_DATA_CLASSES, DATA_PRIVACY_CHECKS } from '../evaluators/data-privacy/index.js'
export { buildJudgePrompt, callJudge, fenceData, judgeVerdictSchema, judgeSettingsSchema, resolveJudgeModel, JUDGE_CONFIG_HINT } from '../evaluators/judge/index.js'
export type { CallJudgeOptions, JudgeUsage, DataSection, JudgeVerdict, JudgeSettings } from '../evaluators/judge/index.js'
export { checkToolCall, checkToolCalls, compileToolPolicy, type CompiledToolPolicy } from '../evaluators/tool-policy/index.js'
