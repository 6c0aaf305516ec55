export type {
  ControlId,
  EvalContext,
  EvalResult,
  EvalUsage,
  EvalStatus,
  Evaluator,
  Finding,
  ModelRef,
  ResultAction,
  Sample,
  SampleField,
  ToolCall,
  VersionRef,
} from './types.js'
export { defineEvaluator, type EvaluatorDefinition, type Verdict } from './define-evaluator.js'
export { runEvaluator, errorResult, type RunEvaluatorOptions } from './run-evaluator.js'
export { not } from './not.js'
export { canonicalJson } from './canonical-json.js'
export { sha256, hashValue } from './hash.js'
export { parseOptions, formatPath } from './parse-options.js'
export { VouchError } from './errors/vouch-error.js'
export { ConfigError, type ConfigIssue } from './errors/config-error.js'
export { DatasetError, type DatasetErrorCode } from './errors/dataset-error.js'
export { UsageError } from './errors/usage-error.js'
export { EvaluatorTimeoutError } from './errors/evaluator-timeout-error.js'
export { InvalidArgumentError } from './errors/invalid-argument-error.js'
