import { context, SpanStatusCode, trace, type Attributes, type Tracer } from '@opentelemetry/api'
import type { EvidenceRecord } from '../evidence/evidence-record.js'
import type { SideDecision } from './check-side.js'
import type { RequestFacts } from './evidence-writer.js'

/** The tracer vouch uses when none is given: the app's registered provider, or OpenTelemetry's no-op. */
export function defaultTracer(): Tracer {
  return trace.getTracer('vouch')
}

/**
 * One span per guardrail decision (a side of a request), a child of whatever span is active when
 * the model is called (the app's request span), so a trace leads to the evidence rows: each
 * evaluator's verdict is a span event carrying its record's hash. Attributes follow the GenAI
 * semantic conventions (`gen_ai.system`, `gen_ai.request.model`) plus `vouch.*`. Never carries
 * sample text or finding values.
 */
export function emitDecisionSpan({
  tracer,
  facts,
  side,
  decision,
  records,
  startTime,
  error,
}: {
  tracer: Tracer
  facts: RequestFacts
  side: 'input' | 'output'
  decision: SideDecision
  /** The evidence records written for this decision, in evaluator order (missing when the write failed). */
  records: readonly (EvidenceRecord | undefined)[]
  startTime: number
  error?: unknown
}): void {
  const attributes: Attributes = {
    'gen_ai.system': facts.model.provider,
    'gen_ai.request.model': facts.model.id,
    'gen_ai.operation.name': facts.call === 'stream' ? 'chat.stream' : 'chat',
    'vouch.request.id': facts.requestId,
    'vouch.side': side,
    'vouch.outcome': decision.outcome,
    'vouch.evaluators': decision.judgements.map((j) => j.evaluator.name),
    'vouch.evidence.records': records.filter((r) => r !== undefined).length,
  }
  if (facts.route !== undefined) attributes['vouch.route'] = facts.route
  if (facts.cohort !== undefined) attributes['vouch.cohort'] = facts.cohort
  if (facts.prompt) {
    attributes['vouch.prompt.id'] = facts.prompt.id
    attributes['vouch.prompt.version'] = facts.prompt.version
  }
  if (facts.guardInstance !== undefined) attributes['vouch.guard.instance'] = facts.guardInstance
  if (facts.requestSeq !== undefined) attributes['vouch.guard.request_seq'] = facts.requestSeq
  const single = decision.judgements.length === 1 ? decision.judgements[0] : undefined
  if (single) Object.assign(attributes, verdictAttributes(single, records[0]))
  const span = tracer.startSpan(`vouch.guardrail ${side}`, { attributes, startTime }, context.active())
  decision.judgements.forEach((j, i) => span.addEvent('vouch.verdict', verdictAttributes(j, records[i])))
  if (error !== undefined || decision.outcome === 'block') {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error !== undefined ? 'evidence could not be written' : 'blocked by policy' })
  }
  span.end()
}

function verdictAttributes(j: SideDecision['judgements'][number], record: EvidenceRecord | undefined): Attributes {
  const a: Attributes = {
    'vouch.evaluator': j.evaluator.name,
    'vouch.evaluator.version': j.evaluator.version,
    'vouch.verdict': j.result.status,
    'vouch.score': j.result.score,
    'vouch.action': j.action,
  }
  const rubric = j.result.rubric ?? j.evaluator.rubric
  if (rubric) {
    a['vouch.rubric.id'] = rubric.id
    a['vouch.rubric.version'] = rubric.version
  }
  if (j.result.policyId !== undefined) a['vouch.policy.id'] = j.result.policyId
  if (record) {
    a['vouch.evidence.hash'] = record.hash
    a['vouch.evidence.seq'] = record.seq
  }
  const usage = (j.result.details as { judge?: { usage?: { inputTokens?: unknown; outputTokens?: unknown } } } | undefined)?.judge?.usage
  if (typeof usage?.inputTokens === 'number') a['gen_ai.usage.input_tokens'] = usage.inputTokens
  if (typeof usage?.outputTokens === 'number') a['gen_ai.usage.output_tokens'] = usage.outputTokens
  return a
}
