import { createReadStream, existsSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { EvidenceWriteError } from '../core/errors/evidence-write-error.js'
import type { CaseRecord } from './run-report.js'

/**
 * `results.jsonl` in the run directory: one line per finished case, appended as each case
 * completes (completion order), so a run killed half-way keeps every finished case and `--resume`
 * reuses them instead of running them again. The evidence log is written from these, in dataset order.
 */
export class RunJournal {
  private handle: Promise<FileHandle> | undefined
  private pending: { line: string; done: () => void; fail: (error: unknown) => void }[] = []
  private writing: Promise<void> | undefined

  constructor(readonly path: string) {}

  /**
   * Resolves once the case's line is written. Cases that finish while a write is in flight go out
   * together in the next single `write` (whole lines only), so a line is never split or interleaved
   * and a fast run does not pay one system call per case.
   */
  append(record: CaseRecord, evaluators: readonly JournalEvaluator[]): Promise<void> {
    return new Promise<void>((done, fail) => {
      this.pending.push({ line: `${JSON.stringify(compactCaseRecord(record, evaluators))}\n`, done, fail })
      this.writing ??= this.drain()
    })
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending
        this.pending = []
        try {
          this.handle ??= open(this.path, 'a')
          await (await this.handle).write(batch.map((p) => p.line).join(''))
          for (const p of batch) p.done()
        } catch (error) {
          // One line for the user (disk full, file-size limit, a directory in the way), never a stack.
          const e = new EvidenceWriteError({ file: this.path, detail: 'cannot append to the run journal', cause: error })
          for (const p of batch) p.fail(e)
        }
      }
    } finally {
      this.writing = undefined
    }
  }

  async close(): Promise<void> {
    await this.writing
    const handle = this.handle
    this.handle = undefined
    if (handle) await (await handle).close()
  }

  /**
   * Finished cases by key, as journalled (results compacted: expand each with `expandCaseRecord`
   * and its suite's evaluators). A torn last line (the process died mid-write) is ignored: that case runs again.
   */
  async load(): Promise<Map<string, CaseRecord>> {
    const done = new Map<string, CaseRecord>()
    if (!existsSync(this.path)) return done
    const lines = createInterface({ input: createReadStream(this.path, 'utf8'), crlfDelay: Infinity })
    for await (const line of lines) {
      if (!line.trim()) continue
      try {
        const record = JSON.parse(line) as CaseRecord
        done.set(caseKey(record.suite, record.dataset ?? 0, record.row), record)
      } catch {
        // a torn final line from a killed process: the case is simply not done
      }
    }
    return done
  }
}

export function caseKey(suite: string, dataset: number, row: number): string {
  return `${suite}\u0000${dataset}\u0000${row}`
}

/** What a journal line leaves out of a result is recovered from its suite's evaluator at the same index. */
export interface JournalEvaluator {
  name: string
  version: string
}

/**
 * A case as journalled: each result without what its evaluator (same index in the suite; a resumed
 * run refuses changed evaluators) and its status already say (`evaluator`, `version`, `passed`
 * when it is `status === 'pass'`, empty `findings`), and `durationMs` to the microsecond; the case
 * without `dataset` 0 and without `passed` when it is "every result passed".
 */
export function compactCaseRecord(record: CaseRecord, evaluators: readonly JournalEvaluator[]): CaseRecord {
  const results = record.results.map((result, i) => {
    const { evaluator, version, passed, findings, durationMs, ...rest } = result
    const own = evaluators[i]
    return {
      ...(evaluator !== own?.name ? { evaluator } : {}),
      ...(version !== own?.version || evaluator !== own?.name ? { version } : {}),
      ...(passed !== (result.status === 'pass') ? { passed } : {}),
      ...(findings.length > 0 ? { findings } : {}),
      ...rest,
      durationMs: Math.round(durationMs * 1000) / 1000,
    }
  })
  const { dataset, passed, ...rest } = record
  return {
    ...rest,
    ...(dataset !== 0 ? { dataset } : {}),
    results: results as CaseRecord['results'],
    ...(passed !== record.results.every((r) => r.status === 'pass') ? { passed } : {}),
  } as CaseRecord
}

/** A journalled case with its results whole again (lines written whole, by older versions, pass unchanged). */
export function expandCaseRecord(record: CaseRecord, evaluators: readonly JournalEvaluator[]): CaseRecord {
  const results = record.results.map((stored, i) => {
    const { evaluator, version, status, passed, score, reason, findings, durationMs, ...rest } = stored as Partial<CaseRecord['results'][number]> & Pick<CaseRecord['results'][number], 'status'>
    const own = evaluators[i]
    // Members in the order an evaluator's result has them, so a resumed run's report reads as a fresh one's.
    return {
      evaluator: evaluator ?? own?.name ?? 'unknown',
      version: version ?? own?.version ?? 'unknown',
      status,
      passed: passed ?? status === 'pass',
      score,
      reason,
      findings: findings ?? [],
      durationMs,
      ...rest,
    } as CaseRecord['results'][number]
  })
  const { suite, caseId, dataset, row, line, results: _results, passed, ...rest } = record as Partial<CaseRecord> & Pick<CaseRecord, 'suite' | 'caseId' | 'row' | 'line' | 'results'>
  // Members in the order the runner makes them (model and sample sit between line and results).
  return { suite, caseId, dataset: dataset ?? 0, row, line, ...rest, results, passed: passed ?? results.every((r) => r.status === 'pass') }
}
