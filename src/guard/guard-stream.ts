import type { LanguageModelV4StreamPart, LanguageModelV4Usage } from '@ai-sdk/provider'
import type { Sample, ToolCall } from '../core/index.js'
import type { GuardrailBlockedError } from '../core/errors/guardrail-blocked-error.js'
import type { SideDecision } from './check-side.js'
import { HoldBackBuffer } from './hold-back-buffer.js'
import { redactText, spansOf, type RedactSpan } from './redact-text.js'
import { joinSegments, splitSpans } from './text-segments.js'

type Part = LanguageModelV4StreamPart
type FinishPart = Extract<Part, { type: 'finish' }>
type ToolCallPart = Extract<Part, { type: 'tool-call' }>

/** What the stream guard needs from the guardrail: checks, records, and the output-side options. */
export interface OutputGuard {
  mode: 'buffer' | 'incremental'
  onOutput: 'block' | 'redact' | 'fallback' | 'flag'
  fallback: string | undefined
  reasoning: 'drop' | 'pass'
  holdBack: number
  model: { provider: string; id: string }
  /** Run the output evaluators on a sample. */
  check(sample: Sample): Promise<SideDecision>
  /** Record a decision; throws `GuardrailEvidenceError` when the sink fails and evidence fails closed. */
  record(decision: SideDecision, sample: Sample, facts: { fallbackUsed: boolean; extra?: Record<string, unknown> }): Promise<void>
  blocked(decision: SideDecision): GuardrailBlockedError
}

/** Guard the output stream of a model per `guard.mode`. Cancelling the result cancels the model's stream. */
export function guardStream(inner: ReadableStream<Part>, guard: OutputGuard): ReadableStream<Part> {
  const reader = inner.getReader()
  const source = (async function* () {
    let finished = false
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) {
          finished = true
          return
        }
        yield value
      }
    } finally {
      // stopped early (a block): stop reading from the provider too
      if (!finished) await reader.cancel().catch(() => {})
    }
  })()
  const parts = guard.mode === 'buffer' ? bufferMode(source, guard) : incrementalMode(source, guard)
  return new ReadableStream<Part>({
    async pull(controller) {
      try {
        const { done, value } = await parts.next()
        if (done) controller.close()
        else controller.enqueue(value)
      } catch (error) {
        controller.error(error)
      }
    },
    async cancel(reason) {
      await reader.cancel(reason).catch(() => {})
      await parts.return(undefined)
    },
  })
}

function toolCallOf(part: ToolCallPart): ToolCall {
  let args: unknown = part.input
  try {
    args = JSON.parse(part.input)
  } catch {
    // not JSON: judged as the raw string
  }
  return { name: part.toolName, args, id: part.toolCallId }
}

function fallbackParts(text: string, finish: FinishPart | undefined): Part[] {
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

export function emptyUsage(): LanguageModelV4Usage {
  return {
    inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: undefined, text: undefined, reasoning: undefined },
  }
}

const isReasoning = (p: Part) => p.type === 'reasoning-start' || p.type === 'reasoning-delta' || p.type === 'reasoning-end' || p.type === 'reasoning-file'

