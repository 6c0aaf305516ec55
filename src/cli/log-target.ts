import { statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import type { KeyObject } from 'node:crypto'
import { EvidenceReadError } from '../core/errors/evidence-read-error.js'
import { UsageError } from '../core/errors/usage-error.js'
import { readPublicKey } from '../evidence/signer.js'
import type { VerifyEvidenceOptions } from '../evidence/verify-evidence.js'
import type { VerifyLogOptions, VerifyLogResult } from '../evidence/verify-log.js'
import { readRunReportEvidence } from '../runner/read-run-report.js'
import type { RunReport } from '../runner/run-report.js'
import { RunReportError } from '../runner/run-report-error.js'

/** What verify, export and report soc2 check a log against: the report beside it and the signing key. */
export interface LogTarget {
  /** The log file (or, for a store, its URL as shown: no password). */
  log: string
  /** A postgres:// store's URL as given (with any password), to connect with. */
  location?: string
  options: VerifyLogOptions
  /** Where the expected count / last hash came from (a report, the command line), if anywhere. */
  source?: string
}

/**
 * Resolves `LOG | RUN_DIR` (a run folder means its evidence.jsonl and report.json), the
 * expectations of the report beside the log, and `--key`. Shared by verify and export so they
 * check the same things.
 */
export async function resolveLogTarget(
  cwd: string,
  arg: string,
  { report, noReport, key }: { report?: string | undefined; noReport?: boolean | undefined; key?: string | undefined },
): Promise<LogTarget> {
  let log = resolve(cwd, arg)
  let isRunDir = false
  try {
    if (statSync(log).isDirectory()) {
      log = join(log, 'evidence.jsonl')
      isRunDir = true
    }
  } catch {
    // missing: reported by the reader with the path
  }
  const options: VerifyLogOptions = {}
  let source: string | undefined
  if (!noReport) {
    const reportPath = report !== undefined ? resolve(cwd, report) : join(dirname(log), 'report.json')
    const fromReport = await readReportExpectation(reportPath, log, report !== undefined || isRunDir)
    if (fromReport) {
      Object.assign(options, fromReport)
      options.reportFile = reportPath
      source = reportPath
    }
  }
  if (key !== undefined) options.publicKey = await loadKey(resolve(cwd, key))
  return { log, options, ...(source ? { source } : {}) }
}

/** Reads `--key FILE` (an Ed25519 public key, PEM), as a usage error when it is not one. */
export async function loadKey(file: string): Promise<KeyObject> {
  try {
    return await readPublicKey(file)
  } catch (error) {
    throw new UsageError({ message: `--key ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not an Ed25519 public key (PEM)'}` })
  }
}

/** Lines describing the signature check (or its absence) for humans. */
export function describeSignature(result: VerifyLogResult): string[] {
  const sig = result.signature
  const out: string[] = []
  if (!sig.checked) {
    out.push(
      sig.checkpoints > 0
        ? `  ${sig.checkpoints} signed checkpoints beside the log were NOT checked: pass --key PUBLIC_KEY_FILE`
        : '  not signed: someone who can edit this file (and the report beside it) could rewrite it completely undetected; sign checkpoints (vouch keygen, VOUCH_SIGNING_KEY) and verify with --key',
    )
    return out
  }
  if (sig.lastGood) {
    out.push(`  last good checkpoint: line ${sig.lastGood.line} of the checkpoint file, ${sig.lastGood.count} records, signed ${sig.lastGood.time}${sig.lastGood.final ? ' (final)' : ''}`)
  }
  if (sig.problem) out.push(`  SIGNATURE CHECK FAILED: ${sig.problem}`)
  else out.push(`  signed checkpoints verified (${sig.checkpoints})`)
  if (!sig.problem && sig.unsigned) out.push(`  ${sig.unsigned} records after the last checkpoint are not signed yet (a tail cut there cannot be detected)`)
  return out
}

/** `{ evidence: { path, lastHash, count } }` from a run report, when it describes this log. */
async function readReportExpectation(reportPath: string, file: string, explicit: boolean): Promise<VerifyEvidenceOptions | undefined> {
  let evidence: RunReport['evidence'] | undefined
  try {
    evidence = readRunReportEvidence(reportPath)
  } catch (error) {
    if (!RunReportError.isInstance(error)) throw error
    if (error.problem === 'missing' && !explicit) return undefined
    if (error.problem === 'missing') throw new EvidenceReadError({ file: reportPath, detail: 'cannot read the report', cause: error })
    throw new EvidenceReadError({ file: reportPath, detail: `${error.detail} (pass --no-report to ignore it)` })
  }
  if (!evidence) {
    if (explicit) throw new EvidenceReadError({ file: reportPath, detail: 'the report has no "evidence" section' })
    return undefined
  }
  if (!explicit && basename(evidence.path) !== basename(file)) return undefined
  return { expectedLastHash: evidence.lastHash, expectedCount: evidence.count }
}
