import { randomBytes, randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4Middleware,
} from '@ai-sdk/provider'
import { parseOptions, runEvaluator, type Evaluator, type Finding, type Sample, type ToolCall } from '../core/index.js'
import { GuardrailBlockedError } from '../core/errors/guardrail-blocked-error.js'
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js'
import { findSaltSync, SALT_ENV, SALT_FILE } from '../evidence/resolve-salt.js'
import { checkSide, decide, type SideDecision } from './check-side.js'
import { defaultTracer, emitDecisionSpan } from './decision-span.js'
import { hashUserId, recordDecision, type RequestFacts } from './evidence-writer.js'
import { guardStream } from './guard-stream.js'
import { guardrailOptionsSchema, type GuardrailOptions, type GuardrailRequestMetadata, type ResolvedGuardrailOptions } from './guardrail-options.js'
import { emptyUsage, sidePartClean, textClean, toolCallOf, type OutputGuard, type OutputPart } from './output-guard.js'
import { promptView, redactPrompt, type PromptView } from './prompt-view.js'
import { spansOf, type RedactSpan } from './redact-text.js'
import { joinSegments, redactSegments } from './text-segments.js'

/** One request: the facts its records share, and the salt of its stored text. */
interface Req {
  facts: RequestFacts
  salt: string | undefined
}

/** Thrown by the `wrapModel` of a partial check: a model-calling evaluator judges the whole answer only. */
class WholeAnswerOnly extends Error {
  override name = 'WholeAnswerOnly'
}

const CONTEXT_FIELD = /^context\[(\d{1,9})\]$/

/**
 * The production guardrail: an AI SDK language-model middleware that runs the same evaluators as
 * the release gate on every call, acts on their verdicts and leaves one evidence record per
 * evaluator decision, passes included.
 *
 *   const model = wrapLanguageModel({ model: openai('gpt-4o-mini'), middleware: guardrail({ input: [pii()], output: [pii()], onOutput: 'redact', evidence }) })
 *
 * Input side (before the model): everything that reaches the provider as text (see
 * `promptView`). `block` throws `GuardrailBlockedError` (or answers with `fallback` when one is
 * set) and the provider is never called; `redact` rewrites the prompt before it leaves the process.
 * Output side: the text as the caller receives it (parts joined with `''`), the tool calls, and
 * the request's input and context (the release gate's sample shape); `redact` rewrites, `block`
 * refuses, `fallback` replaces, `flag` passes with a review marker in the evidence. Streams are
 * held whole (`buffer`) or released as soon as safe (`incremental`, see `incrementalMode`). The
 * decision's evidence is written before the answer (or its last window) is released. See
 * docs/guardrail.md.
 */
