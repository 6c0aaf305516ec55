import type { LanguageModelV4Content, LanguageModelV4Prompt, LanguageModelV4StreamPart } from '@ai-sdk/provider'
import { simulateReadableStream, wrapLanguageModel } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { GuardrailBlockedError } from '../../src/core/errors/guardrail-blocked-error.js'
import { memoryEvidence } from '../../src/evidence/memory-evidence.js'
import { guardrail } from '../../src/guard/guardrail.js'
import type { GuardrailOptions } from '../../src/guard/guardrail-options.js'
import { promptView } from '../../src/guard/prompt-view.js'
import type { Payloads } from './payloads.js'

/**
 * The bypass catalogue's format. A row is data: what the attacker builds (from live-looking
 * values made at test time), where it is placed, and what the guardrail must do. Every row runs in
 * every mode it names, and each run checks that no raw value reaches the caller, the provider or
 * the evidence log. To add a bypass fix: add a row to `catalogue.ts` (or your area's own
 * `*.rows.ts` file listed in `attacks.test.ts`).
 */
export type Mode = 'generate' | 'buffer' | 'incremental'
export const MODES: readonly Mode[] = ['generate', 'buffer', 'incremental']

/** One piece of the model's answer, in order. */
export type Piece =
  /** A text part; `chunks` are the offsets where the stream splits it into deltas (default: one delta). */
  | { text: string; chunks?: number[] }
  | { reasoning: string }
  /** A tool call; `input` is the raw JSON text the model produced. */
  | { toolCall: { name: string; input: string } }
  /** Another part the caller receives: a file the model produced, a provider-executed tool result, a source. */
  | { other: LanguageModelV4Content & LanguageModelV4StreamPart }

export interface Attack {
  /** The raw values that must not get through, exactly as placed. */
  values: string[]
  /** The model's answer (output-side attacks). Default: a clean one-line answer. */
  answer?: Piece[]
  /** The prompt (input-side attacks). Default: one clean user message. */
  prompt?: LanguageModelV4Prompt
}

export interface AttackRow {
  id: string
  /** Category (issue 11's list plus our own): part-split, chunk-split, tool-args, input-kind, ... */
  category: string
  /** Why this is a bypass attempt. */
  note: string
  build(p: Payloads): Attack
  /** What the guarded side does: redact (the request goes on without the values), block, or either. */
  expect: 'redact' | 'block' | 'either'
  /** Guardrail options for this row, over the defaults of `runAttack`. */
  options?: Partial<GuardrailOptions>
  modes?: readonly Mode[]
}

export interface AttackRun {
  outcome: 'passed' | 'redacted' | 'blocked'
  /** Everything the caller received, serialised (text, reasoning, tool calls, error messages). */
  caller: string
  /** The caller's text: text parts joined with '' as the AI SDK joins them. */
  callerText: string
  /** Every prompt the provider received: its text as the guardrail reads it, and its JSON. */
  provider: string
  evidence: string
  providerCalls: number
}

const CLEAN_PROMPT: LanguageModelV4Prompt = [{ role: 'user', content: [{ type: 'text', text: 'Where is my order?' }] }]
const CLEAN_ANSWER: Piece[] = [{ text: 'Your order ships tomorrow.' }]
const SALT = 'attack-catalogue-salt-0123456789'

const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } }

function content(answer: readonly Piece[]): LanguageModelV4Content[] {
  return answer.map((p, i): LanguageModelV4Content => {
    if ('text' in p) return { type: 'text', text: p.text }
    if ('reasoning' in p) return { type: 'reasoning', text: p.reasoning }
    if ('other' in p) return p.other
    return { type: 'tool-call', toolCallId: `call-${i}`, toolName: p.toolCall.name, input: p.toolCall.input }
  })
}

