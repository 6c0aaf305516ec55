import { UsageError } from '../core/errors/usage-error.js'
import type { Sample } from '../core/types.js'

/** Which cases a run evaluates, and when it stops early (`vouch eval --filter/--limit/--max-failures`). */
export interface CaseSelection {
  /** Every filter must match: `key=value` matches `sample.metadata[key]` exactly, anything else is a regex on the case id. */
  filter?: string[]
  /** Most cases evaluated per suite (the first N selected, in dataset order). */
  limit?: number
  /** Stop dispatching new cases once this many cases failed (over the whole run); the run's verdict is then `fail`. */
  maxFailures?: number
}

/** What report.json records about a selection, so a partial run is never mistaken for a full one. */
export interface SelectionInfo extends CaseSelection {
  /** Rows the filter left out (over the whole run; rows after a suite's limit are not read). */
  filteredOut: number
  /** Set when `maxFailures` stopped the run: the suite it stopped in and the failures counted. */
  stoppedEarly?: { suite: string; failedCases: number }
}

type Matcher = (caseId: string, sample: Sample) => boolean

const METADATA_FILTER = /^([A-Za-z_][\w.-]*)=(.*)$/s

/** One `--filter` value as a predicate; a bad regex is a UsageError. */
export function parseCaseFilter(text: string): Matcher {
  const meta = METADATA_FILTER.exec(text)
  if (meta) {
    const [, key, value] = meta as unknown as [string, string, string]
    return (_id, sample) => {
      const v = sample.metadata?.[key]
      return v !== undefined && v !== null && (typeof v === 'object' ? JSON.stringify(v) : String(v)) === value
    }
  }
  let pattern: RegExp
  try {
    pattern = new RegExp(text)
  } catch (error) {
    throw new UsageError({ message: `--filter "${text}": not a valid regular expression (${(error as Error).message})` })
  }
  return (id) => pattern.test(id)
}

/** Applies a `CaseSelection` while a run reads its rows; the runner asks it before each case. */
export class CaseSelector {
  readonly #matchers: Matcher[]
  readonly #selection: CaseSelection
  #inSuite = 0
  #notSelected = 0
  #failed = 0
  #suite = ''
  #stoppedIn: string | undefined

  constructor(selection: CaseSelection = {}) {
    this.#selection = selection
    this.#matchers = (selection.filter ?? []).map(parseCaseFilter)
  }

  get active(): boolean {
    return this.#matchers.length > 0 || this.#selection.limit !== undefined || this.#selection.maxFailures !== undefined
  }

  startSuite(name: string): void {
    this.#suite = name
    this.#inSuite = 0
  }

  /** Whether this case runs; counts it towards the suite's limit when it does. */
  accepts(caseId: string, sample: Sample): boolean {
    if (this.suiteFull) return false
    if (!this.#matchers.every((m) => m(caseId, sample))) {
      this.#notSelected++
      return false
    }
    this.#inSuite++
    return true
  }

  /** Whether the suite has all the cases it may take (the rest of its rows need not be read). */
  get suiteFull(): boolean {
    return this.#selection.limit !== undefined && this.#inSuite >= this.#selection.limit
  }

  /** Counts a finished case (returned as is); reaching `maxFailures` stops the run. */
  readonly noteCase = <R extends { passed: boolean }>(record: R): R => {
    if (!record.passed) this.#countFailure()
    return record
  }

  #countFailure(): void {
    this.#failed++
    if (this.#selection.maxFailures !== undefined && this.#failed >= this.#selection.maxFailures) this.#stoppedIn ??= this.#suite
  }

  /** True once `maxFailures` failed cases were counted: dispatch no more cases. */
  get stopped(): boolean {
    return this.#stoppedIn !== undefined
  }

  /** True when the early stop happened in this suite (its gate gets a failing `complete` check). */
  stoppedIn(suite: string): boolean {
    return this.#stoppedIn === suite
  }

  info(): SelectionInfo | undefined {
    if (!this.active) return undefined
    return {
      ...this.#selection,
      filteredOut: this.#notSelected,
      ...(this.#stoppedIn !== undefined ? { stoppedEarly: { suite: this.#stoppedIn, failedCases: this.#failed } } : {}),
    }
  }
}
