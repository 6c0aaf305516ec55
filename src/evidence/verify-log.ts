import { createHash, type KeyObject } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { readCheckpointLines } from './checkpoint.js'
import { CheckpointMatcher, type SignatureCheck } from './checkpoint-matcher.js'
import type { EvidenceRecord } from './evidence-record.js'
import { scanEvidence, type VerifyEvidenceOptions, type VerifyEvidenceResult } from './verify-evidence.js'

export type { SignatureCheck } from './checkpoint-matcher.js'

export interface VerifyLogResult {
  ok: boolean
  chain: VerifyEvidenceResult
  signature: SignatureCheck
}

export interface VerifyLogOptions extends VerifyEvidenceOptions {
  /** Ed25519 public key the checkpoints must be signed with. */
  publicKey?: KeyObject
  /** A run's report.json: its sha256 must be the one the run's final checkpoint signed. */
  reportFile?: string
}

/**
 * The full check of a log: the hash chain (`scanEvidence`), then with a public key the signed
 * checkpoints beside it — each signed by that key, each matching the chain at its record count, none
 * covering more records than the log holds (a cut tail), nothing after a run's final checkpoint,
 * and the run's report.json byte-identical to the one signed. Streams the log once.
 */
export async function verifyEvidenceLog(
  path: string,
  { publicKey, reportFile, ...expected }: VerifyLogOptions,
  onRecord: (record: EvidenceRecord) => void | Promise<void> = () => {},
): Promise<VerifyLogResult> {
  const lines = (await readCheckpointLines(path)) ?? []
  const matcher = new CheckpointMatcher(lines, publicKey)
  const chain = await scanEvidence(path, expected, onRecord, (step) => matcher.step(step.line.hash))
  if (publicKey && chain.ok && reportFile !== undefined) {
    const signedReport = [...matcher.good].reverse().find((g) => g.cp.report)
    if (!signedReport) matcher.fail('no checkpoint signs the run report: it cannot be proven unaltered')
    else {
      const actual = await fileSha256(reportFile).catch(() => undefined)
      if (actual !== signedReport.cp.report!.sha256) matcher.fail(`${signedReport.cp.report!.path} is not the report the run signed (checkpoint line ${signedReport.line}): it was edited or replaced`)
    }
  }
  const signature = matcher.finish(chain.ok, chain.count)
  return { ok: chain.ok && signature.problem === undefined, chain, signature }
}

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256')
  await pipeline(createReadStream(file), hash)
  return hash.digest('hex')
}
