import { closeSync, existsSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { SuiteConfig } from '../config/config-schema.js'
import { UsageError } from '../core/errors/usage-error.js'
import { hashDataset } from '../dataset/index.js'
import { appendCheckpoint, signCheckpoint } from '../evidence/checkpoint.js'
import type { EvidenceSigner } from '../evidence/signer.js'
import { scanEvidence } from '../evidence/verify-evidence.js'
import { fileSha256 } from '../evidence/verify-log.js'
import { repairTail, type TailRepair } from './repair-tail.js'

/**
 * What a run's results depend on besides the config file: per suite, the bytes of each dataset, the
 * prompt version and the rubric versions. Stored in run.json; `--resume` refuses when any changed,
 * so one run never mixes two dataset hashes or prompts.
 */
export type RunFingerprint = Record<string, { datasets: string[]; prompt?: string; rubrics: string[] }>

export async function runFingerprint(suites: readonly SuiteConfig[], configDir: string): Promise<RunFingerprint> {
  const out: RunFingerprint = {}
  for (const suite of suites) {
    const specs = (Array.isArray(suite.dataset) ? suite.dataset : [suite.dataset]).map((d) => (typeof d === 'string' ? d : d.path))
    const datasets: string[] = []
    for (const path of specs) {
      const abs = resolve(configDir, path)
      datasets.push(existsSync(abs) ? await hashDataset(abs) : 'missing')
    }
    const rubrics = suite.evaluators.flatMap((e) => (e.rubric ? [`${e.rubric.id}@${e.rubric.version}#${e.rubric.sha256}`] : []))
    out[suite.name] = { datasets, ...(suite.prompt ? { prompt: `${suite.prompt.id}@${suite.prompt.version}#${suite.prompt.sha256}` } : {}), rubrics }
  }
  return out
}

/** Names what changed between two fingerprints ("suite support: dataset 1, prompt"), or undefined when equal. */
export function fingerprintChange(before: RunFingerprint | undefined, now: RunFingerprint): string | undefined {
  if (!before) return undefined // a run started by an older vouch: nothing recorded to compare
  const changes: string[] = []
  for (const [suite, n] of Object.entries(now)) {
    const b = before[suite]
    if (!b) continue
    const what: string[] = []
    n.datasets.forEach((h, i) => b.datasets[i] !== h && what.push(`dataset ${i + 1}`))
    if (b.prompt !== n.prompt) what.push('prompt')
    if (b.rubrics.join() !== n.rubrics.join()) what.push('rubric')
    if (what.length) changes.push(`suite ${suite}: ${what.join(', ')}`)
  }
  return changes.length ? changes.join('; ') : undefined
}

/** Writes a small JSON file crash-safely: a temp file beside it, fsync, then an atomic rename. */
export function writeJsonAtomic(path: string, value: unknown): void {
  const tmp = `${path}.tmp-${process.pid}`
  const fd = openSync(tmp, 'w', 0o644)
  try {
    writeSync(fd, `${JSON.stringify(value, null, 2)}\n`)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(tmp, path)
}

export interface ResumeEvidence {
  /** Cases already in the evidence log (suite, dataset path, row). */
  keys: Set<string>
  records: number
  /** Torn tails cut from the journal and the evidence log before continuing. */
  repaired: TailRepair[]
}

export function evidenceKey(suite: string, datasetPath: string, row: number): string {
  return `${suite}\u0000${datasetPath}\u0000${row}`
}

/**
 * Before a run continues: cut a torn last line off the journal and the evidence log (a process
 * killed mid-write), then read the evidence log once, verifying its chain, for the cases already
 * in it, so none is written twice. A log whose chain is broken is refused: continuing it would
 * extend a chain nobody can verify.
 */
export async function prepareResume(journalPath: string, evidencePath: string): Promise<ResumeEvidence> {
  const repaired: TailRepair[] = []
  for (const file of [journalPath, evidencePath]) {
    const cut = await repairTail(file)
    if (cut) repaired.push(cut)
  }
  const keys = new Set<string>()
  if (!existsSync(evidencePath)) return { keys, records: 0, repaired }
  const result = await scanEvidence(evidencePath, {}, (record) => {
    if (record.suite && record.dataset) keys.add(evidenceKey(record.suite, record.dataset.path, record.dataset.row))
  })
  if (!result.ok) {
    const bad = result.firstBad!
    throw new UsageError({ message: `--resume: ${evidencePath}:${bad.line}: the evidence log is not intact (${bad.reason}); it cannot be continued` })
  }
  return { keys, records: result.count, repaired }
}

/**
 * Signs the run's checkpoint: the evidence log's count and last hash, the run id and the sha256 of
 * report.json, so editing the report, the log or both is caught by `vouch verify --key`. Called
 * after the reports are written and before run.json says complete. A stopped run is signed too, with
 * `final: false`: what it kept is provable (a cut tail is caught) and `--resume` may continue the
 * chain, to be sealed with `final: true` when the run completes.
 */
export async function sealRun({
  runDir,
  runId,
  count,
  lastHash,
  signer,
  now,
  final = true,
}: {
  runDir: string
  runId: string
  count: number
  lastHash: string
  signer: EvidenceSigner
  now: () => Date
  final?: boolean
}): Promise<void> {
  const log = join(runDir, 'evidence.jsonl')
  const report = join(runDir, 'report.json')
  const sha256 = existsSync(report) ? await fileSha256(report) : undefined
  const cp = await signCheckpoint(signer, log, {
    count,
    lastHash,
    time: now().toISOString(),
    runId,
    ...(sha256 ? { report: { path: 'report.json', sha256 } } : {}),
    final,
  })
  await appendCheckpoint(log, cp)
}
