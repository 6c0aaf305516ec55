import type { KeyObject } from 'node:crypto'
import { scanEvidenceLocation, type LocationChain } from '../evidence/scan-evidence-location.js'
import type { CliIO } from './cli-io.js'
import { EXIT } from './exit-codes.js'
import { eraseSummary } from './erase-summary.js'

/**
 * `vouch verify postgres://user@host:port/db?table=NAME [--key PUB]`: every chain of the store
 * (one per guardrail instance, or the global chain) checked record by record through a cursor,
 * each chain's end checked against the tail its writer committed in the chain registry, and with
 * a key each chain's signed checkpoints.
 */
export async function verifyPostgresLocation(url: string, { json, publicKey }: { json: boolean; publicKey?: KeyObject | undefined }, io: CliIO): Promise<number> {
  const result = await scanEvidenceLocation(url, undefined, { publicKey })
  if (json) {
    io.stdout.write(`${JSON.stringify(result)}\n`)
    return result.ok ? EXIT.ok : EXIT.failed
  }
  const head = result.ok ? 'intact' : 'TAMPERED'
  io.stdout.write(`${head}: ${result.location}\n  ${result.count} records in ${result.chains.length} chain${result.chains.length === 1 ? '' : 's'}\n`)
  for (const c of result.chains) for (const line of describeChain(c, publicKey !== undefined)) io.stdout.write(`${line}\n`)
  for (const p of result.problems) io.stdout.write(`  ${p}\n`)
  const erased = eraseSummary(result.erased)
  if (erased) io.stdout.write(`  ${erased}\n`)
  io.stdout.write(
    publicKey
      ? "  each chain's end was checked against the tail its writer committed and against its signed checkpoints\n"
      : "  each chain's end was checked against the tail its writer committed; NOT checked against a signing key: someone who can write to the database could rewrite a chain, its registry row and its checkpoints completely undetected (sign checkpoints with VOUCH_SIGNING_KEY and verify with --key)\n",
  )
  return result.ok ? EXIT.ok : EXIT.failed
}

/** One chain's lines: its records or break, and its signed checkpoints (checked or not). */
export function describeChain(c: Pick<LocationChain, 'name' | 'ok' | 'count' | 'lastHash' | 'firstBad' | 'signature'>, keyed: boolean): string[] {
  const out = [c.ok ? `  ${c.name}: ${c.count} records, last hash ${c.lastHash}` : `  ${c.name}: BROKEN at seq ${c.firstBad!.seq}: ${c.firstBad!.reason} (${c.count} records intact before it)`]
  const sig = c.signature
  if (!keyed) {
    if (sig.checkpoints > 0) out.push(`    ${sig.checkpoints} signed checkpoints NOT checked: pass --key PUBLIC_KEY_FILE`)
    return out
  }
  if (sig.lastGood) out.push(`    last good checkpoint: #${sig.lastGood.line} of this chain, ${sig.lastGood.count} records, signed ${sig.lastGood.time}`)
  if (sig.problem) out.push(`    SIGNATURE CHECK FAILED: ${sig.problem}`)
  else {
    out.push(`    signed checkpoints verified (${sig.checkpoints})`)
    if (sig.unsigned) out.push(`    ${sig.unsigned} records after the last checkpoint are not signed yet (a tail cut there cannot be detected)`)
  }
  return out
}