export function guardrail(options: GuardrailOptions): LanguageModelV4Middleware {
  const o = parseOptions(guardrailOptionsSchema, options, 'guardrail')
  const now = o._internal?.now ?? Date.now
  const newRequestId = o.requestId ?? o._internal?.generateId ?? randomUUID
  // Known at construction: a guardrail that cannot store what it is asked to store says so now,
  // never silently at write time.
  const salt = o.salt ?? (o._internal?.findSalt ? o._internal.findSalt() : findSaltSync()?.salt)
  if (salt === undefined && o.evidence && o.storeSample === 'redacted') {
    throw new InvalidArgumentError({
      argument: 'guardrail',
      issues: [
        {
          path: 'salt',
          message: `no evidence salt, so stored text cannot be redacted to pseudonyms: set ${SALT_ENV} (at least 16 characters), pass salt (e.g. the config's evidence.salt), keep ${SALT_FILE} in the working directory, or set storeSample: 'none'`,
        },
      ],
    })
  }
  if (salt === undefined && o.metadata && typeof o.metadata !== 'function' && o.metadata.userId !== undefined) {
    throw new InvalidArgumentError({ argument: 'guardrail', issues: [{ path: 'salt', message: `required when a user id is given (it is stored only as a salted hash): set the salt option or ${SALT_ENV}` }] })
  }

  const instanceId = o.instanceId ?? `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`
  const tracer = o.tracer ?? defaultTracer()
  let requestsSeen = 0
  let warming: Promise<unknown> | undefined

  async function begin(params: LanguageModelV4CallOptions, model: LanguageModelV4, call: 'generate' | 'stream') {
    if (o.warmUp) await (warming ??= warmUp([...o.input, ...o.output], o.timeoutMs))
    const { params: clean, perCall } = takeVouchOptions(params)
    const fixed = typeof o.metadata === 'function' ? o.metadata(params) : o.metadata
    const meta: GuardrailRequestMetadata = { ...fixed, ...perCall.metadata }
    if (meta.userId !== undefined && salt === undefined) {
      throw new InvalidArgumentError({
        argument: 'guardrail',
        issues: [{ path: 'salt', message: `required when a user id is given (it is stored only as a salted hash): set the salt option or ${SALT_ENV}` }],
      })
    }
    const requestSeq = ++requestsSeen
    // The sink signs this count into its checkpoints: a request that leaves no record is still counted.
    o.evidence?.countRequest?.(instanceId, requestSeq)
    const facts: RequestFacts = {
      requestId: perCall.requestId ?? newRequestId(),
      guardInstance: instanceId,
      requestSeq,
      model: { provider: model.provider, id: model.modelId },
      call,
      ...(call === 'stream' && o.output.length ? { stream: o.stream } : {}),
      ...(o.route !== undefined ? { route: o.route } : {}),
      ...(o.prompt ? { prompt: o.prompt } : {}),
      ...(meta.userId !== undefined && salt !== undefined ? { userIdHash: hashUserId(meta.userId, salt) } : {}),
      ...(meta.cohort !== undefined ? { cohort: meta.cohort } : {}),
    }
    return { params: clean, req: { facts, salt } }
  }

  const record = ({ facts, salt }: Req, side: 'input' | 'output', decision: SideDecision, sample: Sample, fallbackUsed: boolean, extra?: Record<string, unknown>) => {
    const startTime = now()
    return recordDecision({
      sink: o.evidence,
      facts,
      side,
      decision,
      sample,
      storeSample: o.storeSample,
      salt,
      fallbackUsed,
      evidenceFailMode: o.evidenceFailMode,
      evidenceTimeoutMs: o.evidenceTimeoutMs,
      now,
      ...(extra ? { extra } : {}),
      onRecorded: (records, error) => emitDecisionSpan({ tracer, facts, side, decision, records, startTime, ...(error !== undefined ? { error } : {}) }),
    })
  }

  /** Check the prompt. Returns the params to send on, or `fallback` when the input is refused with a fallback answer. */
  async function guardInput(params: LanguageModelV4CallOptions, req: Req): Promise<{ params: LanguageModelV4CallOptions } | { fallback: string }> {
    if (o.input.length === 0) return { params }
    const { facts } = req
    const view = promptView(params.prompt)
    const sample: Sample = { ...promptFields(view), model: facts.model }
    const decision = await checkSide({
      evaluators: o.input,
      sample,
      onFail: o.onInput,
      failMode: o.failMode,
      timeoutMs: o.timeoutMs,
      redactable: (f) => f.field === 'input' || (CONTEXT_FIELD.test(f.field) && contextIndex(f.field) < view.context.length),
    })
    const blocked = decision.outcome === 'block'
    const fallbackUsed = blocked && o.fallback !== undefined
    await record(req, 'input', decision, sample, fallbackUsed)
    if (blocked) {
      if (fallbackUsed) return { fallback: o.fallback as string }
      throw blockedError('input', facts, decision)
    }
    if (decision.outcome !== 'redact') return { params }
    const inputSpans = spansOf(decision.redactions, 'input')
    const contextSpans: RedactSpan[][] = view.context.map((_, i) => spansOf(decision.redactions, `context[${i}]`))
    return { params: { ...params, prompt: redactPrompt(params.prompt, view, inputSpans, contextSpans) } }
  }

  const sideOptions = { onFail: o.onOutput, failMode: o.failMode, timeoutMs: o.timeoutMs, redactable: (f: Finding) => f.field === 'output' }

  /**
   * The output side judges the same sample shape as the release gate: the answer with the
   * request's input and context (as sent to the model, after any input redaction).
   */
  function outputGuard(req: Req, sent: PromptView): OutputGuard {
    const { facts } = req
    const request = promptFields(sent)
    // Evaluators that called a model in a partial check (LLM judges): left out of partial checks.
    const wholeOnly = new Set<Evaluator>()
    return {
      mode: o.stream,
      onOutput: o.onOutput,
      fallback: o.fallback,
      reasoning: o.reasoning,
      holdBack: o.holdBack,
      sampleOf: (part: OutputPart): Sample => ({ ...request, ...part, model: facts.model }),
      check: (sample) => checkSide({ evaluators: o.output, sample, ...sideOptions }),
      async partialCheck(sample) {
        const evaluators = o.output.filter((e) => !wholeOnly.has(e))
        const decision = await checkSide({
          evaluators,
          sample,
          ...sideOptions,
          wrapModelFor: (e) => () => {
            wholeOnly.add(e)
            throw new WholeAnswerOnly('an LLM judge runs once, on the whole answer')
          },
        })
        return decide(decision.judgements.filter((j) => !wholeOnly.has(j.evaluator)))
      },
      record: async (decision, sample, { fallbackUsed, extra }) => {
        await record(req, 'output', decision, sample, fallbackUsed, extra)
      },
      blocked: (decision) => blockedError('output', facts, decision),
    }
  }

  async function guardGenerateOutput(result: LanguageModelV4GenerateResult, guard: OutputGuard, facts: RequestFacts): Promise<LanguageModelV4GenerateResult> {
    const textIndexes: number[] = []
    const toolCalls: ToolCall[] = []
    const reasoning: string[] = []
    result.content.forEach((c, i) => {
      if (c.type === 'text') textIndexes.push(i)
      else if (c.type === 'tool-call') toolCalls.push(toolCallOf(c.toolName, c.input, c.toolCallId))
      else if (c.type === 'reasoning') reasoning.push(c.text)
    })
    // The caller's text is the text parts joined with '' (as the AI SDK joins them): judge that.
    const joined = joinSegments(
      textIndexes.map((i) => (result.content[i] as { text: string }).text),
      '',
    )
    const sample = guard.sampleOf({ output: joined.text, ...(toolCalls.length ? { toolCalls } : {}) })
    const decision = await guard.check(sample)
    const blocked = decision.outcome === 'block'
    const fallbackUsed = blocked && o.onOutput === 'fallback' && o.fallback !== undefined
    const passReasoning = o.reasoning === 'pass' && !blocked && (await textClean(guard, reasoning.join('')))
    // Files, provider tool results, sources: passed only when clean (they cannot be redacted in place).
    const withheld = new Set<number>()
    if (!blocked) for (const [i, c] of result.content.entries()) if (!(await sidePartClean(guard, c))) withheld.add(i)
    const extra = {
      ...(o.reasoning === 'pass' && reasoning.length ? { reasoning: passReasoning ? 'passed' : 'withheld' } : {}),
      ...(withheld.size ? { withheldParts: withheld.size } : {}),
    }
    await guard.record(decision, sample, { fallbackUsed, ...(Object.keys(extra).length ? { extra } : {}) })
    if (blocked) {
      if (!fallbackUsed) throw blockedError('output', facts, decision)
      return { ...withoutBody(result), content: [{ type: 'text', text: o.fallback as string }], finishReason: { unified: 'stop', raw: 'vouch-fallback' } }
    }
    const texts = decision.outcome === 'redact' ? redactSegments(joined, spansOf(decision.redactions, 'output')) : undefined
    const content: LanguageModelV4Content[] = []
    result.content.forEach((c, i) => {
      if (((c.type === 'reasoning' || c.type === 'reasoning-file') && !passReasoning) || withheld.has(i)) return
      const k = textIndexes.indexOf(i)
      if (texts && k >= 0 && c.type === 'text') {
        const text = texts[k] ?? ''
        if (text !== '' || c.text === '') content.push({ ...c, text })
      } else content.push(c)
    })
    const changed = content.length !== result.content.length || content.some((c, i) => c !== result.content[i])
    return changed ? { ...withoutBody(result), content } : result
  }

  return {
    specificationVersion: 'v4',
    async wrapGenerate({ params, model }) {
      const { params: clean, req } = await begin(params, model, 'generate')
      const input = await guardInput(clean, req)
      if ('fallback' in input) return fallbackResult(input.fallback)
      const result = await model.doGenerate(input.params)
      if (o.output.length === 0) return result
      return guardGenerateOutput(result, outputGuard(req, promptView(input.params.prompt)), req.facts)
    },
    async wrapStream({ params, model }) {
      const { params: clean, req } = await begin(params, model, 'stream')
      const input = await guardInput(clean, req)
      if ('fallback' in input) return { stream: fallbackStream(input.fallback) }
      const result = await model.doStream(input.params)
      if (o.output.length === 0) return result
      return { ...result, stream: guardStream(result.stream, outputGuard(req, promptView(input.params.prompt))) }
    },
  }
}

