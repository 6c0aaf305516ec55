import type { Sample, ToolCall } from '../core/index.js'
import type { SideDecision } from './check-side.js'
import { HoldBackBuffer, type Release } from './hold-back-buffer.js'
import { fallbackParts, isReasoning, sidePartClean, sideText, textClean, toolCallOf, type FinishPart, type OutputGuard, type Part } from './output-guard.js'
import { spansOf, type RedactSpan } from './redact-text.js'
import { joinSegments, redactSegments } from './text-segments.js'

/** A queued piece of the stream: text (a range of the joined answer text) or another part. */
type Item =
  | { kind: 'text'; id: string; start: number; end: number; template: Extract<Part, { type: 'text-delta' }> }
  /** `at`: how much answer text came before it; `final`: held until the whole answer is checked. */
  | { kind: 'part'; part: Part; at: number; final: boolean }

/**
 * Release text as soon as it is safe and keep every part in its order.
 *
 * - All text deltas, whatever their part id, form one text (joined with `''`, as the caller's
 *   text is), guarded by one `HoldBackBuffer`: an entity split across chunks or across text parts
 *   is seen whole before any of it is released. Other parts wait in the queue until the text
 *   before them is released, so `text-end` never overtakes held text.
 * - Window checks (`partialCheck`) run the deterministic evaluators on the recent text; an LLM
 *   judge is not run on windows.
 * - At the end, one check of the whole answer (text, tool calls, with the request's input and
 *   context; LLM judges run here, once) decides; its record is written BEFORE the last window,
 *   the tool calls and the finish are released. A sink failure or timeout ends the stream with an
 *   error instead, so no complete answer reaches the caller without its record.
 * - Tool calls (and their input parts) are held until that final check; a tool call cannot be
 *   redacted, so a failing one ends the stream with an error.
 * - Reasoning: dropped (default), or with `reasoning: 'pass'` held to the end and released only
 *   when the deterministic checks pass on it.
 */
