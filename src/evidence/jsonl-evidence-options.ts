import { z } from 'zod'
import type { EvidenceSigner } from './signer.js'

/**
 * When appended lines are forced to stable storage:
 * - `always`: `append` resolves only after fdatasync covered its line. Survives power loss and
 *   kernel crashes. Concurrent appends share one sync (group commit), sequential awaited appends
 *   pay one sync each (about 0.1–10 ms depending on the disk).
 * - `batch` (default): `append` resolves once the line is written to the file (it survives the
 *   process crashing or being killed); a sync follows within `fsyncIntervalMs` and at `close()`.
 *   A power loss can lose at most that window.
 * - `never`: the operating system flushes when it likes. Fastest; for tests and throwaway runs.
 */
export type FsyncPolicy = 'always' | 'batch' | 'never'

export interface JsonlEvidenceOptions {
  fsync?: FsyncPolicy
  /** For `fsync: 'batch'`: longest time a written line waits for its sync. Default 1000 ms. */
  fsyncIntervalMs?: number
  /** A lock older than this is treated as abandoned (its holder crashed). Default 30 s. */
  lockStaleMs?: number
  /** How long an append waits for another process holding the lock. Default 10 s. */
  lockTimeoutMs?: number
  /**
   * Signs a checkpoint (count, last hash, time) into `<log>.checkpoints.jsonl` every
   * `checkpointEvery.records` records or `checkpointEvery.ms` after an unsigned record, and on
   * close, so `vouch verify --key` detects a rewrite or a cut tail of a log no report describes.
   */
  signer?: EvidenceSigner
  /** Default: every 1000 records or 60 s. */
  checkpointEvery?: { records?: number; ms?: number }
}

export const jsonlEvidenceOptionsSchema = z
  .object({
    fsync: z.enum(['always', 'batch', 'never']),
    fsyncIntervalMs: z.number().int().positive(),
    lockStaleMs: z.number().int().positive(),
    lockTimeoutMs: z.number().int().nonnegative(),
    signer: z.custom<EvidenceSigner>((v) => typeof v === 'object' && v !== null && typeof (v as EvidenceSigner).sign === 'function', 'must be an EvidenceSigner').optional(),
    checkpointEvery: z.object({ records: z.number().int().positive().optional(), ms: z.number().int().positive().optional() }).strict().optional(),
  })
  .strict()