/**
 * One run of each evaluator on a neutral sample, so lazy one-time loading happens outside any
 * request's time budget. Model calls are refused (no judge is paid for), results are ignored.
 */
function warmUp(evaluators: readonly Evaluator[], timeoutMs: number): Promise<unknown> {
  const sample: Sample = { input: 'Hello, where is my order?', output: 'Your order ships on Monday.', context: ['Order 1 ships Monday.'] }
  const refuse = () => {
    throw new WholeAnswerOnly('warm-up: no model calls')
  }
  return Promise.all(evaluators.map((e) => runEvaluator(e, sample, { timeoutMs: Math.max(timeoutMs, 30_000), wrapModel: refuse })))
}

/** `providerOptions.vouch` carries per-call facts for the guardrail; it never reaches the provider. */
function takeVouchOptions(params: LanguageModelV4CallOptions): {
  params: LanguageModelV4CallOptions
  perCall: { requestId?: string; metadata: GuardrailRequestMetadata }
} {
  const vouch = params.providerOptions?.vouch as Record<string, unknown> | undefined
  if (!vouch) return { params, perCall: { metadata: {} } }
  const { vouch: _removed, ...providerOptions } = params.providerOptions ?? {}
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined)
  const requestId = str(vouch.requestId)
  const userId = str(vouch.userId)
  const cohort = str(vouch.cohort)
  return {
    params: { ...params, providerOptions },
    perCall: {
      ...(requestId ? { requestId } : {}),
      metadata: { ...(userId ? { userId } : {}), ...(cohort ? { cohort } : {}) },
    },
  }
}

