import type { Evaluator } from '../src/core/index.js'

/**
 * Evaluators that can run with default options, by the name `vouch scan --evaluators` takes.
 * Each built-in evaluator that works without options adds one line here, and only here.
 */
export const scanEvaluators: Readonly<Record<string, () => Evaluator>> = {}