/** Hold everything with content, check the whole answer, then release it (allowed, redacted, replaced or refused). */
async function* bufferMode(source: AsyncGenerator<Part>, guard: OutputGuard): AsyncGenerator<Part> {
  const held: Part[] = []
  const texts = new Map<string, string>()
  const toolCalls: ToolCall[] = []
  let finish: FinishPart | undefined
  let recorded = false
  const sampleOf = (): Sample => {
    const joined = joinSegments([...texts.values()], '\n')
    return { output: joined.text, ...(toolCalls.length ? { toolCalls } : {}), model: guard.model }
  }
  try {
    for await (const part of source) {
      if (part.type === 'stream-start' || part.type === 'response-metadata') yield part
      else if (part.type === 'raw') continue // raw provider chunks carry unchecked text
      else if (isReasoning(part) && guard.reasoning === 'drop') continue
      else if (part.type === 'finish') finish = part
      else {
        if (part.type === 'text-start') texts.set(part.id, '')
        else if (part.type === 'text-delta') texts.set(part.id, (texts.get(part.id) ?? '') + part.delta)
        else if (part.type === 'tool-call') toolCalls.push(toolCallOf(part))
        held.push(part)
      }
    }
    const joined = joinSegments([...texts.values()], '\n')
    const sample = sampleOf()
    const decision = await guard.check(sample)
    const blocked = decision.outcome === 'block'
    const fallbackUsed = blocked && guard.onOutput === 'fallback' && guard.fallback !== undefined
    recorded = true
    try {
      await guard.record(decision, sample, { fallbackUsed })
    } catch (error) {
      yield { type: 'error', error }
      return
    }
    if (blocked) {
      if (fallbackUsed) yield* fallbackParts(guard.fallback as string, finish)
      else yield { type: 'error', error: guard.blocked(decision) }
      return
    }
    const redacted = new Map<string, string>()
    if (decision.outcome === 'redact') {
      const perBlock = splitSpans(joined, spansOf(decision.redactions, 'output'))
      ;[...texts.entries()].forEach(([id, text], i) => redacted.set(id, redactText(text, perBlock[i] ?? [])))
    }
    const started = new Set<string>()
    for (const part of held) {
      if (part.type === 'text-delta' && redacted.has(part.id)) {
        if (started.has(part.id)) continue
        started.add(part.id)
        yield { ...part, delta: redacted.get(part.id) as string }
      } else yield part
    }
    if (finish) yield finish
  } finally {
    if (!recorded) {
      // cancelled or the model's stream failed before a decision: still leave a record
      const sample = sampleOf()
      const decision = await guard.check(sample)
      await guard.record(decision, sample, { fallbackUsed: false, extra: { aborted: true, released: false } }).catch(() => {})
    }
  }
}

/**
 * Release text as soon as it is safe (see `HoldBackBuffer`), check each tool call before it is
 * emitted, and check the whole answer at the end for the record. On a block, end with an error
 * part and release nothing more.
 */