function contextIndex(field: string): number {
  return Number(CONTEXT_FIELD.exec(field)?.[1] ?? Number.NaN)
}

/** The request's part of a sample: the conversation as `input`, tool results and tool-call arguments as `context`. */
function promptFields(view: PromptView): Pick<Sample, 'input' | 'context'> {
  return { input: view.input, ...(view.context.length ? { context: view.context } : {}) }
}

function blockedError(side: 'input' | 'output', facts: RequestFacts, decision: SideDecision): GuardrailBlockedError {
  return new GuardrailBlockedError({
    side,
    requestId: facts.requestId,
    results: decision.judgements
      .filter((j) => j.action === 'block' || j.action === 'fallback')
      .map((j) => ({
        evaluator: j.evaluator.name,
        status: j.result.status,
        cause: j.cause ?? 'policy',
        findingTypes: j.result.findings.map((f: Finding) => f.type),
      })),
  })
}

/** The raw provider response body holds the unchecked answer: it goes when the answer is changed. */
function withoutBody(result: LanguageModelV4GenerateResult): LanguageModelV4GenerateResult {
  if (!result.response?.body) return result
  const { body: _raw, ...response } = result.response
  return { ...result, response }
}

function fallbackResult(text: string): LanguageModelV4GenerateResult {
  return { content: [{ type: 'text', text }], finishReason: { unified: 'stop', raw: 'vouch-fallback' }, usage: emptyUsage(), warnings: [] }
}

function fallbackStream(text: string): ReadableStream<import('@ai-sdk/provider').LanguageModelV4StreamPart> {
  const id = 'vouch-fallback'
  const parts = [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id },
    { type: 'text-delta', id, delta: text },
    { type: 'text-end', id },
    { type: 'finish', usage: emptyUsage(), finishReason: { unified: 'stop', raw: 'vouch-fallback' } },
  ] as const
  return new ReadableStream({
    start(controller) {
      for (const p of parts) controller.enqueue(p as import('@ai-sdk/provider').LanguageModelV4StreamPart)
      controller.close()
    },
  })
}

export type { GuardrailOptions, GuardrailRequestMetadata, ResolvedGuardrailOptions }
