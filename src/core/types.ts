/**
 * The types every part of vouch shares. `core` imports nothing of ours: arrows point inward
 * (cli -> runner/guard -> evaluators -> core).
 */

/** A versioned, content-addressed reference: prompt template, rubric, policy. */
export interface VersionRef {
  id: string
  version: string
  /** sha256 (hex) of the referenced content, so an edit without a version bump is visible. */
  sha256: string
}

/** Which model produced (or will receive) a sample. */
export interface ModelRef {
  provider: string
  id: string
  region?: string
}

export interface ToolCall {
  name: string
  args: unknown
  id?: string
}

/** One thing to judge. */
export interface Sample {
  id?: string
  /** What the user / upstream sent. */
  input?: string
  /** What the model answered. */
  output?: string
  /** Retrieved documents, tool results. */
  context?: string[]
  toolCalls?: ToolCall[]
  model?: ModelRef
  metadata?: Record<string, unknown>
}

/** The textual fields of a sample a finding can point into: `input`, `output`, `context[0]`, `toolCalls[2].args`. */
export type SampleField = string

/**
 * Something an evaluator found. Offsets are JS string offsets into `sample[field]`.
 * A finding never carries the matched value: reports and evidence must not hold raw PII.
 */
export interface Finding {
  type: string
  field: SampleField
  start: number
  end: number
  /** Confidence in [0, 1]. */
  score: number
  detector?: string
  /** For structured findings (outputRange, toolPolicy): JSON path such as `$.creditScore`. */
  path?: string
  /** A short description that never quotes the offending value. */
  message?: string
}

export type EvalStatus = 'pass' | 'fail' | 'error' | 'skipped'

/** What a guardrail or reviewer should do about a result beyond pass/fail. */
export type ResultAction = 'review'

/**
 * What producing a result cost, beyond time: LLM-judge calls (retries and votes included) and
 * tokens. Typed on the result so the runner can sum it per suite for every evaluator alike.
 */
export interface EvalUsage {
  judgeCalls: number
  inputTokens: number
  outputTokens: number
}

export interface EvalResult {
  evaluator: string
  version: string
  status: EvalStatus
  passed: boolean
  /** In [0, 1]. */
  score: number
  /** A human sentence that never contains raw PII or secrets. */
  reason: string
  findings: Finding[]
  policyId?: string
  rubric?: VersionRef
  action?: ResultAction
  /** Evaluator-specific, JSON-serialisable extras (criteria verdicts, judge agreement, ...). */
  details?: Record<string, unknown>
  /** LLM-judge calls and tokens spent on this result, when the evaluator called a judge. */
  usage?: EvalUsage
  durationMs: number
}

/** Passed to `evaluate`. Nothing in it says whether this is a release gate or production. */
export interface EvalContext {
  /** Aborted when the caller's timeout expires or the run is cancelled. */
  signal?: AbortSignal
  /**
   * Applied by the host to every AI SDK model an evaluator calls (an LLM judge): the release gate
   * uses it for record/replay cassettes. Evaluators call `ctx.wrapModel?.(model) ?? model`.
   */
  wrapModel?: <M>(model: M) => M
}

/** SOC 2 Trust Services Criteria identifiers an evaluator evidences, e.g. `CC6.1`, `PI1.3`, `C1.1`, `P4.2`. */
export type ControlId = string

export interface Evaluator {
  name: string
  version: string
  /** sha256 of the canonical JSON of the evaluator's options: two configurations never share a hash. */
  configHash: string
  /** Trust Services Criteria this evaluator evidences (for the SOC 2 control report). */
  controls?: ControlId[]
  /** Rubric or policy this evaluator applies, when it has one. */
  rubric?: VersionRef
  /** Who owns the control this evaluator evidences (from its rubric or policy), copied into every evidence record. */
  owner?: string
  evaluate(sample: Sample, ctx?: EvalContext): Promise<EvalResult>
}
