import type { ToolCall } from '../core/index.js'
import { incrementalMode } from './incremental-stream.js'
import { fallbackParts, isReasoning, sidePartClean, textClean, toolCallOf, type FinishPart, type OutputGuard, type Part } from './output-guard.js'
import { spansOf } from './redact-text.js'
import { joinSegments, redactSegments } from './text-segments.js'

export { emptyUsage, type OutputGuard } from './output-guard.js'

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

/**
 * Hold everything with content, check the whole answer (its text deltas joined with `''` in
 * arrival order, as the AI SDK builds the caller's text, whatever their part ids), record the
 * decision, then release it (allowed, redacted, replaced or refused).
 */
async function* bufferMode(source: AsyncGenerator<Part>, guard: OutputGuard): AsyncGenerator<Part> {
  const held: Part[] = []
  const deltas: string[] = []
  const reasoning: string[] = []
  const toolCalls: ToolCall[] = []
  let finish: FinishPart | undefined
  let recorded = false
  const sampleOf = () => guard.sampleOf({ output: deltas.join(''), ...(toolCalls.length ? { toolCalls } : {}) })
  try {
    for await (const part of source) {
      if (part.type === 'stream-start' || part.type === 'response-metadata') yield part
      else if (part.type === 'raw') continue // raw provider chunks carry unchecked text
      else if (isReasoning(part) && guard.reasoning === 'drop') continue
      else if (part.type === 'finish') finish = part
      else {
        if (part.type === 'text-delta') deltas.push(part.delta)
        else if (part.type === 'reasoning-delta') reasoning.push(part.delta)
        else if (part.type === 'tool-call') toolCalls.push(toolCallOf(part.toolName, part.input, part.toolCallId))
        held.push(part)
      }
    }
    const sample = sampleOf()
    const decision = await guard.check(sample)
    const blocked = decision.outcome === 'block'
    const fallbackUsed = blocked && guard.onOutput === 'fallback' && guard.fallback !== undefined
    const passReasoning = guard.reasoning === 'pass' && !blocked && (await textClean(guard, reasoning.join('')))
    const withheld = new Set<Part>()
    if (!blocked) for (const part of held) if (!(await sidePartClean(guard, part))) withheld.add(part)
    const extra = {
      ...(guard.reasoning === 'pass' && reasoning.length ? { reasoning: passReasoning ? 'passed' : 'withheld' } : {}),
      ...(withheld.size ? { withheldParts: withheld.size } : {}),
    }
    recorded = true
    try {
      await guard.record(decision, sample, { fallbackUsed, ...(Object.keys(extra).length ? { extra } : {}) })
    } catch (error) {
      yield { type: 'error', error }
      return
    }
    if (blocked) {
      if (fallbackUsed) yield* fallbackParts(guard.fallback as string, finish)
      else yield { type: 'error', error: guard.blocked(decision) }
      return
    }
    const texts = decision.outcome === 'redact' ? redactSegments(joinSegments(deltas, ''), spansOf(decision.redactions, 'output')) : deltas
    let k = 0
    for (const part of held) {
      if (part.type === 'text-delta') {
        const delta = texts[k++] ?? ''
        if (delta !== '') yield { ...part, delta }
      } else if ((!isReasoning(part) || passReasoning) && !withheld.has(part)) yield part
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
