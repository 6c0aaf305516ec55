import type { LanguageModelV4Prompt } from '@ai-sdk/provider'
import type { AttackRow, Piece } from './harness.js'
import type { Payloads } from './payloads.js'

/**
 * The guardrail's bypass catalogue (issue 11). Each row: where the attacker puts live-looking
 * values, and what must happen. Defaults (see `attacks.test.ts`): input `pii()` with `onInput:
 * 'block'`, output `pii()` with `onOutput: 'redact'` (default `pii()`, which reads tool calls too).
 * Every future bypass fix adds a row here.
 */

const user = (text: string): LanguageModelV4Prompt => [{ role: 'user', content: [{ type: 'text', text }] }]
const ask: LanguageModelV4Prompt[number] = { role: 'user', content: [{ type: 'text', text: 'Can you help me with my account?' }] }
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')

/** Split `text` into parts at the given offsets. */
const parts = (text: string, ...at: number[]): Piece[] => [0, ...at, text.length].slice(1).map((end, i, ends) => ({ text: text.slice(i === 0 ? 0 : ends[i - 1], end) }))

type Kind = keyof Payloads
const KINDS: Kind[] = ['card', 'ssn', 'email', 'phone', 'iban']
const lead: Record<Kind, string> = { card: 'Card: ', ssn: 'SSN ', email: 'write to ', phone: 'call ', iban: 'IBAN ' }