async function* incrementalMode(source: AsyncGenerator<Part>, guard: OutputGuard): AsyncGenerator<Part> {
  const blocks = new Map<string, HoldBackBuffer>()
  const heldToolInput = new Map<string, Part[]>()
  const toolCalls: ToolCall[] = []
  let released = false
  let finish: FinishPart | undefined
  let finalized = false

  const fullSample = (): Sample => {
    const joined = joinSegments([...blocks.values()].map((b) => b.raw), '\n')
    return { output: joined.text, ...(toolCalls.length ? { toolCalls } : {}), model: guard.model }
  }

  /** A check mid-stream blocked: record it and say what to emit. */
  async function* stop(decision: SideDecision, sample: Sample): AsyncGenerator<Part> {
    finalized = true
    const fallbackUsed = !released && guard.onOutput === 'fallback' && guard.fallback !== undefined
    try {
      await guard.record(decision, sample, { fallbackUsed, extra: { blockedMidStream: true, window: true } })
    } catch (error) {
      yield { type: 'error', error }
      return
    }
    if (fallbackUsed) yield* fallbackParts(guard.fallback as string, finish)
    else yield { type: 'error', error: guard.blocked(decision) }
  }

  /**
   * Check a block's window. Failures with findings act now (redact, or block); failures without
   * findings cannot be judged on part of the text and wait for the final check; errors follow failMode.
   */
  async function step(buffer: HoldBackBuffer, final: boolean): Promise<{ text: string } | { stop: SideDecision; sample: Sample }> {
    const offset = buffer.windowStart()
    const sample: Sample = { output: buffer.window(), model: guard.model }
    const decision = await guard.check(sample)
    const acting = decision.judgements.filter((j) => j.action !== 'allow' && (j.result.status === 'error' || j.result.findings.length > 0))
    if (acting.some((j) => j.action === 'block' || j.action === 'fallback')) {
      return { stop: { ...decision, outcome: 'block' }, sample }
    }
    const spans: RedactSpan[] = acting
      .filter((j) => j.action === 'redact')
      .flatMap((j) => spansOf(j.result.findings, 'output'))
      .map((s) => ({ start: s.start + offset, end: s.end + offset, type: s.type }))
    return { text: buffer.release(spans, final) }
  }

  try {
    for await (const part of source) {
      switch (part.type) {
        case 'raw':
          continue
        case 'text-start':
          blocks.set(part.id, new HoldBackBuffer(guard.holdBack))
          yield part
          continue
        case 'text-delta':
        case 'text-end': {
          let buffer = blocks.get(part.id)
          if (!buffer) blocks.set(part.id, (buffer = new HoldBackBuffer(guard.holdBack)))
          const final = part.type === 'text-end'
          if (part.type === 'text-delta') buffer.push(part.delta)
          if (buffer.due(final)) {
            const out = await step(buffer, final)
            if ('stop' in out) {
              yield* stop(out.stop, out.sample)
              return
            }
            if (out.text) {
              released = true
              yield { type: 'text-delta', id: part.id, delta: out.text }
            }
          }
          if (final) yield part
          continue
        }
        case 'tool-input-start':
        case 'tool-input-delta':
        case 'tool-input-end': {
          const list = heldToolInput.get(part.id) ?? []
          list.push(part)
          heldToolInput.set(part.id, list)
          continue
        }
        case 'tool-call': {
          const call = toolCallOf(part)
          const sample: Sample = { toolCalls: [call], model: guard.model }
          const decision = await guard.check(sample)
          // A tool call cannot be redacted: any failure that is not a flag stops the stream.
          if (decision.judgements.some((j) => j.action === 'block' || j.action === 'fallback' || j.action === 'redact')) {
            yield* stop({ ...decision, outcome: 'block' }, sample)
            return
          }
          toolCalls.push(call)
          released = true
          yield* heldToolInput.get(part.toolCallId) ?? []
          heldToolInput.delete(part.toolCallId)
          yield part
          continue
        }
        case 'finish':
          finish = part
          continue
        default:
          if (isReasoning(part) && guard.reasoning === 'drop') continue
          yield part
      }
    }
    // Blocks the model never ended: release their tail now.
    for (const [id, buffer] of blocks) {
      if (buffer.committed >= buffer.raw.length) continue
      const out = await step(buffer, true)
      if ('stop' in out) {
        yield* stop(out.stop, out.sample)
        return
      }
      if (out.text) yield { type: 'text-delta', id, delta: out.text }
    }
    // The record: the whole answer, judged once more as a whole.
    const sample = fullSample()
    const decision = await guard.check(sample)
    finalized = true
    const unredactedFindings = countUnredacted(decision, blocks)
    const lateFindings = [...blocks.values()].reduce((n, b) => n + b.lateFindings, 0)
    const blocked = decision.outcome === 'block'
    try {
      await guard.record(decision, sample, {
        fallbackUsed: false,
        extra: {
          ...(unredactedFindings ? { unredactedFindings } : {}),
          ...(lateFindings ? { lateFindings } : {}),
          ...(blocked ? { blockedAfterRelease: true } : {}),
        },
      })
    } catch (error) {
      yield { type: 'error', error }
      return
    }
    if (blocked) {
      // A whole-text check failed after text was released: the stream ends in an error, not a finish.
      yield { type: 'error', error: guard.blocked(decision) }
      return
    }
    if (finish) yield finish
  } finally {
    if (!finalized) {
      const sample = fullSample()
      const decision = await guard.check(sample)
      await guard.record(decision, sample, { fallbackUsed: false, extra: { aborted: true } }).catch(() => {})
    }
  }
}

/** Findings of redacting checks in the final decision that were not redacted when released. */
function countUnredacted(decision: SideDecision, blocks: Map<string, HoldBackBuffer>): number {
  if (decision.outcome !== 'redact') return 0
  const list = [...blocks.values()]
  const joined = joinSegments(
    list.map((b) => b.raw),
    '\n',
  )
  const perBlock = splitSpans(joined, spansOf(decision.redactions, 'output'))
  let n = 0
  perBlock.forEach((spans, i) => {
    for (const s of spans) if (!list[i]?.covers(s)) n++
  })
  return n
}
