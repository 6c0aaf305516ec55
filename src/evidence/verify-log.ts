import { createHash, type KeyObject } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { checkCheckpoint, readCheckpointLines, type Checkpoint } from './checkpoint.js'
import { GENESIS_HASH, type EvidenceRecord } from './evidence-record.js'
import { scanEvidence, type VerifyEvidenceOptions, type VerifyEvidenceResult } from './verify-evidence.js'

export interface SignatureCheck {
  /** True when a public key was given and the checkpoints were checked against it. */
  checked: boolean
  /** Checkpoint lines found beside the log. */
  checkpoints: number
  /** The checkpoint covering the most records that matches the chain (1-based line in the checkpoint file). */
  lastGood?: { line: number; count: number; time: string; final: boolean }
  /** Records after the last good checkpoint, not covered by a signature yet (an open guardrail log). */
  unsigned?: number
  /** Why the log fails the signature check (undefined: it passes, or no key was given). */
  problem?: string
}

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
  const signature: SignatureCheck = { checked: publicKey !== undefined, checkpoints: lines.length }
  const good: { cp: Checkpoint; line: number; matched: boolean }[] = []
  let problem: string | undefined
  if (publicKey) {
    if (lines.length === 0) problem = 'no signed checkpoint beside the log: it cannot be proven complete and unaltered'
    for (const [i, text] of lines.entries()) {
      const check = checkCheckpoint(text, publicKey)
      if (!check.ok) {
        problem ??= `checkpoint line ${i + 1}: ${check.reason}`
        break
      }
      good.push({ cp: check.checkpoint, line: i + 1, matched: false })
    }
  }
  const byCount = new Map<number, typeof good>()
  for (const g of good) byCount.set(g.cp.count, [...(byCount.get(g.cp.count) ?? []), g])
  const matchAt = (count: number, hash: string) => {
    for (const g of byCount.get(count) ?? []) {
      if (g.cp.lastHash === hash) g.matched = true
      else problem ??= `checkpoint line ${g.line} (${g.cp.time}) signed record ${count} with another hash: the log was rewritten`
    }
  }
  matchAt(0, GENESIS_HASH)
  let n = 0
  const chain = await scanEvidence(path, expected, onRecord, (step) => matchAt(++n, step.line.hash))

  if (publicKey && chain.ok) {
    for (const g of good) {
      if (g.cp.count > chain.count) {
        problem ??= `checkpoint line ${g.line} (${g.cp.time}) signed ${g.cp.count} records but the log holds ${chain.count}: the tail was cut`
      }
    }
  }
  const matched = good.filter((g) => g.matched)
  const last = matched.reduce<(typeof good)[number] | undefined>((a, g) => (!a || g.cp.count >= a.cp.count ? g : a), undefined)
  if (last) {
    signature.lastGood = { line: last.line, count: last.cp.count, time: last.cp.time, final: last.cp.final === true }
    if (chain.count > last.cp.count) signature.unsigned = chain.count - last.cp.count
  }
  if (publicKey && chain.ok) {
    const final = good.find((g) => g.cp.final)
    if (final && chain.count > final.cp.count) problem ??= `${chain.count - final.cp.count} records were appended after the run's final signed checkpoint (line ${final.line})`
    if (reportFile !== undefined) {
      const signedReport = [...good].reverse().find((g) => g.cp.report)
      if (!signedReport) problem ??= 'no checkpoint signs the run report: it cannot be proven unaltered'
      else {
        const actual = await fileSha256(reportFile).catch(() => undefined)
        if (actual !== signedReport.cp.report!.sha256) problem ??= `${signedReport.cp.report!.path} is not the report the run signed (checkpoint line ${signedReport.line}): it was edited or replaced`
      }
    }
  }
  if (problem) signature.problem = problem
  return { ok: chain.ok && problem === undefined, chain, signature }
}

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256')
  await pipeline(createReadStream(file), hash)
  return hash.digest('hex')
}
