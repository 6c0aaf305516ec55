/** `vouch/testing`: check your own evaluators against vouch's contract (see docs/custom-evaluator.md). */
export { checkEvaluatorContract, CONTRACT_SAMPLES, SENSITIVE_SAMPLE_VALUES, type ContractProblem, type ContractReport } from './check-evaluator.js'
