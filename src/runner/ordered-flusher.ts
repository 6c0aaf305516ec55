/**
 * Releases items in position order although they complete in any order: cases finish out of
 * order under concurrency, but the evidence chain and the report list them in dataset order, so a
 * replayed run writes the same bytes. The runner bounds how far ahead it dispatches (`window`), so
 * the buffer holds at most `window` items.
 */
export class OrderedFlusher<T> {
  private next = 0
  private readonly pending = new Map<number, T | undefined>()
  private chain: Promise<void> = Promise.resolve()
  private waiters: (() => void)[] = []
  /** Set once a flush failed: nothing more is released, and `slot` no longer waits (the caller stops). */
  private failed = false

  constructor(
    private readonly flush: (item: T) => Promise<void>,
    readonly window: number,
  ) {}

  /** Position of the next item to release. */
  get released(): number {
    return this.next
  }

  /** Resolves once `position` is within the window of what has been released. */
  async slot(position: number): Promise<void> {
    while (!this.failed && position - this.next >= this.window) {
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
  }

  /** Hand in the item at `position` (undefined: nothing to write, just advance). */
  add(position: number, item: T | undefined): Promise<void> {
    this.pending.set(position, item)
    this.chain = this.chain.then(() => this.drain())
    // A failed flush (e.g. the evidence disk is full) must not leave dispatchers waiting for a
    // slot that never frees: wake them so the run stops with the error instead of hanging.
    this.chain.catch(() => this.stop())
    return this.chain
  }

  /** Stop releasing: a position will never be handed in (its case failed), so nobody may wait for a slot. */
  stop(): void {
    this.failed = true
    const waiters = this.waiters
    this.waiters = []
    for (const wake of waiters) wake()
  }

  /** Resolves when everything handed in so far has been flushed; rejects if a flush failed. */
  idle(): Promise<void> {
    return this.chain
  }

  private async drain(): Promise<void> {
    while (this.pending.has(this.next)) {
      const item = this.pending.get(this.next)
      this.pending.delete(this.next)
      if (item !== undefined) await this.flush(item)
      this.next++
      const waiters = this.waiters
      this.waiters = []
      for (const wake of waiters) wake()
    }
  }
}
