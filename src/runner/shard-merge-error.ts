import { VouchError } from '../core/errors/vouch-error.js'

const name = 'ShardMergeError'
const marker = `vouch.error.${name}`
const symbol = Symbol.for(marker)

export type ShardMergeProblem =
  | 'not_a_run'
  | 'not_a_shard'
  | 'incomplete'
  | 'config_mismatch'
  | 'missing_shard'
  | 'duplicate_shard'
  | 'tampered'
  | 'output_exists'

/** Shard run directories that cannot be merged into one report (exit 2). The message names the directory. */
export class ShardMergeError extends VouchError {
  private readonly [symbol] = true
  readonly problem: ShardMergeProblem
  /** The shard directory at fault, when one is. */
  readonly dir: string | undefined

  constructor({ problem, message, dir, cause }: { problem: ShardMergeProblem; message: string; dir?: string; cause?: unknown }) {
    super({ name, code: `merge_${problem}`, message, cause })
    this.problem = problem
    this.dir = dir
  }

  static override isInstance(error: unknown): error is ShardMergeError {
    return VouchError.hasMarker(error, marker)
  }
}
