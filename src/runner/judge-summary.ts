import { skippedJudgeCount } from '../../evaluators/judge/skipped-judge-count.js'
import type { EvalResult } from '../core/types.js'
import type { GateCheck, JudgeCriterionSummary } from './run-report.js'

interface RecordShape {
  provider?: unknown
  modelId?: unknown
  api?: unknown
  endpoint?: unknown
  temperature?: unknown
  votes?: unknown
  prompt?: { sha256?: unknown }
  redaction?: { mode?: unknown; replaced?: Record<string, unknown> }
}

interface CriterionShape {
  id?: unknown
  kind?: unknown
  status?: unknown
  judge?: { agreement?: unknown; pseudonymized?: unknown }
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)

/**
 * Per-criterion tallies of the LLM judge over a suite, from each result's `details.judge` (who
 * judged) and `details.criteria` (each criterion's status and agreement): what summary.md and
 * report.html show per judged criterion. Also counts judge criteria that did not run, for
 * `requireJudge`. Memory: one entry per (evaluator, criterion, judge).
 */
export class JudgeSummary {
  private readonly entries = new Map<string, JudgeCriterionSummary & { agreementSum: number; agreementN: number }>()
  /** Judge criteria (or judge checks) that did not run because no judge was configured. */
  skipped = 0

  add(result: Pick<EvalResult, 'evaluator' | 'details'>): void {
    const record = result.details?.judge as RecordShape | undefined
    if (!record || typeof record !== 'object') return
    this.skipped += skippedJudgeCount(result)
    const modelId = str(record.modelId)
    if (!modelId) return
    const criteria = Array.isArray(result.details?.criteria) ? (result.details.criteria as CriterionShape[]) : []
    for (const c of criteria) {
      if (c.kind !== 'judge' || typeof c.id !== 'string') continue
      const judge = {
        provider: str(record.provider) ?? 'unknown',
        modelId,
        api: str(record.api) ?? 'unknown',
        endpoint: str(record.endpoint) ?? null,
        temperature: num(record.temperature) ?? 0,
        votes: num(record.votes) ?? 1,
        promptSha256: str(record.prompt?.sha256) ?? '',
        redaction: str(record.redaction?.mode) ?? 'unknown',
      }
      const key = JSON.stringify([result.evaluator, c.id, judge])
      let entry = this.entries.get(key)
      if (!entry) {
        entry = { evaluator: result.evaluator, criterion: c.id, judge, pass: 0, fail: 0, notApplicable: 0, error: 0, skipped: 0, agreementSum: 0, agreementN: 0, pseudonymized: 0 }
        this.entries.set(key, entry)
      }
      const status = c.status
      if (status === 'pass') entry.pass++
      else if (status === 'fail') entry.fail++
      else if (status === 'not_applicable') entry.notApplicable++
      else if (status === 'error') entry.error++
      else if (status === 'skipped') entry.skipped++
      entry.pseudonymized += num(c.judge?.pseudonymized) ?? 0
      const agreement = num(c.judge?.agreement)
      if (agreement !== undefined) {
        entry.agreementSum += agreement
        entry.agreementN++
      }
    }
  }

  list(): JudgeCriterionSummary[] {
    return [...this.entries.values()].map(({ agreementSum, agreementN, ...e }) => ({ ...e, ...(agreementN ? { meanAgreement: agreementSum / agreementN } : {}) }))
  }
}

/** `requireJudge`: a judge criterion that did not run fails the gate, whatever `allowSkipped` says. */
export function requireJudgeCheck(summary: JudgeSummary): GateCheck {
  return { scope: 'suite', metric: 'judgeRan', threshold: 0, actual: summary.skipped, passed: summary.skipped === 0 }
}

/** `vouch merge`: the shards' judge tables summed per (evaluator, criterion, judge), and their `judgeRan` checks summed. */
export function mergeJudgeParts(parts: readonly { judges?: JudgeCriterionSummary[] | undefined; gate: { checks: GateCheck[] } }[]): {
  judges?: JudgeCriterionSummary[]
  check?: GateCheck
} {
  const merged = new Map<string, JudgeCriterionSummary & { agreementSum: number; agreementN: number }>()
  for (const j of parts.flatMap((p) => p.judges ?? [])) {
    const key = JSON.stringify([j.evaluator, j.criterion, j.judge])
    const judgedHere = j.pass + j.fail + j.notApplicable
    const e = merged.get(key) ?? { ...j, pass: 0, fail: 0, notApplicable: 0, error: 0, skipped: 0, pseudonymized: 0, agreementSum: 0, agreementN: 0 }
    e.pass += j.pass
    e.fail += j.fail
    e.notApplicable += j.notApplicable
    e.error += j.error
    e.skipped += j.skipped
    e.pseudonymized += j.pseudonymized
    if (j.meanAgreement !== undefined) {
      e.agreementSum += j.meanAgreement * judgedHere
      e.agreementN += judgedHere
    }
    merged.set(key, e)
  }
  const checks = parts.flatMap((p) => p.gate.checks.filter((c) => c.metric === 'judgeRan'))
  const actual = checks.reduce((n, c) => n + c.actual, 0)
  const judges = [...merged.values()].map(({ agreementSum, agreementN, meanAgreement: _m, ...e }) => ({ ...e, ...(agreementN ? { meanAgreement: agreementSum / agreementN } : {}) }))
  return {
    ...(judges.length ? { judges } : {}),
    ...(checks.length ? { check: { scope: 'suite', metric: 'judgeRan', threshold: 0, actual, passed: actual === 0 } } : {}),
  }
}
