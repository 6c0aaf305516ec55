import type { KeyObject } from 'node:crypto'
import { checkCheckpoint, checkpointSchema, type Checkpoint } from './checkpoint.js'
import { GENESIS_HASH } from './evidence-record.js'

export interface SignatureCheck {
  /** True when a public key was given and the checkpoints were checked against it. */
  checked: boolean
  /** Checkpoints found for the log (or the chain). */
  checkpoints: number
  /** The checkpoint covering the most records that matches the chain (1-based position among the checkpoints). */
  lastGood?: { line: number; count: number; time: string; final: boolean }
  /** Records after the last good checkpoint, not covered by a signature yet (an open guardrail log). */
  unsigned?: number
  /** Why the log fails the signature check (undefined: it passes, or no key was given). */
  problem?: string
}

export interface MatchedCheckpoint {
  cp: Checkpoint
  line: number
  matched: boolean
}

/**
 * Matches a log's (or a PostgreSQL chain's) signed checkpoints against its chain while the chain
 * streams past: each checkpoint must be signed by the key, name this log (`belongs`, when given),
 * and sign the hash the chain really has at its record count; none may cover more records than
 * the chain holds (a cut tail). Shared by the file log and the PostgreSQL store, so both reject
 * the same things with the same words.
 */
export class CheckpointMatcher {
  readonly good: MatchedCheckpoint[] = []
  private problem: string | undefined
  private readonly byCount = new Map<number, MatchedCheckpoint[]>()
  private n = 0

  constructor(
    private readonly lines: readonly string[],
    private readonly publicKey: KeyObject | undefined,
    { belongs, what = 'checkpoint line', where = 'beside the log' }: { belongs?: (log: string) => boolean; what?: string; where?: string } = {},
  ) {
    if (!publicKey) return
    if (lines.length === 0) this.problem = `no signed checkpoint ${where}: it cannot be proven complete and unaltered`
    for (const [i, text] of lines.entries()) {
      const check = checkCheckpoint(text, publicKey)
      if (!check.ok) {
        this.problem ??= `${what} ${i + 1}: ${check.reason}`
        break
      }
      if (belongs && !belongs(check.checkpoint.log)) {
        this.problem ??= `${what} ${i + 1} (${check.checkpoint.time}) was signed for another log or chain: it was copied here`
        break
      }
      const g = { cp: check.checkpoint, line: i + 1, matched: false }
      this.good.push(g)
      this.byCount.set(g.cp.count, [...(this.byCount.get(g.cp.count) ?? []), g])
    }
    this.at(0, GENESIS_HASH, what)
  }

  private at(count: number, hash: string, what: string): void {
    for (const g of this.byCount.get(count) ?? []) {
      if (g.cp.lastHash === hash) g.matched = true
      else this.problem ??= `${what} ${g.line} (${g.cp.time}) signed record ${count} with another hash: the log was rewritten`
    }
  }

  /** Call once per intact chain step (records and tombstones), in order, with the step's hash. */
  step(hash: string, what = 'checkpoint line'): void {
    this.at(++this.n, hash, what)
  }

  /** Sets the first problem found outside the matcher (a report check, a final checkpoint…). */
  fail(problem: string): void {
    this.problem ??= problem
  }

  /** The result once the chain was read: `chainOk` and `count` from the chain check. */
  finish(chainOk: boolean, count: number, what = 'checkpoint line'): SignatureCheck {
    if (this.publicKey && chainOk) {
      for (const g of this.good) {
        if (g.cp.count > count) this.fail(`${what} ${g.line} (${g.cp.time}) signed ${g.cp.count} records but the log holds ${count}: the tail was cut`)
      }
      const final = this.good.find((g) => g.cp.final)
      if (final && count > final.cp.count) this.fail(`${count - final.cp.count} records were appended after the run's final signed checkpoint (line ${final.line})`)
    }
    const signature: SignatureCheck = { checked: this.publicKey !== undefined, checkpoints: this.lines.length }
    const last = this.good.filter((g) => g.matched).reduce<MatchedCheckpoint | undefined>((a, g) => (!a || g.cp.count >= a.cp.count ? g : a), undefined)
    if (last) {
      signature.lastGood = { line: last.line, count: last.cp.count, time: last.cp.time, final: last.cp.final === true }
      if (count > last.cp.count) signature.unsigned = count - last.cp.count
    }
    if (this.problem) signature.problem = this.problem
    return signature
  }
}

/**
 * Requests seen per guardrail instance, the highest count any checkpoint states. With a key only
 * checkpoints whose signature verifies count; without one every well-formed checkpoint does (and
 * the caller says the figure is unverified).
 */
export function requestsSeen(lines: readonly string[], publicKey?: KeyObject): Record<string, number> {
  const seen: Record<string, number> = {}
  for (const text of lines) {
    let cp: Checkpoint | undefined
    if (publicKey) {
      const check = checkCheckpoint(text, publicKey)
      cp = check.ok ? check.checkpoint : undefined
    } else {
      try {
        const parsed = checkpointSchema.safeParse(JSON.parse(text))
        cp = parsed.success ? parsed.data : undefined
      } catch {
        cp = undefined
      }
    }
    for (const [instance, n] of Object.entries(cp?.requests ?? {})) if (n > (seen[instance] ?? 0)) seen[instance] = n
  }
  return seen
}
