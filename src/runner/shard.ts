import { createHash } from 'node:crypto'

/**
 * The shard (0-based) a case belongs to, from a hash of its id: deterministic across machines
 * and independent of row order, so `--shard i/n` slices are disjoint and together complete.
 */
export function shardOf(caseId: string, count: number): number {
  const digest = createHash('sha256').update(caseId).digest()
  return digest.readUInt32BE(0) % count
}
