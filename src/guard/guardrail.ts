import { randomBytes, randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4Middleware,
} from '@ai-sdk/provider'
import { parseOptions, type Finding, type Sample, type ToolCall } from '../core/index.js'
import { GuardrailBlockedError } from '../core/errors/guardrail-blocked-error.js'
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js'
import { resolveSalt, SALT_ENV } from '../evidence/resolve-salt.js'
import { checkSide, type SideDecision } from './check-side.js'
import { defaultTracer, emitDecisionSpan } from './decision-span.js'
import { hashUserId, recordDecision, type RequestFacts } from './evidence-writer.js'
import { emptyUsage, guardStream } from './guard-stream.js'
import { guardrailOptionsSchema, type GuardrailOptions, type GuardrailRequestMetadata, type ResolvedGuardrailOptions } from './guardrail-options.js'
import { promptView, redactPrompt } from './prompt-view.js'
import { redactText, spansOf, type RedactSpan } from './redact-text.js'
import { joinSegments, splitSpans } from './text-segments.js'

/** One request: the facts its records share, and the salt of its stored text. */
interface Req {
  facts: RequestFacts
  salt: string | undefined
}

const CONTEXT_FIELD = /^context\[(\d{1,9})\]$/

/**
 * The production guardrail: an AI SDK language-model middleware that runs the same evaluators as
 * the release gate on every call, acts on their verdicts and leaves one evidence record per
 * evaluator decision, passes included.
 *
 *   const model = wrapLanguageModel({ model: openai('gpt-4o-mini'), middleware: guardrail({ input: [pii()], output: [pii()], onOutput: 'redact', evidence }) })
 *
 * Input side (before the model): system and user text, and tool results, are checked. `block`
 * throws `GuardrailBlockedError` (or answers with `fallback` when one is set) and the provider is
 * never called; `redact` rewrites the prompt before it leaves the process. Output side: text and
 * tool calls are checked; `redact` rewrites, `block` refuses, `fallback` replaces, `flag` passes
 * with a review marker in the evidence. Streams are held whole (`buffer`) or released as soon as
 * safe (`incremental`, see `HoldBackBuffer`).
 */
export function guardrail(options: GuardrailOptions): LanguageModelV4Middleware {
  const o = parseOptions(guardrailOptionsSchema, options, 'guardrail')
  const now = o._internal?.now ?? Date.now
  const newRequestId = o.requestId ?? o._internal?.generateId ?? randomUUID
  const lookupSalt = o._internal?.lookupSalt ?? (() => resolveSalt({ create: false }).catch(() => undefined))
  const instanceId = o.instanceId ?? `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`
  const tracer = o.tracer ?? defaultTracer()
  let requestsSeen = 0
  let saltLookup: Promise<string | undefined> | undefined
  const getSalt = (): Promise<string | undefined> => (o.salt !== undefined ? Promise.resolve(o.salt) : (saltLookup ??= lookupSalt()))

  async function begin(params: LanguageModelV4CallOptions, model: LanguageModelV4, call: 'generate' | 'stream') {
    const { params: clean, perCall } = takeVouchOptions(params)
    const fixed = typeof o.metadata === 'function' ? o.metadata(params) : o.metadata
    const meta: GuardrailRequestMetadata = { ...fixed, ...perCall.metadata }
    const salt = await getSalt()
    if (meta.userId !== undefined && salt === undefined) {
      throw new InvalidArgumentError({
        argument: 'guardrail',
        issues: [{ path: 'salt', message: `required when a user id is given (it is stored only as a salted hash): set the salt option or ${SALT_ENV}` }],
      })
    }
    const facts: RequestFacts = {
      requestId: perCall.requestId ?? newRequestId(),
      guardInstance: instanceId,
      requestSeq: ++requestsSeen,
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
    const sample: Sample = { input: view.input, ...(view.context.length ? { context: view.context } : {}), model: facts.model }
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

  const checkOutput = (sample: Sample) =>
    checkSide({ evaluators: o.output, sample, onFail: o.onOutput, failMode: o.failMode, timeoutMs: o.timeoutMs, redactable: (f) => f.field === 'output' })

  async function guardGenerateOutput(result: LanguageModelV4GenerateResult, req: Req): Promise<LanguageModelV4GenerateResult> {
    if (o.output.length === 0) return result
    const { facts } = req
    const content = o.reasoning === 'drop' ? result.content.filter((c) => c.type !== 'reasoning' && c.type !== 'reasoning-file') : result.content
    const textIndexes: number[] = []
    const toolCalls: ToolCall[] = []
    content.forEach((c, i) => {
      if (c.type === 'text') textIndexes.push(i)
      else if (c.type === 'tool-call') toolCalls.push(toolCallArgs(c.toolName, c.input, c.toolCallId))
    })
    const joined = joinSegments(
      textIndexes.map((i) => (content[i] as { text: string }).text),
      '\n',
    )
    const sample: Sample = { output: joined.text, ...(toolCalls.length ? { toolCalls } : {}), model: facts.model }
    const decision = await checkOutput(sample)
    const blocked = decision.outcome === 'block'
    const fallbackUsed = blocked && o.onOutput === 'fallback' && o.fallback !== undefined
    await record(req, 'output', decision, sample, fallbackUsed)
    if (blocked) {
      if (!fallbackUsed) throw blockedError('output', facts, decision)
      return { ...withoutBody(result), content: [{ type: 'text', text: o.fallback as string }], finishReason: { unified: 'stop', raw: 'vouch-fallback' } }
    }
    if (decision.outcome !== 'redact') return content === result.content ? result : { ...result, content }
    const perText = splitSpans(joined, spansOf(decision.redactions, 'output'))
    const redacted: LanguageModelV4Content[] = content.slice()
    textIndexes.forEach((ci, k) => {
      const part = redacted[ci] as Extract<LanguageModelV4Content, { type: 'text' }>
      redacted[ci] = { ...part, text: redactText(part.text, perText[k] ?? []) }
    })
    return { ...withoutBody(result), content: redacted }
  }

  function outputGuard(req: Req) {
    const { facts } = req
    return {
      mode: o.stream,
      onOutput: o.onOutput,
      fallback: o.fallback,
      reasoning: o.reasoning,
      holdBack: o.holdBack,
      model: facts.model,
      check: checkOutput,
      record: async (decision: SideDecision, sample: Sample, { fallbackUsed, extra }: { fallbackUsed: boolean; extra?: Record<string, unknown> }) => {
        await record(req, 'output', decision, sample, fallbackUsed, extra)
      },
      blocked: (decision: SideDecision) => blockedError('output', facts, decision),
    }
  }

  return {
    specificationVersion: 'v4',
    async wrapGenerate({ params, model }) {
      const { params: clean, req } = await begin(params, model, 'generate')
      const input = await guardInput(clean, req)
      if ('fallback' in input) return fallbackResult(input.fallback)
      const result = await model.doGenerate(input.params)
      return guardGenerateOutput(result, req)
    },
    async wrapStream({ params, model }) {
      const { params: clean, req } = await begin(params, model, 'stream')
      const input = await guardInput(clean, req)
      if ('fallback' in input) return { stream: fallbackStream(input.fallback) }
      const result = await model.doStream(input.params)
      if (o.output.length === 0) return result
      return { ...result, stream: guardStream(result.stream, outputGuard(req)) }
    },
  }
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

function toolCallArgs(name: string, input: string, id: string): ToolCall {
  try {
    return { name, args: JSON.parse(input), id }
  } catch {
    return { name, args: input, id }
  }
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
