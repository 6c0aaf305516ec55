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
