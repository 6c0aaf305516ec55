import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { UsageError } from '../core/errors/usage-error.js'
import type { TailRepair } from './repair-tail.js'
import { fingerprintChange, prepareResume, writeJsonAtomic, type RunFingerprint } from './run-dir-state.js'
import { RunJournal } from './run-journal.js'
import type { CaseRecord } from './run-report.js'

/** `run.json` in a run directory: what started the run, so `--resume` can refuse a changed config. */
export interface RunState {
  runId: string
  startedAt: string
  status: 'running' | 'complete' | 'aborted'
  configSha256: string
  suites: string[]
  /** Per suite, `name@version#configHash` of each evaluator. */
  evaluators: Record<string, string[]>
  shard?: { index: number; count: number }
  /** Dataset bytes, prompt and rubric versions per suite: `--resume` refuses when any changed. */
  fingerprint?: RunFingerprint
}

/** What a resumed run already has: finished cases (journal) and the cases already in the evidence log. */
export interface ResumeState {
  /** Finished cases by `caseKey(suite, dataset, row)`. */
  done: Map<string, CaseRecord>
  /** Cases already in the evidence log, by `evidenceKey(suite, datasetPath, row)`. */
  inEvidence: Set<string>
  /** Records already in the evidence log. */
  evidenceRecords: number
  /** Torn last lines cut from the journal / evidence log before resuming. */
  repaired: TailRepair[]
}

export interface RunDirectory {
  runId: string
  runDir: string
  state: RunState
  journal: RunJournal
  evidencePath: string
  resumed: ResumeState
  /** Record the run's final status in run.json. */
  finish(status: 'complete' | 'aborted'): void
}

export interface OpenRunDirectoryOptions {
  reportsRoot: string
  runId?: string
  resume: boolean
  configSha256: string
  suites: string[]
  evaluators: Record<string, string[]>
  shard?: { index: number; count: number }
  fingerprint: RunFingerprint
  now: () => Date
  generateId: () => string
}

/**
 * Create the run directory (or reopen the one being resumed, after checking that neither the config
 * nor an evaluator changed since it started), write run.json, and load what a resumed run keeps.
 */
export async function openRunDirectory({ reportsRoot, runId: requested, resume, configSha256, suites, evaluators, shard, fingerprint, now, generateId }: OpenRunDirectoryOptions): Promise<RunDirectory> {
  let runId: string
  let state: RunState
  if (resume) {
    runId = requested ?? latestUnfinishedRun(reportsRoot)
    const statePath = join(reportsRoot, runId, 'run.json')
    if (!existsSync(statePath)) throw new UsageError({ message: `--resume: no run "${runId}" in ${reportsRoot}` })
    state = JSON.parse(readFileSync(statePath, 'utf8')) as RunState
    if (state.status === 'complete') throw new UsageError({ message: `--resume: run ${runId} already completed` })
    if (state.configSha256 !== configSha256 || JSON.stringify(state.evaluators) !== JSON.stringify(evaluators)) {
      throw new UsageError({
        message: `--resume: the config or an evaluator changed since run ${runId} started; resuming would mix versions in one run. Start a new run.`,
      })
    }
    const changed = fingerprintChange(state.fingerprint, fingerprint)
    if (changed) throw new UsageError({ message: `--resume: changed since run ${runId} started (${changed}); resuming would mix versions in one run. Start a new run.` })
  } else {
    runId = requested ?? defaultRunId(now(), generateId())
    if (existsSync(join(reportsRoot, runId, 'run.json'))) throw new UsageError({ message: `run ${runId} already exists in ${reportsRoot}; use --resume to continue it` })
    state = { runId, startedAt: now().toISOString(), status: 'running', configSha256, suites, evaluators, fingerprint, ...(shard ? { shard } : {}) }
  }
  const runDir = join(reportsRoot, runId)
  mkdirSync(runDir, { recursive: true })
  const writeState = () => writeJsonAtomic(join(runDir, 'run.json'), state)
  writeState()

  const journal = new RunJournal(join(runDir, 'results.jsonl'))
  const evidencePath = join(runDir, 'evidence.jsonl')
  // Cut torn tails and verify the evidence chain first, so the journal is read whole and no case's evidence is written twice.
  const { keys, records, repaired } = resume ? await prepareResume(journal.path, evidencePath) : { keys: new Set<string>(), records: 0, repaired: [] }
  const done = resume ? await journal.load() : new Map<string, CaseRecord>()
  return {
    runId,
    runDir,
    state,
    journal,
    evidencePath,
    resumed: { done, inEvidence: keys, evidenceRecords: records, repaired },
    finish(status) {
      state.status = status
      writeState()
    },
  }
}

export function defaultRunId(date: Date, id: string): string {
  const stamp = date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `${stamp}-${id}`
}

function latestUnfinishedRun(root: string): string {
  const candidates = existsSync(root)
    ? readdirSync(root, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'run.json')))
        .map((d) => ({ name: d.name, state: JSON.parse(readFileSync(join(root, d.name, 'run.json'), 'utf8')) as RunState }))
        .filter((r) => r.state.status !== 'complete')
        .sort((a, b) => a.state.startedAt.localeCompare(b.state.startedAt))
    : []
  const last = candidates.at(-1)
  if (!last) throw new UsageError({ message: `--resume: no unfinished run in ${root}` })
  return last.name
}

export { evidenceKey } from './run-dir-state.js'
