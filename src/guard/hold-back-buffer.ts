import { mergeSpans } from '../redaction/merge-spans.js'
import { redactText, type RedactSpan } from './redact-text.js'

/**
 * The incremental stream window of one text block.
 *
 * `raw` is the text seen so far; `committed` is how far (in `raw`) text has been released. A check
 * judges `raw.slice(windowStart())` and gives the spans to redact, in `raw` offsets; `release`
 * then emits the redacted view of `raw[committed, limit)` where
 *
 *   limit = raw.length - holdBack (or raw.length once the block has ended),
 *   moved back to the start of any span that straddles it.
 *
 * Why this is safe: an entity of length <= holdBack that contains a position p < raw.length -
 * holdBack ends before raw.length, so it was wholly in view when p was released — text is only
 * released once every entity it could belong to has been seen whole (split across 2, 3 or any
 * number of chunks). The window reaches `2 * holdBack` back from `committed`, so a detector also
 * sees up to `holdBack` characters of left context (e.g. "SSN:" before a number).
 *
 * Unbounded entities (a URL or a token longer than holdBack): while a detector matches the
 * growing prefix, the span straddles the limit and the whole entity is held, however long. A
 * detector that only matches once the entity is complete can see its first characters released
 * before it matches when the entity is longer than holdBack; such a late match is still redacted
 * from `committed` on, and the final check of the whole text records it (`lateFindings`). Use
 * `stream: 'buffer'` for evaluators that judge the whole text (LLM judges) or unbounded entities.
 */
export class HoldBackBuffer {
  raw = ''
  committed = 0
  /** Spans redacted on release, in `raw` offsets. */
  readonly redacted: RedactSpan[] = []
  /** Spans found starting before `committed`: their start had already been released unredacted. */
  lateFindings = 0

  constructor(
    readonly holdBack: number,
    /**
     * New releasable characters needed before another check runs. Each check judges about
     * `3 * holdBack + step` characters, so `holdBack / 8` keeps the total work linear in the text
     * with a small constant while the first release waits for only `holdBack + step` characters.
     */
    readonly step = Math.max(16, Math.floor(holdBack / 8)),
  ) {}

  push(delta: string): void {
    this.raw += delta
  }

  /** Whether enough new text is releasable to run a check (always at the end of the block). */
  due(final: boolean): boolean {
    if (final) return this.raw.length > this.committed
    return this.raw.length - this.holdBack - this.committed >= this.step
  }

  /** Offset in `raw` where the next check's window starts. */
  windowStart(): number {
    return Math.max(0, this.committed - 2 * this.holdBack)
  }

  /** Text the next check judges. */
  window(): string {
    return this.raw.slice(this.windowStart())
  }

  /**
   * Release what is safe given the spans a check found (in `raw` offsets). Returns the redacted
   * text to emit, possibly empty.
   */
  release(spans: readonly RedactSpan[], final: boolean): string {
    const live: RedactSpan[] = []
    for (const s of mergeSpans(spans, this.raw.length)) {
      if (s.end <= this.committed) continue
      if (s.start < this.committed) {
        this.lateFindings++
        live.push({ ...s, start: this.committed })
      } else live.push(s)
    }
    let limit = final ? this.raw.length : this.raw.length - this.holdBack
    for (const s of live) {
      if (s.start < limit && s.end > limit) {
        limit = s.start
        break
      }
    }
    if (limit <= this.committed) return ''
    const from = this.committed
    const mine = live.filter((s) => s.end <= limit).map((s) => ({ start: s.start - from, end: s.end - from, type: s.type }))
    for (const s of mine) this.redacted.push({ start: s.start + from, end: s.end + from, type: s.type })
    this.committed = limit
    return redactText(this.raw.slice(from, limit), mine)
  }

  /** Whether the span was redacted on release (wholly covered by redacted spans). */
  covers(span: { start: number; end: number }): boolean {
    let pos = span.start
    for (const r of this.redacted) {
      if (r.end <= pos) continue
      if (r.start > pos) return false
      pos = r.end
      if (pos >= span.end) return true
    }
    return pos >= span.end
  }
}
