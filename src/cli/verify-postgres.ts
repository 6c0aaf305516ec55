import { scanEvidenceLocation } from '../evidence/scan-evidence-location.js'
import type { CliIO } from './cli-io.js'
import { EXIT } from './exit-codes.js'

/**
 * `vouch verify postgres://user@host:port/db?table=NAME`: every chain of the store (one per
 * guardrail instance, or the global chain) checked record by record through a cursor, and each
 * chain's end checked against the tail its writer committed in the chain registry.
 */
export async function verifyPostgresLocation(url: string, { json }: { json: boolean }, io: CliIO): Promise<number> {
  const result = await scanEvidenceLocation(url)
  if (json) {
    io.stdout.write(`${JSON.stringify(result)}\n`)
    return result.ok ? EXIT.ok : EXIT.failed
  }
  const head = result.ok ? 'intact' : 'TAMPERED'
  io.stdout.write(`${head}: ${result.location}\n  ${result.count} records in ${result.chains.length} chain${result.chains.length === 1 ? '' : 's'}\n`)
  for (const c of result.chains) {
    if (c.ok) io.stdout.write(`  ${c.name}: ${c.count} records, last hash ${c.lastHash}\n`)
    else io.stdout.write(`  ${c.name}: BROKEN at seq ${c.firstBad!.seq}: ${c.firstBad!.reason} (${c.count} records intact before it)\n`)
  }
  for (const p of result.problems) io.stdout.write(`  ${p}\n`)
  io.stdout.write("  each chain's end was checked against the tail its writer committed; a rewrite of both the records and the registry needs signed checkpoints to detect\n")
  return result.ok ? EXIT.ok : EXIT.failed
}
