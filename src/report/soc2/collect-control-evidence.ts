import type { VersionRef } from '../../core/types.js'
import type { EvidenceRecord } from '../../evidence/evidence-record.js'
import type { KeyObject } from 'node:crypto'
import { scanEvidence, type EvidenceBreak } from '../../evidence/verify-evidence.js'
import { readCheckpointLines } from '../../evidence/checkpoint.js'
import { requestsSeen } from '../../evidence/checkpoint-matcher.js'
import { parsePostgresUrl } from '../../evidence/postgres/postgres-url.js'
import { scanPostgresEvidence } from '../../evidence/postgres/scan-postgres-evidence.js'
import { coverageCollector, type CoverageMetrics } from '../coverage/collect-coverage.js'
import type { EvidenceSource, ResolvedSources } from './resolve-evidence-sources.js'
import { TimelineTally, type ControlTimeline } from './control-timeline.js'
import { categoryOf, compareControls, TSC_CATEGORIES, type TscCategoryId } from './trust-services-criteria.js'

/** One evaluator (at one version, with one rubric) operating in one scope (a suite or a guardrail route). */
export interface ControlOperation {
  evaluator: string
  version: string
  rubric?: VersionRef
  owners: string[]
  /** `suite <name>` for release-gate evidence, `route <name>` for guardrail evidence. */
  scope: string
  /** What a subject is: a dataset case (release gate) or a request (guardrail). */
  subject: 'case' | 'request'
  records: number
  pass: number
  fail: number
  error: number
  skipped: number
  /** Distinct cases / requests this evaluator produced a record for. */
  covered: number
  /** Cases / requests in the scope: the run reports' case counts, else the distinct subjects seen in the evidence. */
  population: number
  populationFrom: 'report' | 'evidence'
}

/** A failing or erroring record an auditor can pull from the log. */
export interface SampledRecord {
  file: string
  /** 1-based line in the file; `seq` is the record's position in its chain. */
  line: number
  seq: number
  hash: string
  ts: string
  subject: string
  scope: string
  evaluator: string
  version: string
  status: 'fail' | 'error'
  policyId?: string
  reason: string
  action?: string
}

export interface ControlSection {
  control: string
  operations: ControlOperation[]
  failing: number
  /** Up to `sampleSize` failing/erroring records, the ones with the smallest hashes: reproducible, not hand-picked. */
  sample: SampledRecord[]
  /** Decisions and failures per week and per run (for the over-time view). */
  timeline?: ControlTimeline
}

export interface CategorySection {
  id: TscCategoryId
  name: string
  summary: string
  controls: ControlSection[]
}

export interface SourceVerification {
  file: string
  kind: EvidenceSource['kind']
  runId?: string
  ok: boolean
  records: number
  lastHash: string
  firstBad?: EvidenceBreak
  /** What the end of the log was checked against (a report or manifest), if anything. */
  checkedAgainst?: string
  /** A store's chain whose signed checkpoints failed the check against the key. */
  signatureProblem?: string
}

export interface ControlEvidence {
  sources: SourceVerification[]
  problems: { file: string; reason: string }[]
  /** True when every log verified and no problem was found. */
  intact: boolean
  records: number
  period?: { from: string; to: string }
  runs: string[]
  categories: CategorySection[]
  /** Evaluators that declare no criterion: their records evidence nothing in this report. */
  unmapped: ControlOperation[]
  /**
   * Production coverage from the same records (src/report/coverage): audit-log coverage, fail rate
   * by route and cohort, privacy failures per 1,000 requests, drift, judge agreement.
   */
  coverage: CoverageMetrics
  /** The request counts in `coverage.audit` came from checkpoints checked against a key. */
  coverageSigned: boolean
}

export interface CollectOptions {
  /** Failing records sampled per criterion (default 10). */
  sampleSize?: number
  /** How a file is named in the report (default: as given). */
  display?: (path: string) => string
  /** Check PostgreSQL stores' signed checkpoints, and take request counts only from verified checkpoints. */
  publicKey?: KeyObject
}

interface OpTally extends Omit<ControlOperation, 'owners' | 'covered' | 'population' | 'populationFrom'> {
  owners: Set<string>
  bit: number
  scopeKey: string
}

