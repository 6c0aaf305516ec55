import type { EvalResult, Evaluator, ModelRef, VersionRef } from '../core/types.js'
import type { EvidenceEntry, StoredResult, StoredSample } from './evidence-record.js'

/** What an evidence record says about the evaluator that produced it. */
export interface EvaluatorDescription {
  name: string
  version: string
  configHash: string
  controls?: string[]
  rubric?: VersionRef
  owner?: string
}

/** The evaluator's identity, controls, rubric and owner, as every record and report lists them. */
export function describeEvaluator(e: Evaluator): EvaluatorDescription {
  return {
    name: e.name,
    version: e.version,
    configHash: e.configHash,
    ...(e.controls?.length ? { controls: e.controls } : {}),
    ...(e.rubric ? { rubric: e.rubric } : {}),
    ...(typeof e.owner === 'string' && e.owner ? { owner: e.owner } : {}),
  }
}

/** Where a record comes from: a release-gate case (`runId`, `suite`, `caseId`, `dataset`) or a guardrail request (`requestId`, `route`). */
export type EvidenceSubject =
  | { runId: string; suite: string; caseId: string; dataset: { path: string; sha256: string; row: number }; git?: { commit: string; dirty: boolean } }
  | { requestId: string; route?: string }

export interface BuildEvidenceEntryOptions {
  ts: string
  subject: EvidenceSubject
  evaluator: EvaluatorDescription
  result: EvalResult
  prompt?: VersionRef
  model?: ModelRef
  sample?: StoredSample
  action?: EvidenceEntry['action']
  metadata?: Record<string, unknown>
}

/**
 * The one builder of evidence entries, used by the release-gate runner and the guardrail alike, so
 * both write the same fields: the evaluator (name, version, config hash), its `controls` and
 * `owner`, the `rubric` (the result's, else the evaluator's), the prompt and model, the result
 * without `durationMs` (a replayed run reproduces the log byte for byte), and the stored sample.
 */
export function buildEvidenceEntry({ ts, subject, evaluator, result, prompt, model, sample, action, metadata }: BuildEvidenceEntryOptions): EvidenceEntry {
  const { durationMs: _duration, ...stored } = result
  const rubric = result.rubric ?? evaluator.rubric
  const gate = 'runId' in subject ? subject : undefined
  return {
    ts,
    ...(gate ? { runId: gate.runId, suite: gate.suite, caseId: gate.caseId } : {}),
    ...('requestId' in subject ? { requestId: subject.requestId, ...(subject.route !== undefined ? { route: subject.route } : {}) } : {}),
    ...(prompt ? { prompt } : {}),
    ...(rubric ? { rubric } : {}),
    ...(evaluator.owner ? { owner: evaluator.owner } : {}),
    ...(evaluator.controls?.length ? { controls: evaluator.controls } : {}),
    ...(gate ? { dataset: gate.dataset } : {}),
    ...(model ? { model } : {}),
    evaluator: { name: evaluator.name, version: evaluator.version, configHash: evaluator.configHash },
    result: stored as StoredResult,
    ...(action ? { action } : {}),
    ...(sample ? { sample } : {}),
    ...(gate?.git ? { git: gate.git } : {}),
    ...(metadata ? { metadata } : {}),
  }
}
