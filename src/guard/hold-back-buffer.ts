import { mergeSpans } from '../redaction/merge-spans.js'
import type { RedactSpan } from './redact-text.js'

/** What one `release` lets out: `raw[from, to)`, with the spans to redact there (in `raw` offsets). */
export interface Release {
  from: number
  to: number
  spans: RedactSpan[]
}

/**
 * The incremental stream window over the answer's text as the caller receives it (every text
 * part joined with `''`, so the window spans part boundaries).
 *
 * `raw` is the text seen so far; `committed` is how far (in `raw`) text has been released. A check
 * judges `raw.slice(windowStart())` and gives the spans to redact, in `raw` offsets; `release`
 * then lets out `raw[committed, limit)` where
 *
 *   limit = raw.length - holdBack (or raw.length at the end of the answer),
 *   moved back to the start of any span that straddles it.
 *
 * Why this is safe: an entity of length <= holdBack that contains a position p < raw.length -
 * holdBack ends before raw.length, so it was wholly in view when p was released — text is only
 * released once every entity it could belong to has been seen whole (split across 2, 3 or any
 * number of chunks or parts). The window reaches `2 * holdBack` back from `committed`, so a
 * detector also sees up to `holdBack` characters of left context (e.g. "SSN:" before a number).
 *
 * Unbounded entities (a URL or a token longer than holdBack): while a detector matches the
 * growing prefix, the span straddles the limit and the whole entity is held, however long. A
 * detector that only matches once the entity is complete can see its first characters released
 * before it matches when the entity is longer than holdBack; such a late match is still redacted
 * from `committed` on, counted in `lateFindings`, and the final check of the whole text ends the
 * stream with an error instead of a finish.
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
     * `3 * holdBack + step` characters, so the total work is about `(3 * holdBack / step + 1)`
     * times the text: `holdBack / 4` keeps that near 13 while the first release waits for
     * `holdBack + step` characters (320 by default).
     */
    readonly step = Math.max(16, Math.floor(holdBack / 4)),
  ) {}

  push(delta: string): void {
    this.raw += delta
  }

  /** Whether enough new text is releasable to run a check. */
  due(): boolean {
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

  /** Release what is safe given the spans a check found (in `raw` offsets); `final` releases to the end. */
  release(spans: readonly RedactSpan[], final: boolean): Release {
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
    const from = this.committed
    if (limit <= from) return { from, to: from, spans: [] }
    const mine = live.filter((s) => s.end <= limit)
    this.redacted.push(...mine)
    this.committed = limit
    return { from, to: limit, spans: mine }
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