export async function* incrementalMode(source: AsyncGenerator<Part>, guard: OutputGuard): AsyncGenerator<Part> {
  const buffer = new HoldBackBuffer(guard.holdBack)
  const queue: Item[] = []
  const toolCalls: ToolCall[] = []
  const reasoning: string[] = []
  let released = false
  let finish: FinishPart | undefined
  let finalized = false

  const fullSample = (): Sample => guard.sampleOf({ output: buffer.raw, ...(toolCalls.length ? { toolCalls } : {}) })

  /** Emit queued items wholly before `release.to`; `all` also lets out the parts held for the end. */
  function* drain({ to, spans }: Pick<Release, 'to' | 'spans'>, all: boolean, keep: (part: Part) => boolean = () => true): Generator<Part> {
    while (queue.length) {
      const item = queue[0] as Item
      if (item.kind === 'part') {
        if (item.at > to || (item.final && !all)) return
        queue.shift()
        if (keep(item.part)) yield item.part
        continue
      }
      if (item.start >= to) return
      const end = Math.min(item.end, to)
      const delta = redactRange(buffer.raw, item.start, end, spans)
      if (end < item.end) item.start = end
      else queue.shift()
      if (delta !== '') {
        released = true
        yield { ...item.template, delta }
      }
      if (end < item.end) return
    }
  }

  /** A check blocked: record it and say what to emit instead of the rest. */
  async function* stop(decision: SideDecision, sample: Sample, extra: Record<string, unknown>): AsyncGenerator<Part> {
    finalized = true
    const fallbackUsed = !released && guard.onOutput === 'fallback' && guard.fallback !== undefined
    try {
      await guard.record(decision, sample, { fallbackUsed, extra })
    } catch (error) {
      yield { type: 'error', error }
      return
    }
    if (fallbackUsed) yield* fallbackParts(guard.fallback as string, finish)
    else yield { type: 'error', error: guard.blocked(decision) }
  }

  /**
   * Check the window. Failures with findings act now (redact, or block); failures without
   * findings cannot be judged on part of the text and wait for the final check; errors follow failMode.
   */
  async function window(): Promise<{ release: Release } | { stop: SideDecision; sample: Sample }> {
    const offset = buffer.windowStart()
    const sample = guard.sampleOf({ output: buffer.window() })
    const decision = await guard.partialCheck(sample)
    const acting = decision.judgements.filter((j) => j.action !== 'allow' && (j.result.status === 'error' || j.result.findings.length > 0))
    if (acting.some((j) => j.action === 'block' || j.action === 'fallback')) return { stop: { ...decision, outcome: 'block' }, sample }
    const spans: RedactSpan[] = acting
      .filter((j) => j.action === 'redact')
      .flatMap((j) => spansOf(j.result.findings, 'output'))
      .map((s) => ({ start: s.start + offset, end: s.end + offset, type: s.type }))
    return { release: buffer.release(spans, false) }
  }

  try {
    for await (const part of source) {
      if (part.type === 'raw') continue // raw provider chunks carry unchecked text
      if (part.type === 'finish') {
        finish = part
        continue
      }
      if (isReasoning(part)) {
        if (guard.reasoning === 'drop') continue
        if (part.type === 'reasoning-delta') reasoning.push(part.delta)
        queue.push({ kind: 'part', part, at: buffer.raw.length, final: true })
        continue
      }
      if (part.type === 'text-delta') {
        if (part.delta === '') continue
        const start = buffer.raw.length
        buffer.push(part.delta)
        queue.push({ kind: 'text', id: part.id, start, end: buffer.raw.length, template: part })
        if (!buffer.due()) continue
        const out = await window()
        if ('stop' in out) {
          yield* stop(out.stop, out.sample, { blockedMidStream: true, window: true })
          return
        }
        yield* drain(out.release, false)
        continue
      }
      // Tool calls, and parts with text of their own (files, provider tool results, sources), wait for the final check.
      const final = part.type === 'tool-call' || part.type === 'tool-input-start' || part.type === 'tool-input-delta' || part.type === 'tool-input-end' || sideText(part) !== undefined
      if (part.type === 'tool-call') toolCalls.push(toolCallOf(part.toolName, part.input, part.toolCallId))
      queue.push({ kind: 'part', part, at: buffer.raw.length, final })
      yield* drain({ to: buffer.committed, spans: [] }, false)
    }

    // The decision of record: the whole answer, judged once by every evaluator.
    const sample = fullSample()
    const decision = await guard.check(sample)
    finalized = true
    const blocked = decision.outcome === 'block'
    const spans = decision.outcome === 'redact' ? spansOf(decision.redactions, 'output') : []
    const unredactedFindings = spans.filter((s) => s.start < buffer.committed && !buffer.covers({ start: s.start, end: Math.min(s.end, buffer.committed) })).length
    const passReasoning = guard.reasoning === 'pass' && !blocked && !unredactedFindings && (await textClean(guard, reasoning.join('')))
    const tainted = blocked || unredactedFindings > 0
    const withheld = new Set<Part>()
    if (!tainted) for (const item of queue) if (item.kind === 'part' && !(await sidePartClean(guard, item.part))) withheld.add(item.part)
    try {
      await guard.record(decision, sample, {
        fallbackUsed: blocked && !released && guard.onOutput === 'fallback' && guard.fallback !== undefined,
        extra: {
          ...(unredactedFindings ? { unredactedFindings } : {}),
          ...(buffer.lateFindings ? { lateFindings: buffer.lateFindings } : {}),
          ...(tainted && released ? { blockedAfterRelease: true } : {}),
          ...(guard.reasoning === 'pass' && reasoning.length ? { reasoning: passReasoning ? 'passed' : 'withheld' } : {}),
          ...(withheld.size ? { withheldParts: withheld.size } : {}),
        },
      })
    } catch (error) {
      yield { type: 'error', error }
      return
    }
    if (tainted) {
      // Refused, or found in text already released: nothing more goes out, and the stream ends in an error, not a finish.
      if (!released && guard.onOutput === 'fallback' && guard.fallback !== undefined) yield* fallbackParts(guard.fallback, finish)
      else yield { type: 'error', error: guard.blocked({ ...decision, outcome: 'block' }) }
      return
    }
    yield* drain(buffer.release(spans, true), true, (part) => (!isReasoning(part) || passReasoning) && !withheld.has(part))
    if (finish) yield finish
  } finally {
    if (!finalized) {
      const sample = fullSample()
      const decision = await guard.check(sample)
      await guard.record(decision, sample, { fallbackUsed: false, extra: { aborted: true } }).catch(() => {})
    }
  }
}

/** `raw[start, end)` redacted by spans in `raw` offsets: a placeholder where a span starts, nothing for a span's continuation. */
function redactRange(raw: string, start: number, end: number, spans: readonly RedactSpan[]): string {
  const local = spans.filter((s) => s.end > start && s.start < end)
  if (local.length === 0) return raw.slice(start, end)
  // A span starting before `start` got its placeholder in the delta where it starts: judge from there.
  const base = Math.min(start, ...local.map((s) => s.start))
  const joined = joinSegments([raw.slice(base, start), raw.slice(start, end)], '')
  return redactSegments(joined, local.map((s) => ({ ...s, start: s.start - base, end: s.end - base })))[1] ?? ''
}
