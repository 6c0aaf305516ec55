import type { LanguageModelV4StreamPart, LanguageModelV4Usage } from '@ai-sdk/provider'
import type { Sample, ToolCall } from '../core/index.js'
import type { GuardrailBlockedError } from '../core/errors/guardrail-blocked-error.js'
import type { SideDecision } from './check-side.js'
import { isTextLike } from './prompt-view.js'

export type Part = LanguageModelV4StreamPart
export type FinishPart = Extract<Part, { type: 'finish' }>

/** The answer's part the output checks judge; the guardrail adds the request's input, context and model. */
export interface OutputPart {
  output?: string
  toolCalls?: ToolCall[]
}

/** What the stream guards need from the guardrail: checks, records, and the output-side options. */
export interface OutputGuard {
  mode: 'buffer' | 'incremental'
  onOutput: 'block' | 'redact' | 'fallback' | 'flag'
  fallback: string | undefined
  reasoning: 'drop' | 'pass'
  holdBack: number
  /** The sample to judge: the answer's part with the request's input and context (the release gate's sample shape). */
  sampleOf(part: OutputPart): Sample
  /** Run every output evaluator on the sample: the decision of record. */
  check(sample: Sample): Promise<SideDecision>
  /**
   * A partial check (an incremental window, reasoning text): evaluators that call a model (LLM
   * judges) are not run — they judge the whole answer once, in `check` — and are left out.
   */
  partialCheck(sample: Sample): Promise<SideDecision>
  /** Record a decision; throws `GuardrailEvidenceError` when the sink fails (or times out) and evidence fails closed. */
  record(decision: SideDecision, sample: Sample, facts: { fallbackUsed: boolean; extra?: Record<string, unknown> }): Promise<void>
  blocked(decision: SideDecision): GuardrailBlockedError
}

/** A tool call as judged: its input parsed as JSON (escapes decoded), else the raw string. */
export function toolCallOf(name: string, input: string, id: string): ToolCall {
  try {
    return { name, args: JSON.parse(input), id }
  } catch {
    return { name, args: input, id }
  }
}

export function emptyUsage(): LanguageModelV4Usage {
  return {
    inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: undefined, text: undefined, reasoning: undefined },
  }
}

export function fallbackParts(text: string, finish: FinishPart | undefined): Part[] {
  const id = 'vouch-fallback'
  return [
    { type: 'text-start', id },
    { type: 'text-delta', id, delta: text },
    { type: 'text-end', id },
    {
      type: 'finish',
      usage: finish?.usage ?? emptyUsage(),
      finishReason: { unified: 'stop', raw: 'vouch-fallback' },
      ...(finish?.providerMetadata ? { providerMetadata: finish.providerMetadata } : {}),
    },
  ]
}

export const isReasoning = (p: Part) => p.type === 'reasoning-start' || p.type === 'reasoning-delta' || p.type === 'reasoning-end' || p.type === 'reasoning-file'

/**
 * Whether reasoning text may go to the caller (`reasoning: 'pass'`): every deterministic output
 * check passes on it. Reasoning is never redacted, only passed whole or withheld whole.
 */
export async function textClean(guard: OutputGuard, text: string): Promise<boolean> {
  if (text === '') return true
  const decision = await guard.partialCheck(guard.sampleOf({ output: text }))
  return decision.judgements.every((j) => j.result.status === 'pass' || j.result.status === 'skipped')
}

/**
 * Text the caller receives beside the answer's text and tool calls: text-like files the model
 * produced, provider-executed tool results, source titles. `undefined` for parts without such
 * text (binary files are not judged: see docs/guardrail.md).
 */
export function sideText(part: { type: string }): string | undefined {
  const p = part as Record<string, unknown>
  if (part.type === 'tool-result') return JSON.stringify(p.result) ?? ''
  if (part.type === 'source') return [p.title, p.url, p.filename].filter((x) => typeof x === 'string').join(' ')
  if (part.type !== 'file' || typeof p.mediaType !== 'string' || !isTextLike(p.mediaType)) return undefined
  const data = p.data as { type?: string; data?: unknown; text?: unknown } | string | Uint8Array
  if (typeof data === 'string') return Buffer.from(data, 'base64').toString('utf8')
  if (data instanceof Uint8Array) return new TextDecoder().decode(data)
  if (data?.type === 'text' && typeof data.text === 'string') return data.text
  if (data?.type === 'data') return typeof data.data === 'string' ? Buffer.from(data.data, 'base64').toString('utf8') : new TextDecoder().decode(data.data as Uint8Array)
  return undefined
}

/** Whether a side part may go to the caller: it has no judged text, or the deterministic checks pass on it. */
export async function sidePartClean(guard: OutputGuard, part: { type: string }): Promise<boolean> {
  const text = sideText(part)
  return text === undefined || (await textClean(guard, text))
}
