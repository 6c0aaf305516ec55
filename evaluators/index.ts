// The built-in evaluators. Each folder exports a factory that returns a plain `Evaluator`.
export { outputRange, type OutputRangeOptions } from './output-range/index.js'