/**
 * Read every evidence log once, as a stream, verifying its chain as it goes (`scanEvidence`), and
 * tally per criterion: which evaluators/rubrics operated, at which versions, owned by whom, on how
 * many cases or requests (coverage), with which outcomes, plus a reproducible sample of failures.
 * Memory holds one small entry per case or request (for coverage), never the records. Records
 * after a chain break are not counted: the report says so.
 */
export async function collectControlEvidence(
  { sources, runs, problems }: ResolvedSources,
  { sampleSize = 10, display = (p) => p, publicKey }: CollectOptions = {},
): Promise<ControlEvidence> {
  const ops = new Map<string, OpTally>()
  // Per scope: subject → bitset of the operations that covered it.
  const subjects = new Map<string, Map<string, number[]>>()
  const perControl = new Map<string, { ops: Set<string>; failing: number; sample: SampledRecord[] }>()
  const unmappedKeys = new Set<string>()
  const runIds = new Set<string>()
  let from: string | undefined
  let to: string | undefined
  let total = 0
  const verifications: SourceVerification[] = []
  const timelines = new TimelineTally()
  const coverage = coverageCollector()

  for (const source of sources) {
    if (source.kind === 'store') {
      const shown = parsePostgresUrl(source.path).display
      const store = await scanPostgresEvidence(
        source.path,
        (record, chainId) => {
          total++
          take(record, `${shown} chain ${chainId}`)
        },
        publicKey ? { publicKey } : {},
      )
      coverage.addRequestsSeen(store.requests)
      for (const c of store.chains) {
        verifications.push({
          file: `${shown} chain ${c.chainId}`,
          kind: 'store',
          ok: c.ok,
          records: c.count,
          lastHash: c.lastHash,
          ...(c.firstBad ? { firstBad: c.firstBad } : {}),
          checkedAgainst: `${shown} chain registry`,
          ...(c.signature.problem ? { signatureProblem: c.signature.problem } : {}),
        })
      }
      for (const id of store.unregistered) problems.push({ file: shown, reason: `records of chain "${id}" exist but the chain is missing from the store's registry` })
      continue
    }
    const file = display(source.path)
    const result = await scanEvidence(source.path, source.expected ? { expectedLastHash: source.expected.lastHash, expectedCount: source.expected.count } : {}, (record) => {
      total++
      take(record, file)
    })
    verifications.push({
      file,
      kind: source.kind,
      ...(source.runId ? { runId: source.runId } : {}),
      ok: result.ok,
      records: result.count,
      lastHash: result.lastHash,
      ...(result.firstBad ? { firstBad: result.firstBad } : {}),
      ...(source.expected ? { checkedAgainst: display(source.expected.from) } : {}),
    })
    coverage.addRequestsSeen(requestsSeen((await readCheckpointLines(source.path)) ?? [], publicKey))
  }

  function take(record: EvidenceRecord, file: string): void {
    coverage.add(record)
    if (from === undefined || record.ts < from) from = record.ts
    if (to === undefined || record.ts > to) to = record.ts
    if (record.runId) runIds.add(record.runId)
    const isRequest = record.requestId !== undefined
    const scope = isRequest ? `route ${record.route ?? '(none)'}` : `suite ${record.suite ?? '(none)'}`
    const subject = isRequest ? record.requestId! : `${record.runId ?? ''}\u0000${record.caseId ?? `#${record.seq}`}`
    const rubric = record.rubric ?? record.result.rubric
    const key = [scope, record.evaluator.name, record.evaluator.version, rubric ? `${rubric.id}@${rubric.version}#${rubric.sha256}` : ''].join('\u0000')
    let op = ops.get(key)
    if (!op) {
      op = {
        evaluator: record.evaluator.name,
        version: record.evaluator.version,
        ...(rubric ? { rubric } : {}),
        owners: new Set(),
        scope,
        scopeKey: scope,
        subject: isRequest ? 'request' : 'case',
        records: 0,
        pass: 0,
        fail: 0,
        error: 0,
        skipped: 0,
        bit: ops.size,
      }
      ops.set(key, op)
    }
    op.records++
    op[record.result.status]++
    if (record.owner) op.owners.add(record.owner)
    let inScope = subjects.get(scope)
    if (!inScope) subjects.set(scope, (inScope = new Map()))
    let bits = inScope.get(subject)
    if (!bits) inScope.set(subject, (bits = []))
    bits[op.bit >> 5] = (bits[op.bit >> 5] ?? 0) | (1 << (op.bit & 31))

    const controls = [...new Set((record.controls ?? []).map((c) => c.trim()).filter(Boolean))]
    if (controls.length === 0) unmappedKeys.add(key)
    const failing = record.result.status === 'fail' || record.result.status === 'error'
    for (const control of controls) {
      let entry = perControl.get(control)
      if (!entry) perControl.set(control, (entry = { ops: new Set(), failing: 0, sample: [] }))
      entry.ops.add(key)
      timelines.add(control, record)
      if (!failing) continue
      entry.failing++
      // Keep the `sampleSize` records with the smallest hashes: a uniform, reproducible sample.
      if (entry.sample.length < sampleSize || record.hash < entry.sample.at(-1)!.hash) {
        const sampled: SampledRecord = {
          file,
          line: record.seq + 1,
          seq: record.seq,
          hash: record.hash,
          ts: record.ts,
          subject: isRequest ? record.requestId! : (record.caseId ?? `#${record.seq}`),
          scope,
          evaluator: record.evaluator.name,
          version: record.evaluator.version,
          status: record.result.status as 'fail' | 'error',
          ...(record.result.policyId ? { policyId: record.result.policyId } : {}),
          reason: record.result.reason,
          ...(record.action ? { action: record.action } : {}),
        }
        const at = entry.sample.findIndex((s) => s.hash > record.hash)
        entry.sample.splice(at === -1 ? entry.sample.length : at, 0, sampled)
        if (entry.sample.length > sampleSize) entry.sample.pop()
      }
    }
  }

  // Coverage denominators: the runs' case counts per suite when a report is at hand.
  const reportedCases = new Map<string, number>()
  const seenRuns = new Set<string>()
  for (const { report } of runs) {
    if (seenRuns.has(report.runId)) continue
    seenRuns.add(report.runId)
    for (const s of report.suites) reportedCases.set(`suite ${s.name}`, (reportedCases.get(`suite ${s.name}`) ?? 0) + s.counts.cases)
  }
  const finish = (op: OpTally): ControlOperation => {
    const inScope = subjects.get(op.scopeKey) ?? new Map<string, number[]>()
    let covered = 0
    for (const bits of inScope.values()) if (((bits[op.bit >> 5] ?? 0) >>> (op.bit & 31)) & 1) covered++
    const reported = reportedCases.get(op.scopeKey)
    const { owners, bit: _b, scopeKey: _k, ...rest } = op
    return {
      ...rest,
      owners: [...owners].sort(),
      covered,
      population: reported ?? inScope.size,
      populationFrom: reported !== undefined ? 'report' : 'evidence',
    }
  }
  const finished = new Map([...ops].map(([k, op]) => [k, finish(op)]))
  const byOrder = (a: ControlOperation, b: ControlOperation) => a.evaluator.localeCompare(b.evaluator) || a.version.localeCompare(b.version) || a.scope.localeCompare(b.scope)

  const categories: CategorySection[] = [...TSC_CATEGORIES.map((c) => ({ id: c.id as TscCategoryId, name: c.name, summary: c.summary })), { id: 'other' as const, name: 'Other identifiers', summary: 'Controls named in evidence that are not Trust Services Criteria ids.' }].map((c) => ({
    ...c,
    controls: [...perControl]
      .filter(([control]) => categoryOf(control) === c.id)
      .sort(([a], [b]) => compareControls(a, b))
      .map(([control, entry]) => ({ control, operations: [...entry.ops].map((k) => finished.get(k)!).sort(byOrder), failing: entry.failing, sample: entry.sample, timeline: timelines.timeline(control) })),
  }))
  const unverified = verifications.some((v) => !v.ok || v.signatureProblem) || problems.length > 0
  return {
    sources: verifications,
    problems,
    intact: !unverified,
    records: total,
    ...(from !== undefined && to !== undefined ? { period: { from, to } } : {}),
    runs: [...runIds].sort(),
    categories: categories.filter((c) => c.id !== 'other' || c.controls.length > 0),
    unmapped: [...unmappedKeys].map((k) => finished.get(k)!).sort(byOrder),
    coverage: coverage.result(),
    coverageSigned: publicKey !== undefined,
  }
}
