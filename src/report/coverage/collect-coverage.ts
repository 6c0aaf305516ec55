import type { EvidenceRecord } from '../../evidence/evidence-record.js'

/** Time bucket for the over-time views. */
export type CoverageBucket = 'day' | 'week'

export interface RateRow {
  key: string
  requests: number
  failed: number
  errored: number
  /** failed ÷ requests, undefined when no request. */
  failRate?: number
}

export interface InstanceCoverage {
  instance: string
  /** Requests the guardrail instance saw: the highest request ordinal it recorded, or the count its sink's checkpoints signed when higher. */
  seen: number
  /** Where `seen` comes from: the records alone, or a checkpoint (which also counts requests after the last record). */
  seenFrom: 'records' | 'checkpoint'
  /** Distinct request ordinals with at least one record. */
  recorded: number
  /** Ordinals with no record (first few), so an auditor can look for them. */
  missing: number[]
  coverage: number
}

export interface DriftRow {
  bucket: string
  /** `provider:model` → requests in that bucket. */
  models: Record<string, number>
  /** Models seen in this bucket and in no earlier one. */
  newModels: string[]
}

export interface CoverageMetrics {
  records: number
  requests: number
  from?: string
  to?: string
  /** Audit-log coverage: requests with a record ÷ requests seen, per guardrail instance and overall. */
  audit: { instances: InstanceCoverage[]; seen: number; recorded: number; coverage?: number; unknown: number }
  byRoute: RateRow[]
  byCohort: RateRow[]
  /** Requests with a failed privacy control (Privacy P* / Confidentiality C* criteria, or pii / data-privacy / secrets) per 1,000 requests. */
  privacy: { failedRequests: number; per1000?: number; byBucket: { bucket: string; requests: number; failed: number; per1000: number }[] }
  drift: DriftRow[]
  /** LLM-judge agreement across votes (1 = every vote agreed). */
  judge: { judged: number; meanAgreement?: number; split: number }
}

const PRIVACY_EVALUATORS = new Set(['pii', 'data-privacy', 'secrets'])
const MAX_MISSING_LISTED = 20

function isPrivacyRecord(record: EvidenceRecord): boolean {
  if (PRIVACY_EVALUATORS.has(record.evaluator.name)) return true
  return (record.controls ?? []).some((c) => /^(P\d|C1)/.test(c))
}

/** Start of the record's bucket, as `YYYY-MM-DD` (weeks start on Monday, UTC). */
export function bucketOf(ts: string, bucket: CoverageBucket): string {
  const d = new Date(ts)
  if (Number.isNaN(d.getTime())) return 'unknown'
  if (bucket === 'week') {
    const day = (d.getUTCDay() + 6) % 7
    d.setUTCDate(d.getUTCDate() - day)
  }
  return d.toISOString().slice(0, 10)
}

interface RequestState {
  route: string
  cohort: string
  bucket: string
  model?: string
  failed: boolean
  errored: boolean
  privacyFailed: boolean
}

/**
 * Folds evidence records (any order, any number of logs or chains) into coverage metrics. Memory is
 * bounded by the number of distinct requests and instances, not records; pass records as they
 * stream out of the verifier.
 *
 * Audit-log coverage needs the guardrail's request ordinals: each guardrail instance numbers the
 * requests it sees (`metadata.guardInstance`, `metadata.requestSeq`), so a request that left no
 * record is a gap in the numbering. Records without ordinals (release-gate runs, older logs) count
 * as `unknown`.
 */
