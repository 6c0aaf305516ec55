import { createHmac } from 'node:crypto'
import type { Finding, Sample, VersionRef } from '../core/index.js'
import { sampleTexts, TEXT_FIELDS } from '../core/sample-texts.js'
import { GuardrailEvidenceError } from '../core/errors/guardrail-evidence-error.js'
import { buildEvidenceEntry, describeEvaluator } from '../evidence/build-evidence-entry.js'
import type { EvidenceRecord, EvidenceSink, StoredSample } from '../evidence/evidence-record.js'
import type { GuardAction, SideDecision } from './check-side.js'
import type { RedactableSpan } from '../redaction/merge-spans.js'
import { storedSample, type StoredTextDetector } from '../evidence/stored-sample.js'
import { defaultStoredTextDetectors } from '../../evaluators/stored-text-detectors.js'

/** What every record of one request shares. */
export interface RequestFacts {
  requestId: string
  route?: string
  prompt?: VersionRef
  model: { provider: string; id: string }
  call: 'generate' | 'stream'
  stream?: 'buffer' | 'incremental'
  userIdHash?: string
  cohort?: string
  /** The guardrail instance and its ordinal for this request (1, 2, …): a request without a record is a gap. */
  guardInstance?: string
  requestSeq?: number
}

export interface RecordDecisionOptions {
  sink: EvidenceSink | undefined
  facts: RequestFacts
  side: 'input' | 'output'
  decision: SideDecision
  /** The sample as judged (raw): stored per `storeSample`. */
  sample: Sample
  storeSample: 'redacted' | 'raw' | 'none'
  salt: string | undefined
  /** The side's answer was replaced by the fallback text. */
  fallbackUsed: boolean
  evidenceFailMode: 'closed' | 'open'
  /** A write that has not settled after this many ms is a failed write (a hanging sink must not hang the request). */
  evidenceTimeoutMs: number
  now: () => number
  /** Extra, non-sensitive facts about this decision (e.g. `blockedMidStream`). */
  extra?: Record<string, unknown>
  /** Called once the decision's records are written (or failed), e.g. to emit its trace span. */
  onRecorded?: (records: (EvidenceRecord | undefined)[], error?: unknown) => void
}

/**
 * Append one record per evaluator of the decision, passes included, before the guardrail acts
 * on it. A sink that cannot write fails the request (`GuardrailEvidenceError`) unless
 * `evidenceFailMode` is `open`, which passes with a process warning: never a silent gap.
 */
export async function recordDecision({
  sink,
  facts,
  side,
  decision,
  sample,
  storeSample,
  salt,
  fallbackUsed,
  evidenceFailMode,
  evidenceTimeoutMs,
  now,
  extra,
  onRecorded,
}: RecordDecisionOptions): Promise<number> {
  if (!sink) {
    onRecorded?.([])
    return 0
  }
  const findings = decision.judgements.flatMap((j) => j.result.findings)
  const stored = storedText(sample, findings, storeSample, salt)
  const ts = new Date(now()).toISOString()
  let written = 0
  try {
    // Hand every record to the sink at once: it keeps their order and writes them in one batch,
    // so a decision costs one write (and one lock hold), not one per evaluator.
    const appends = decision.judgements.map(({ evaluator, result, action, cause, failedOpen }) => {
      const metadata: Record<string, unknown> = {
        side,
        call: facts.call,
        outcome: decision.outcome,
        fallbackUsed,
        ...(facts.stream ? { stream: facts.stream } : {}),
        ...(facts.userIdHash ? { userIdHash: facts.userIdHash } : {}),
        ...(facts.cohort !== undefined ? { cohort: facts.cohort } : {}),
        ...(facts.guardInstance !== undefined ? { guardInstance: facts.guardInstance, requestSeq: facts.requestSeq } : {}),
        ...(action === 'flag' ? { review: true } : {}),
        ...(cause ? { blockCause: cause } : {}),
        ...(result.status === 'error' ? { failMode: failedOpen ? 'open' : 'closed', failModeReason: result.reason } : {}),
        ...extra,
      }
      const entry = buildEvidenceEntry({
        ts,
        subject: { requestId: facts.requestId, ...(facts.route !== undefined ? { route: facts.route } : {}) },
        evaluator: describeEvaluator(evaluator),
        result,
        ...(facts.prompt ? { prompt: facts.prompt } : {}),
        model: facts.model,
        action: recordedAction(action, fallbackUsed),
        sample: stored,
        metadata,
      })
      return sink.append(entry)
    })
    const settled = await withTimeout(Promise.allSettled(appends), evidenceTimeoutMs)
    written = settled.filter((r) => r.status === 'fulfilled').length
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    onRecorded?.(settled.map((r) => (r.status === 'fulfilled' ? r.value : undefined)), failed?.reason)
    if (failed) throw failed.reason
  } catch (error) {
    if (evidenceFailMode === 'closed') throw new GuardrailEvidenceError({ requestId: facts.requestId, side, cause: error })
    const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    process.emitWarning(
      `guardrail could not record evidence for the ${side} of request ${facts.requestId} (${why.slice(0, 300)}); evidenceFailMode is 'open', so the request continues with ${decision.judgements.length - written} record(s) missing`,
      { code: 'VOUCH_EVIDENCE_GAP' },
    )
  }
  return written
}