function streamParts(answer: readonly Piece[]): LanguageModelV4StreamPart[] {
  const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: [] }]
  answer.forEach((p, i) => {
    if ('other' in p) {
      parts.push(p.other)
      return
    }
    if ('toolCall' in p) {
      const id = `call-${i}`
      parts.push({ type: 'tool-input-start', id, toolName: p.toolCall.name })
      parts.push({ type: 'tool-input-delta', id, delta: p.toolCall.input })
      parts.push({ type: 'tool-input-end', id })
      parts.push({ type: 'tool-call', toolCallId: id, toolName: p.toolCall.name, input: p.toolCall.input })
      return
    }
    const text = 'text' in p ? p.text : p.reasoning
    const cuts = 'text' in p ? [0, ...(p.chunks ?? []), text.length] : [0, text.length]
    const kind = 'text' in p ? 'text' : 'reasoning'
    const id = `${kind}-${i}`
    parts.push({ type: `${kind}-start`, id })
    for (let k = 1; k < cuts.length; k++) {
      const delta = text.slice(cuts[k - 1], cuts[k])
      if (delta) parts.push({ type: `${kind}-delta`, id, delta })
    }
    parts.push({ type: `${kind}-end`, id })
  })
  parts.push({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage })
  return parts
}

/** Run one attack in one mode through a guarded mock model and report what got where. */
export async function runAttack(attack: Attack, mode: Mode, options: Partial<GuardrailOptions>): Promise<AttackRun> {
  const answer = attack.answer ?? CLEAN_ANSWER
  const evidence = memoryEvidence()
  const mock = new MockLanguageModelV4({
    provider: 'mock-provider',
    modelId: 'mock-model',
    doGenerate: async () => ({ content: content(answer), finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] }),
    doStream: async () => ({ stream: simulateReadableStream({ chunks: streamParts(answer), chunkDelayInMs: null, initialDelayInMs: null }) }),
  })
  const model = wrapLanguageModel({
    model: mock,
    middleware: guardrail({ evidence, salt: SALT, ...(mode === 'generate' ? {} : { stream: mode }), ...options }),
  })
  const prompt = attack.prompt ?? CLEAN_PROMPT
  let outcome: AttackRun['outcome'] = 'passed'
  let caller = ''
  let callerText = ''
  try {
    if (mode === 'generate') {
      const result = await model.doGenerate({ prompt })
      caller = JSON.stringify(result.content)
      callerText = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('')
    } else {
      const { stream } = await model.doStream({ prompt })
      const parts: LanguageModelV4StreamPart[] = []
      const reader = stream.getReader()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        parts.push(value)
      }
      const error = parts.find((p) => p.type === 'error')
      if (error) {
        outcome = 'blocked'
        caller = errorText((error as { error: unknown }).error)
      }
      caller += JSON.stringify(parts.filter((p) => p.type !== 'error'))
      callerText = parts.map((p) => (p.type === 'text-delta' ? p.delta : '')).join('')
    }
  } catch (error) {
    outcome = 'blocked'
    caller = errorText(error)
    if (!GuardrailBlockedError.isInstance(error) && !(error instanceof Error && /guardrail/i.test(error.message))) throw error
  }
  if (outcome === 'passed' && evidence.records.some((r) => r.action === 'redact')) outcome = 'redacted'
  const prompts = [...mock.doGenerateCalls, ...mock.doStreamCalls].map((c) => c.prompt)
  const provider = prompts.map((p) => `${JSON.stringify(p)}\n${promptView(p).input}\n${promptView(p).context.join('\n')}`).join('\n')
  return { outcome, caller, callerText, provider, evidence: evidence.lines.join('\n'), providerCalls: prompts.length }
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message} ${JSON.stringify(error)}` : String(error)
}

/** Where a raw value shows up (as placed, or JSON-escaped), if anywhere. */
export function leaksOf(run: AttackRun, values: readonly string[]): string[] {
  const out: string[] = []
  for (const v of values) {
    const forms = [v, JSON.stringify(v).slice(1, -1)]
    for (const [where, text] of [
      ['caller', `${run.caller}\n${run.callerText}`],
      ['provider', run.provider],
      ['evidence', run.evidence],
    ] as const) {
      if (forms.some((f) => text.includes(f))) out.push(`${where} got ${JSON.stringify(v.slice(0, 4))}…`)
    }
  }
  return out
}