export function coverageCollector({ bucket = 'week' }: { bucket?: CoverageBucket } = {}) {
  let records = 0
  let from: string | undefined
  let to: string | undefined
  const requests = new Map<string, RequestState>()
  const instances = new Map<string, { max: number; seen: Set<number>; signed: number }>()
  const unknownRequests = new Set<string>()
  let judged = 0
  let agreementSum = 0
  let split = 0

  function add(record: EvidenceRecord): void {
    records++
    if (from === undefined || record.ts < from) from = record.ts
    if (to === undefined || record.ts > to) to = record.ts
    const meta = record.metadata ?? {}
    const key = record.requestId ?? (record.runId !== undefined && record.caseId !== undefined ? `${record.runId}/${record.caseId}` : `seq:${record.seq}:${record.hash}`)
    let state = requests.get(key)
    if (!state) {
      state = {
        route: record.route ?? record.suite ?? '(none)',
        cohort: typeof meta.cohort === 'string' ? meta.cohort : '(none)',
        bucket: bucketOf(record.ts, bucket),
        failed: false,
        errored: false,
        privacyFailed: false,
      }
      requests.set(key, state)
    }
    if (record.model && state.model === undefined) state.model = `${record.model.provider}:${record.model.id}`
    const status = record.result.status
    if (status === 'fail') state.failed = true
    if (status === 'error') state.errored = true
    if (status === 'fail' && isPrivacyRecord(record)) state.privacyFailed = true

    const instance = meta.guardInstance
    const seq = meta.requestSeq
    if (typeof instance === 'string' && typeof seq === 'number' && Number.isInteger(seq) && seq > 0) {
      let inst = instances.get(instance)
      if (!inst) instances.set(instance, (inst = { max: 0, seen: new Set(), signed: 0 }))
      inst.seen.add(seq)
      if (seq > inst.max) inst.max = seq
    } else {
      unknownRequests.add(key)
    }
    collectJudge(record.result.details)
  }

  /** Requests each guardrail instance had seen, from its sink's checkpoints (`requests`): counts requests after the last record too. */
  function addRequestsSeen(counts: Record<string, number>): void {
    for (const [instance, n] of Object.entries(counts)) {
      if (!Number.isSafeInteger(n) || n < 0) continue
      let inst = instances.get(instance)
      if (!inst) instances.set(instance, (inst = { max: 0, seen: new Set(), signed: 0 }))
      if (n > inst.signed) inst.signed = n
    }
  }

  function collectJudge(details: Record<string, unknown> | undefined): void {
    if (!details) return
    const take = (judge: unknown) => {
      const agreement = (judge as { agreement?: unknown } | undefined)?.agreement
      if (typeof agreement !== 'number' || !Number.isFinite(agreement)) return
      judged++
      agreementSum += agreement
      if (agreement < 1) split++
    }
    take(details.judge)
    const criteria = details.criteria
    if (Array.isArray(criteria)) for (const c of criteria) take((c as { judge?: unknown } | null)?.judge)
  }

  function rates(keyOf: (s: RequestState) => string): RateRow[] {
    const rows = new Map<string, RateRow>()
    for (const s of requests.values()) {
      const k = keyOf(s)
      const row = rows.get(k) ?? { key: k, requests: 0, failed: 0, errored: 0 }
      row.requests++
      if (s.failed) row.failed++
      if (s.errored) row.errored++
      rows.set(k, row)
    }
    return [...rows.values()].map((r) => ({ ...r, failRate: r.failed / r.requests })).sort((a, b) => a.key.localeCompare(b.key))
  }

  function result(): CoverageMetrics {
    const inst: InstanceCoverage[] = [...instances.entries()]
      .map(([instance, { max: recordedMax, seen, signed }]) => {
        const max = Math.max(recordedMax, signed)
        const missing: number[] = []
        for (let n = 1; n <= max && missing.length < MAX_MISSING_LISTED; n++) if (!seen.has(n)) missing.push(n)
        return { instance, seen: max, seenFrom: signed > recordedMax ? ('checkpoint' as const) : ('records' as const), recorded: seen.size, missing, coverage: max === 0 ? 1 : seen.size / max }
      })
      .sort((a, b) => a.instance.localeCompare(b.instance))
    const seen = inst.reduce((n, i) => n + i.seen, 0)
    const recorded = inst.reduce((n, i) => n + i.recorded, 0)

    const byBucket = new Map<string, { requests: number; failed: number }>()
    const drift = new Map<string, Map<string, number>>()
    let privacyFailed = 0
    for (const s of requests.values()) {
      const b = byBucket.get(s.bucket) ?? { requests: 0, failed: 0 }
      b.requests++
      if (s.privacyFailed) {
        b.failed++
        privacyFailed++
      }
      byBucket.set(s.bucket, b)
      if (s.model) {
        const m = drift.get(s.bucket) ?? new Map<string, number>()
        m.set(s.model, (m.get(s.model) ?? 0) + 1)
        drift.set(s.bucket, m)
      }
    }
    const known = new Set<string>()
    const driftRows: DriftRow[] = [...drift.keys()].sort().map((bucketKey) => {
      const models = drift.get(bucketKey)!
      const newModels = [...models.keys()].filter((m) => !known.has(m)).sort()
      for (const m of models.keys()) known.add(m)
      return { bucket: bucketKey, models: Object.fromEntries([...models.entries()].sort()), newModels }
    })
    return {
      records,
      requests: requests.size,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      audit: { instances: inst, seen, recorded, ...(seen > 0 ? { coverage: recorded / seen } : {}), unknown: unknownRequests.size },
      byRoute: rates((s) => s.route),
      byCohort: rates((s) => s.cohort),
      privacy: {
        failedRequests: privacyFailed,
        ...(requests.size > 0 ? { per1000: (privacyFailed * 1000) / requests.size } : {}),
        byBucket: [...byBucket.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => ({ bucket: k, ...v, per1000: (v.failed * 1000) / v.requests })),
      },
      drift: driftRows,
      judge: { judged, ...(judged > 0 ? { meanAgreement: agreementSum / judged } : {}), split },
    }
  }

  return { add, addRequestsSeen, result }
}
