// The example release gate: a customer-support assistant whose answers are structured JSON.
// `npm run eval` runs the `support` suite (it passes); `npm run eval -- --suite regression-demo`
// runs a copy of the data where some recorded answers regressed (its gate fails, exit 1).
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { defineConfig, definePrompt, outputRange } from 'vouch'

const supportPrompt = definePrompt({
  id: 'support-assistant',
  version: '2.1.0',
  template: readFileSync(new URL('./datasets/support/system-prompt.md', import.meta.url), 'utf8'),
})

/** The structured answer the app's model returns (AI SDK structured output). */
const supportReply = z.object({
  reply: z.string().min(1).max(1200),
  category: z.enum(['billing', 'shipping', 'account', 'technical', 'returns', 'privacy', 'other']),
  priority: z.number().int().min(1).max(4),
  confidence: z.number().min(0).max(1),
  escalate: z.boolean(),
  refund_amount: z.number().min(0).max(500),
})

const evaluators = () => [outputRange({ schema: supportReply })]

export default defineConfig({
  concurrency: 8,
  suites: [
    {
      name: 'support',
      description: 'Customer-support answers: structure and bounds of the structured output.',
      dataset: 'datasets/support/cases.csv',
      prompt: supportPrompt,
      model: 'openai:gpt-4o-mini',
      task: 'recorded',
      evaluators: evaluators(),
      gate: { maxFailures: 0 },
    },
    {
      name: 'regression-demo',
      description: 'The same checks over answers recorded after a bad prompt change: the gate must fail.',
      dataset: 'datasets/regression-demo/cases.csv',
      prompt: { ...supportPrompt, version: '2.2.0-rc.1' },
      model: 'openai:gpt-4o-mini',
      evaluators: evaluators(),
      gate: { minPassRate: 0.95 },
      manual: true,
    },
  ],
})
