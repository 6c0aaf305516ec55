/** Decisions and failing decisions of one criterion in one period (a week or a run). */
export interface TimelineBucket {
  /** ISO date of the week's Monday (UTC), or the run id. */
  key: string
  /** Earliest record time in the bucket (orders runs). */
  from: string
  /** Records that decided something (pass, fail or error; skipped records are not decisions). */
  decisions: number
  /** Failing or erroring records. */
  failing: number
}

export interface ControlTimeline {
  byWeek: TimelineBucket[]
  byRun: TimelineBucket[]
}

/** Monday (UTC) of the week holding an ISO timestamp, as `YYYY-MM-DD`; undefined for an unparsable time. */
export function weekOf(ts: string): string | undefined {
  const t = Date.parse(ts)
  if (!Number.isFinite(t)) return undefined
  const d = new Date(t)
  const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * 86_400_000
  return new Date(monday).toISOString().slice(0, 10)
}

/**
 * Tallies, per criterion, decisions and failures by week and by release-gate run, as evidence
 * streams past: memory holds one small entry per criterion × week (or run), never records.
 */
export class TimelineTally {
  private readonly controls = new Map<string, { weeks: Map<string, TimelineBucket>; runs: Map<string, TimelineBucket> }>()

  add(control: string, record: { ts: string; runId?: string; result: { status: string } }): void {
    if (record.result.status === 'skipped') return
    const failing = record.result.status === 'fail' || record.result.status === 'error' ? 1 : 0
    let entry = this.controls.get(control)
    if (!entry) this.controls.set(control, (entry = { weeks: new Map(), runs: new Map() }))
    const week = weekOf(record.ts)
    if (week) bump(entry.weeks, week, record.ts, failing)
    if (record.runId) bump(entry.runs, record.runId, record.ts, failing)
  }

  timeline(control: string): ControlTimeline {
    const entry = this.controls.get(control)
    if (!entry) return { byWeek: [], byRun: [] }
    const order = (a: TimelineBucket, b: TimelineBucket) => a.from.localeCompare(b.from) || a.key.localeCompare(b.key)
    return { byWeek: [...entry.weeks.values()].sort((a, b) => a.key.localeCompare(b.key)), byRun: [...entry.runs.values()].sort(order) }
  }
}

function bump(map: Map<string, TimelineBucket>, key: string, ts: string, failing: number): void {
  const b = map.get(key)
  if (!b) map.set(key, { key, from: ts, decisions: 1, failing })
  else {
    b.decisions++
    b.failing += failing
    if (ts < b.from) b.from = ts
  }
}

/** Failures per 1,000 decisions. */
export const perThousand = (b: Pick<TimelineBucket, 'decisions' | 'failing'>) => (b.decisions === 0 ? 0 : (b.failing / b.decisions) * 1000)