/** Wait for `promise`, or fail after `ms` (the write may still land later; the request no longer waits for it). */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the evidence sink did not confirm the write within ${ms} ms`)), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

/** A blocking action that ended in the fallback answer is recorded as `fallback`, else as `block`. */
function recordedAction(action: GuardAction, fallbackUsed: boolean): GuardAction {
  if (action === 'block' || action === 'fallback') return fallbackUsed ? 'fallback' : 'block'
  return action
}

/** Salted hash of a user id: the same person maps to the same value, which never reveals the id. */
export function hashUserId(userId: string, salt: string): string {
  return createHmac('sha256', salt).update(`user:${userId}`).digest('hex')
}

/**
 * The text stored with a record, through the evidence module's `storedSample`: `redacted` replaces
 * every PII entity and secret its default detectors find, and every span the decision's evaluators
 * found, by type and salted pseudonym (`<EMAIL_ADDRESS:3f9a1c2e>`), so a data-subject request can
 * find a person's records without the log holding the value. Without a salt nothing is stored
 * (`storage: 'none'`): unsalted pseudonyms could be reversed.
 */
export function storedText(sample: Sample, findings: readonly Finding[], mode: 'redacted' | 'raw' | 'none', salt: string | undefined): StoredSample {
  if (mode === 'redacted' && salt === undefined) return { storage: 'none' }
  if (mode !== 'redacted') return storedSample(sample, { storage: mode })
  return storedSample(sample, { storage: 'redacted', salt: salt as string, detectors: [...defaultStoredTextDetectors(), fromFindings(sample, findings)] })
}

/**
 * A stored-text detector that returns the evaluators' findings for the text it is given: each text
 * of the sample (input, output, context entries, tool-call string leaves by JSON path, from the
 * one sample-text walker) is matched to the findings that point into it.
 */
function fromFindings(sample: Sample, findings: readonly Finding[]): StoredTextDetector {
  const byText = new Map<string, RedactableSpan[]>()
  for (const { field, path, text } of sampleTexts(sample, TEXT_FIELDS)) {
    const own = findings.filter((f) => f.field === field && (f.path ?? undefined) === path)
    if (own.length) byText.set(text, [...(byText.get(text) ?? []), ...own])
  }
  // storedSample puts a tool-argument key in front of the value while detecting (`order id: <value>`):
  // the findings' offsets are into the value, so they are shifted by that prefix.
  return (text) => {
    const exact = byText.get(text)
    if (exact) return exact
    const colon = text.indexOf(': ')
    const own = colon >= 0 ? byText.get(text.slice(colon + 2)) : undefined
    return own ? own.map((f) => ({ type: f.type, start: f.start + colon + 2, end: f.end + colon + 2 })) : []
  }
}
