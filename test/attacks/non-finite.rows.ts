import { outputRange } from '../../evaluators/output-range/index.js'
import { toolPolicy } from '../../evaluators/tool-policy/index.js'
import type { AttackRow } from './harness.js'

/**
 * Issue 14: `1e309` parses to Infinity. A bound on one side only (`min: 0`) let it through
 * outputRange and toolPolicy (1.0.0); both now report it wherever it is. Each row is a guarded
 * answer that carries such a number, and the caller must not receive it.
 */
export const nonFiniteRows: AttackRow[] = [
  {
    id: 'non-finite-structured-output',
    category: 'bad-number',
    note: 'a structured answer whose score is 1e309, under a range with only a lower bound',
    build: () => ({ values: ['1e309'], answer: [{ text: '{"score":1e309,"label":"ok"}' }] }),
    expect: 'either', // the whole answer is one finding: redacted whole or blocked
    // the number is not personal data, so stored text keeps it: store no sample, and the harness's
    // "nowhere downstream" check is about the caller alone
    options: { output: [outputRange({ ranges: { '$.score': { min: 0 } } })], storeSample: 'none' },
  },
  {
    id: 'non-finite-tool-argument',
    category: 'bad-number',
    note: 'a tool call that keeps its constrained limit in bounds and puts 1e309 in an argument no constraint names',
    build: () => ({ values: ['1e309'], answer: [{ toolCall: { name: 'search_orders', input: '{"query":"late","limit":10,"page":{"size":1e309}}' } }] }),
    expect: 'block',
    options: { output: [toolPolicy({ tools: { search_orders: { access: 'read', constraints: [{ path: '$.limit', max: 50 }] } } })] },
  },
]
