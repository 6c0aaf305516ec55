import { createReadStream, existsSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import type { CaseRecord } from './run-report.js'

/**
 * `results.jsonl` in the run directory: one line per finished case, appended as each case
 * completes (completion order), so a run killed half-way keeps every finished case and `--resume`
 * reuses them instead of running them again. The evidence log is written from these, in dataset order.
 */
export class RunJournal {
  private handle: Promise<FileHandle> | undefined

  constructor(readonly path: string) {}

  /** One `write` per case on a file opened once in append mode: a line is never split or interleaved. */
  async append(record: CaseRecord): Promise<void> {
    this.handle ??= open(this.path, 'a')
    await (await this.handle).write(`${JSON.stringify(record)}\n`)
  }

  async close(): Promise<void> {
    const handle = this.handle
    this.handle = undefined
    if (handle) await (await handle).close()
  }

  /** Finished cases by key. A torn last line (the process died mid-write) is ignored: that case runs again. */
  async load(): Promise<Map<string, CaseRecord>> {
    const done = new Map<string, CaseRecord>()
    if (!existsSync(this.path)) return done
    const lines = createInterface({ input: createReadStream(this.path, 'utf8'), crlfDelay: Infinity })
    for await (const line of lines) {
      if (!line.trim()) continue
      try {
        const record = JSON.parse(line) as CaseRecord
        done.set(caseKey(record.suite, record.dataset, record.row), record)
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
