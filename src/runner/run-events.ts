import type { DatasetError } from '../core/errors/dataset-error.js'
import type { CaseRecord, RunReport, SuiteReport } from './run-report.js'

/** What the runner tells its listeners (progress display, tests). Typed, in order. */
export type RunEvent =
  | {
      type: 'run-start'
      runId: string
      runDir: string
      suites: string[]
      resumed: boolean
      /** Torn last lines cut from the journal / evidence log before resuming (a process was killed mid-write). */
      repaired?: { file: string; bytes: number; line: number }[]
      /** Where the salt keying the pseudonyms in evidence came from (`generated`: a new project salt file). */
      salt?: { source: 'env' | 'config' | 'file' | 'generated'; file?: string }
    }
  | { type: 'suite-start'; suite: string; /** Estimated rows (from a line count), when known. */ estimatedRows?: number }
  | { type: 'case-done'; suite: string; record: CaseRecord; done: number; failed: number; reused: boolean }
  | { type: 'row-skipped'; suite: string; error: DatasetError }
  | { type: 'suite-done'; suite: string; report: SuiteReport }
  | { type: 'run-done'; report: RunReport }

export type RunEventListener = (event: RunEvent) => void
