import type { Evaluator } from '../src/core/index.js'
import { pii } from './pii/index.js'
import { secrets } from './secrets/index.js'
import { promptInjection } from './prompt-injection/index.js'

/**
 * Evaluators that can run with default options, by the name `vouch scan --evaluators` takes.
 * Each built-in evaluator that works without options adds one line here, and only here.
 */
export const scanEvaluators: Readonly<Record<string, () => Evaluator>> = {
  pii: () => pii(),
  secrets: () => secrets(),
  // a scanned record's text arrives as `output`: scan every text field, not only input and context
  'prompt-injection': () => promptInjection({ fields: ['input', 'context', 'output', 'toolCalls'] }),
}
