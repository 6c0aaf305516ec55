import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import { createInterface } from 'node:readline'
import type { KeyObject } from 'node:crypto'
import { z } from 'zod'
import { canonicalJson } from '../core/canonical-json.js'
import type { EvidenceSigner } from './signer.js'
import { keyIdOf, verifySignature } from './signer.js'

/**
 * A signed statement "this log held `count` records ending in `lastHash` at `time`", written to
 * `<log>.checkpoints.jsonl` beside the log. A run adds `runId` and the sha256 of its report.json
 * (`final`: the run is closed, nothing may follow). Signature: Ed25519 over canonicalJson of every
 * other member, base64.
 */
export const checkpointSchema = z
  .object({
    v: z.literal(1),
    log: z.string(),
    count: z.number().int().nonnegative(),
    lastHash: z.string().regex(/^[0-9a-f]{64}$/),
    time: z.string(),
    keyId: z.string(),
    runId: z.string().optional(),
    report: z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict().optional(),
    final: z.boolean().optional(),
    /**
     * Requests each guardrail instance writing through this sink had seen when it signed
     * (`metadata.guardInstance` → highest `requestSeq`), so coverage counts requests after the
     * last record too (a request that left no record, or a tail cut after the checkpoint).
     */
    requests: z.record(z.string(), z.number().int().nonnegative()).optional(),
    sig: z.string(),
  })
  .strict()

export type Checkpoint = z.infer<typeof checkpointSchema>
export type CheckpointBody = Omit<Checkpoint, 'sig' | 'keyId' | 'v' | 'log'>

/** `evidence.jsonl` → `evidence.checkpoints.jsonl` (same folder). */
export function checkpointPath(log: string): string {
  return log.endsWith('.jsonl') ? `${log.slice(0, -'.jsonl'.length)}.checkpoints.jsonl` : `${log}.checkpoints.jsonl`
}

export function signCheckpoint(signer: EvidenceSigner, log: string, body: CheckpointBody): Promise<Checkpoint> {
  return signCheckpointFor(signer, basename(log), body)
}

/** Signs a checkpoint naming its log by `label` (a file's base name, or `<table>/<chain>` of a PostgreSQL store). */
export async function signCheckpointFor(signer: EvidenceSigner, label: string, body: CheckpointBody): Promise<Checkpoint> {
  const unsigned = { ...body, v: 1 as const, log: label, keyId: signer.keyId }
  const sig = Buffer.from(await signer.sign(Buffer.from(canonicalJson(unsigned)))).toString('base64')
  return { ...unsigned, sig }
}

/** Appends one checkpoint line (one `write` on an O_APPEND file, synced). */
export async function appendCheckpoint(log: string, checkpoint: Checkpoint): Promise<void> {
  const handle = await open(checkpointPath(log), 'a', 0o644)
  try {
    await handle.write(`${canonicalJson(checkpoint)}\n`)
    await handle.datasync()
  } finally {
    await handle.close()
  }
}

export type CheckpointCheck = { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string }

/** Checks one checkpoint line against the public key: schema, key id, signature. */
export function checkCheckpoint(text: string, publicKey: KeyObject): CheckpointCheck {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'malformed JSON' }
  }
  const cp = checkpointSchema.safeParse(parsed)
  if (!cp.success) return { ok: false, reason: 'not a checkpoint (schema)' }
  const expectedId = keyIdOf(publicKey)
  if (cp.data.keyId !== expectedId) return { ok: false, reason: `signed by another key (key id ${cp.data.keyId}, expected ${expectedId})` }
  const { sig, ...unsigned } = cp.data
  if (!verifySignature(publicKey, Buffer.from(canonicalJson(unsigned)), Buffer.from(sig, 'base64'))) {
    return { ok: false, reason: 'signature does not verify (the checkpoint was edited or forged)' }
  }
  return { ok: true, checkpoint: cp.data }
}

/** The raw lines of a log's checkpoint file, or undefined when it has none. */
export async function readCheckpointLines(log: string): Promise<string[] | undefined> {
  const lines: string[] = []
  try {
    const rl = createInterface({ input: createReadStream(checkpointPath(log), 'utf8'), crlfDelay: Infinity })
    for await (const line of rl) if (line.trim()) lines.push(line)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  return lines
}
