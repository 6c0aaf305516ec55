/**
 * What a signing sink remembers of `countRequest`: each guardrail instance's highest request
 * ordinal, and whether it moved since the last checkpoint (then a checkpoint is due even when no
 * record was written: a request that left no record must still be counted).
 */
export class RequestCounter {
  private readonly seen = new Map<string, number>()
  /** True when a count moved since the last `take()`. */
  dirty = false

  count(instance: string, seq: number): void {
    if (typeof instance !== 'string' || !Number.isSafeInteger(seq) || seq < 0) return
    if (seq > (this.seen.get(instance) ?? 0)) {
      this.seen.set(instance, seq)
      this.dirty = true
    }
  }

  /** The counts for a checkpoint body (`{}` members only when any instance counted), and clears `dirty`. */
  take(): { requests?: Record<string, number> } {
    this.dirty = false
    return this.seen.size ? { requests: Object.fromEntries([...this.seen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) } : {}
  }
}