export const catalogue: AttackRow[] = [
  // ── issue 11: split across text parts (the SDK joins parts with '') ──
  ...KINDS.map(
    (kind): AttackRow => ({
      id: `part-split-${kind}`,
      category: 'part-split',
      note: 'value split in the middle across two text parts: the caller sees it whole',
      build: (p) => {
        const v = p[kind]()
        const text = `${lead[kind]}${v} thanks`
        return { values: [v], answer: parts(text, lead[kind].length + Math.floor(v.length / 2)) }
      },
      expect: 'redact',
    }),
  ),
  {
    id: 'part-split-email-at-at',
    category: 'part-split',
    note: '"john.doe" + "@example.com" (the issue\'s example)',
    build: (p) => {
      const v = p.email()
      const at = v.indexOf('@')
      return { values: [v], answer: [{ text: `Mail ${v.slice(0, at)}` }, { text: `${v.slice(at)} today` }] }
    },
    expect: 'redact',
  },
  {
    id: 'part-split-three-parts-and-empty',
    category: 'part-split',
    note: 'card in three parts with an empty part in between',
    build: (p) => {
      const v = p.card()
      return { values: [v], answer: [{ text: `Card ${v.slice(0, 5)}` }, { text: '' }, { text: v.slice(5, 12) }, { text: `${v.slice(12)}.` }] }
    },
    expect: 'redact',
  },
  {
    id: 'part-split-around-tool-call',
    category: 'part-split',
    note: 'a tool call between the two halves: the caller\'s text still joins them',
    build: (p) => {
      const v = p.card()
      return { values: [v], answer: [{ text: `Card ${v.slice(0, 9)}` }, { toolCall: { name: 'lookup', input: '{"order":"A-1"}' } }, { text: `${v.slice(9)} ok` }] }
    },
    expect: 'redact',
  },
  {
    id: 'part-split-around-reasoning',
    category: 'reasoning',
    note: 'reasoning between the halves (passed to the caller): text joins without it',
    build: (p) => {
      const v = p.ssn()
      return { values: [v], answer: [{ text: `SSN ${v.slice(0, 5)}` }, { reasoning: 'checking the record' }, { text: `${v.slice(5)} ok` }] }
    },
    options: { reasoning: 'pass' },
    expect: 'redact',
  },
  // ── chunk splits inside one part, and at the hold-back edge ──
  {
    id: 'chunk-split-one-char-deltas',
    category: 'chunk-split',
    note: 'every character its own delta',
    build: (p) => {
      const v = p.email()
      const text = `Please write to ${v} now.`
      return { values: [v], answer: [{ text, chunks: Array.from({ length: text.length - 1 }, (_, i) => i + 1) }] }
    },
    expect: 'redact',
  },
  {
    id: 'chunk-split-at-hold-back-edge',
    category: 'chunk-split',
    note: 'value straddling the default 256-character hold-back limit, split there across parts',
    build: (p) => {
      const v = p.card()
      const pad = 'The status of your request is unchanged. '.repeat(7).slice(0, 250)
      const text = `${pad}${v} and more text after it to keep the stream going for a while longer.`
      return { values: [v], answer: parts(text, 256, 300) }
    },
    expect: 'redact',
  },
  {
    id: 'chunk-split-long-answer-many-values',
    category: 'chunk-split',
    note: '2 KB answer with a value in every sentence, chunked every 7 characters, parts every 300',
    build: (p) => {
      const values: string[] = []
      let text = ''
      for (let i = 0; text.length < 2048; i++) {
        const kind = KINDS[i % KINDS.length] as Kind
        const v = p[kind]()
        values.push(v)
        text += `Sentence ${i} mentions ${lead[kind]}${v} in passing. `
      }
      const pieces = parts(text, 300, 600, 900, 1200, 1500, 1800).map((piece) =>
        'text' in piece ? { text: piece.text, chunks: Array.from({ length: Math.floor(piece.text.length / 7) }, (_, k) => (k + 1) * 7).filter((c) => c < piece.text.length) } : piece,
      )
      return { values, answer: pieces }
    },
    expect: 'redact',
  },
  // ── issue 11: tool-call arguments ──
  {
    id: 'tool-args-plain',
    category: 'tool-args',
    note: '{ to: <email>, card: <card> } in a tool call',
    build: (p) => {
      const email = p.email()
      const card = p.card()
      return { values: [email, card], answer: [{ text: 'Sending it now.' }, { toolCall: { name: 'send', input: JSON.stringify({ to: email, card }) } }] }
    },
    expect: 'block',
  },
  {
    id: 'tool-args-json-escaped',
    category: 'tool-args',
    note: 'values written with JSON \\u escapes: the parsed arguments hold them whole',
    build: (p) => {
      const email = p.email()
      const ssn = p.ssn()
      const esc = (s: string) => [...s].map((c) => (/[@0-9-]/.test(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('')
      return { values: [email, ssn], answer: [{ toolCall: { name: 'file', input: `{"contact":"${esc(email)}","id":"${esc(ssn)}"}` } }] }
    },
    expect: 'block',
  },
  {
    id: 'tool-args-nested',
    category: 'tool-args',
    note: 'value deep in arrays and objects',
    build: (p) => {
      const iban = p.iban()
      return { values: [iban], answer: [{ toolCall: { name: 'pay', input: JSON.stringify({ batch: [{ meta: { note: `to ${iban}` } }] }) } }] }
    },
    expect: 'block',
  },
  {
    id: 'tool-args-not-json',
    category: 'tool-args',
    note: 'tool input that is not JSON is judged as the raw string',
    build: (p) => {
      const card = p.card()
      return { values: [card], answer: [{ toolCall: { name: 'pay', input: `card=${card};` } }] }
    },
    expect: 'block',
  },
  // ── issue 11: every input kind (onInput block: never reaches the provider) ──
  ...(
    [
      ['system', (v: string): LanguageModelV4Prompt => [{ role: 'system', content: `Customer card on file: ${v}` }, ask]],
      ['user', (v: string) => user(`my card is ${v}`)],
      ['user-two-parts', (v: string): LanguageModelV4Prompt => [{ role: 'user', content: [{ type: 'text', text: `card ${v.slice(0, 7)}` }, { type: 'text', text: v.slice(7) }] }]],
      ['assistant-history', (v: string): LanguageModelV4Prompt => [ask, { role: 'assistant', content: [{ type: 'text', text: `Your card ${v} is linked.` }] }, ask]],
      ['assistant-reasoning', (v: string): LanguageModelV4Prompt => [ask, { role: 'assistant', content: [{ type: 'reasoning', text: `card is ${v}` }, { type: 'text', text: 'ok' }] }, ask]],
      [
        'assistant-tool-call',
        (v: string): LanguageModelV4Prompt => [ask, { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 't1', toolName: 'pay', input: { card: v } }] }, ask],
      ],
      [
        'tool-result-text',
        (v: string): LanguageModelV4Prompt => [ask, { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', toolName: 'crm', output: { type: 'text', value: `card ${v}` } }] }],
      ],
      [
        'tool-result-json',
        (v: string): LanguageModelV4Prompt => [ask, { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', toolName: 'crm', output: { type: 'json', value: { card: v } } }] }],
      ],
      [
        'tool-result-content',
        (v: string): LanguageModelV4Prompt => [
          ask,
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', toolName: 'crm', output: { type: 'content', value: [{ type: 'text', text: `card ${v}` }] } }] },
        ],
      ],
      [
        'tool-denied-reason',
        (v: string): LanguageModelV4Prompt => [ask, { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', toolName: 'crm', output: { type: 'execution-denied', reason: `card ${v} is frozen` } }] }],
      ],
      ['file-text-bytes', (v: string): LanguageModelV4Prompt => [{ role: 'user', content: [{ type: 'file', mediaType: 'text/plain', data: { type: 'data', data: new TextEncoder().encode(`card ${v}`) } }] }]],
      ['file-json-base64', (v: string): LanguageModelV4Prompt => [{ role: 'user', content: [{ type: 'file', mediaType: 'application/json', data: { type: 'data', data: b64(JSON.stringify({ card: v })) } }] }]],
      ['file-inline-text', (v: string): LanguageModelV4Prompt => [{ role: 'user', content: [{ type: 'file', mediaType: 'text/csv; charset=utf-8', data: { type: 'text', text: `name,card\nx,${v}` } }] }]],
    ] as const
  ).map(
    ([where, prompt]): AttackRow => ({
      id: `input-${where}`,
      category: 'input-kind',
      note: `card number in the ${where.replace(/-/g, ' ')} of the prompt`,
      build: (p) => {
        const v = p.card()
        return { values: [v], prompt: prompt(v) }
      },
      expect: 'block',
    }),
  ),
  {
    id: 'input-assistant-history-redact',
    category: 'input-kind',
    note: 'with onInput redact, assistant history and files are rewritten before the provider',
    build: (p) => {
      const email = p.email()
      const card = p.card()
      return {
        values: [email, card],
        prompt: [
          ask,
          { role: 'assistant', content: [{ type: 'text', text: `I wrote to ${email}.` }] },
          { role: 'user', content: [{ type: 'file', mediaType: 'text/plain', data: { type: 'data', data: b64(`card ${card}`) } }] },
        ],
      }
    },
    options: { onInput: 'redact' },
    expect: 'redact',
  },
  // ── reasoning ──
  {
    id: 'reasoning-only',
    category: 'reasoning',
    note: 'value only in reasoning: dropped by default',
    build: (p) => {
      const v = p.ssn()
      return { values: [v], answer: [{ reasoning: `the SSN is ${v}` }, { text: 'Done.' }] }
    },
    expect: 'either',
  },
  {
    id: 'reasoning-pass',
    category: 'reasoning',
    note: 'value only in reasoning with reasoning: pass: withheld, never redacted or passed',
    build: (p) => {
      const v = p.ssn()
      return { values: [v], answer: [{ reasoning: `the SSN is ${v}` }, { text: 'Done.' }] }
    },
    options: { reasoning: 'pass' },
    expect: 'either',
  },
  // ── other parts the caller receives ──
  {
    id: 'output-text-file',
    category: 'output-part',
    note: 'a text file the model produced (base64): withheld when the checks fail on it',
    build: (p) => {
      const v = p.card()
      return { values: [v], answer: [{ text: 'Here is your statement.' }, { other: { type: 'file', mediaType: 'text/plain', data: { type: 'data', data: b64(`card ${v}`) } } }] }
    },
    expect: 'either',
  },
  {
    id: 'output-provider-tool-result',
    category: 'output-part',
    note: 'a provider-executed tool result carrying a value',
    build: (p) => {
      const v = p.email()
      return { values: [v], answer: [{ text: 'I looked it up.' }, { other: { type: 'tool-result', toolCallId: 'ws-1', toolName: 'web_search', result: { owner: v } } }] }
    },
    expect: 'either',
  },
  {
    id: 'output-source-title',
    category: 'output-part',
    note: 'a source whose title carries a value',
    build: (p) => {
      const v = p.ssn()
      return { values: [v], answer: [{ text: 'See the source.' }, { other: { type: 'source', sourceType: 'url', id: 's1', url: 'https://records.example/x', title: `Record for SSN ${v}` } }] }
    },
    expect: 'either',
  },
  // ── unicode at part boundaries ──
  {
    id: 'unicode-surrogate-split',
    category: 'unicode',
    note: 'an emoji whose surrogate pair is split across parts, right before a split card',
    build: (p) => {
      const v = p.card()
      const text = `Paid 😀${v} ok`
      const at = text.indexOf('😀') + 1
      return { values: [v], answer: parts(text, at, at + 8) }
    },
    expect: 'redact',
  },
  {
    id: 'unicode-bidi-mark-at-boundary',
    category: 'unicode',
    note: 'a right-to-left mark ending one part, the e-mail starting the next',
    build: (p) => {
      const v = p.email()
      return { values: [v], answer: [{ text: 'Contact: \u200f' }, { text: `${v} please` }] }
    },
    expect: 'redact',
  },
]

/** Every boundary: each value split at every offset, across two parts and across two chunks. */
export function everyBoundary(): AttackRow[] {
  return KINDS.flatMap((kind) =>
    (['part', 'chunk'] as const).map(
      (how): AttackRow => ({
        id: `every-boundary-${kind}-${how}`,
        category: 'every-boundary',
        note: `${kind} split at every offset across two ${how}s`,
        build: (p) => {
          const v = p[kind]()
          const text = `${lead[kind]}${v} thanks`
          const start = lead[kind].length
          const answer: Piece[] = []
          // one answer per offset would be one run each; instead the answer repeats the sentence,
          // each copy split at the next offset, so one run covers every offset of the value.
          for (let k = 1; k < v.length; k++) {
            if (how === 'part') answer.push(...parts(text, start + k), { text: ' ' })
            else answer.push({ text: `${text} `, chunks: [start + k] })
          }
          return { values: [v], answer }
        },
        expect: 'redact',
      }),
    ),
  )
}
