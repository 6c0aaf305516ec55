import { generateText, NoObjectGeneratedError, NoOutputGeneratedError, Output, type LanguageModel, type ModelMessage } from 'ai'
import type { z } from 'zod'
import type { EvalContext } from '../../src/core/types.js'
import { JudgeError } from './judge-error.js'
import { withJudgeSpan } from './judge-span.js'
import { isRetryableError, withRetry, type RetryOptions } from './with-retry.js'

export interface JudgeUsage {
  /** Model calls made, retries and votes included. */
  calls: number
  inputTokens: number
  outputTokens: number
}

export interface CallJudgeOptions<S extends z.ZodType> {
  model: LanguageModel
  /** The structured output the model must produce (validated by the AI SDK against this zod schema). */
  schema: S
  /** System instructions (trusted: ours and the rubric author's). */
  instructions: string
  /** The user message, with untrusted text already fenced by `fenceData`. */
  prompt: string
  /** What is being judged (criterion id), for error messages. */
  label: string
  temperature?: number
  /** Per attempt. A timed-out attempt is retried like a 5xx. */
  timeoutMs?: number
  retry?: Pick<RetryOptions, 'maxRetries' | 'initialDelayMs' | 'factor' | 'maxDelayMs'>
  /** Answers that do not match the schema are asked again this many times, with the schema problem fed back [1]. */
  schemaRetries?: number
  signal?: AbortSignal
  /** The host's model wrapper (record/replay cassettes); applied as `wrapModel?.(model) ?? model`. */
  wrapModel?: EvalContext['wrapModel']
  _internal?: { sleep?: (ms: number, signal?: AbortSignal) => Promise<void> }
}

/** Longest model answer fed back or kept on an error (the rest is cut). */
const MAX_ANSWER = 2_000

/**
 * One structured-output judge call through the AI SDK, with a per-attempt timeout and retries with
 * backoff on 429 / 5xx / timeouts (the SDK's own retries are off so there is one retry policy).
 * An answer that does not match the schema is asked again once (`schemaRetries`), with the
 * problem fed back; if it still does not match, `JudgeError` (`judge_malformed_output`) carries the
 * last answer and the problem. Timeouts and failures once retries run out throw `JudgeError` too.
 */
export function callJudge<S extends z.ZodType>(options: CallJudgeOptions<S>): Promise<{ output: z.output<S>; usage: JudgeUsage }> {
  return withJudgeSpan({ label: options.label, model: options.model, temperature: options.temperature ?? 0 }, () => callJudgeUntraced(options))
}

async function callJudgeUntraced<S extends z.ZodType>({
  model,
  schema,
  instructions,
  prompt,
  label,
  temperature = 0,
  timeoutMs = 60_000,
  retry = {},
  schemaRetries = 1,
  signal,
  wrapModel,
  _internal = {},
}: CallJudgeOptions<S>): Promise<{ output: z.output<S>; usage: JudgeUsage }> {
  const judgeModel = wrapModel?.(model) ?? model
  const usage: JudgeUsage = { calls: 0, inputTokens: 0, outputTokens: 0 }
  const first: ModelMessage[] = [{ role: 'user', content: prompt }]
  let messages = first
  for (let round = 0; ; round++) {
    try {
      const { value } = await withRetry(
        () => attempt({ model: judgeModel, instructions, messages, temperature, timeoutMs, signal, label, usage, schema }),
        { ...retry, ...(signal ? { signal } : {}), isRetryable: isRetryableError, ...(_internal.sleep ? { _internal: { sleep: _internal.sleep } } : {}) },
      )
      return { output: value, usage }
    } catch (error) {
      if (JudgeError.isInstance(error)) throw error
      if (NoObjectGeneratedError.isInstance(error) || NoOutputGeneratedError.isInstance(error)) {
        const u = NoObjectGeneratedError.isInstance(error) ? error.usage : undefined
        usage.inputTokens += u?.inputTokens ?? 0
        usage.outputTokens += u?.outputTokens ?? 0
        const answer = (NoObjectGeneratedError.isInstance(error) ? (error.text ?? '') : '').slice(0, MAX_ANSWER)
        const problem = schemaProblem(error)
        if (round < schemaRetries && !signal?.aborted) {
          messages = [
            ...first,
            { role: 'assistant', content: answer },
            { role: 'user', content: `That answer does not match the required JSON schema (${problem}). Answer again with only the JSON object the response schema describes.` },
          ]
          continue
        }
        throw new JudgeError({
          code: 'judge_malformed_output',
          criterion: label,
          attempts: usage.calls,
          message: `the model answered something that does not match the verdict schema (${problem})`,
          cause: error,
          answer,
          problem,
        })
      }
      if (signal?.aborted) throw new JudgeError({ code: 'judge_aborted', criterion: label, attempts: usage.calls, message: 'aborted', cause: error })
      const detail = error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : String(error).slice(0, 200)
      throw new JudgeError({ code: 'judge_call_failed', criterion: label, attempts: usage.calls, message: `failed after ${usage.calls} call(s): ${detail}`, cause: error })
    }
  }
}

async function attempt<S extends z.ZodType>({
  model,
  instructions,
  messages,
  temperature,
  timeoutMs,
  signal,
  label,
  usage,
  schema,
}: {
  model: LanguageModel
  instructions: string
  messages: ModelMessage[]
  temperature: number
  timeoutMs: number
  signal: AbortSignal | undefined
  label: string
  usage: JudgeUsage
  schema: S
}): Promise<z.output<S>> {
  usage.calls++
  const calls = usage.calls
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  let onAbort = () => {}
  // settles when the attempt must stop: the timeout expired or the caller aborted
  const stop = new Promise<never>((_, reject) => {
    onAbort = () => {
      controller.abort(signal?.reason)
      reject(signal?.reason ?? new Error('aborted'))
    }
    if (signal?.aborted) return onAbort()
    signal?.addEventListener('abort', onAbort, { once: true })
    timer = setTimeout(() => {
      const error = new JudgeError({ code: 'judge_timeout', criterion: label, attempts: calls, message: `no answer within ${timeoutMs} ms` })
      controller.abort(error)
      reject(error)
    }, timeoutMs)
  })
  stop.catch(() => {})
  try {
    const call = generateText({ model, instructions, messages, temperature, maxRetries: 0, abortSignal: controller.signal, output: Output.object({ schema }) })
    call.catch(() => {}) // a late rejection after the timeout must not go unhandled
    const result = await Promise.race([call, stop])
    usage.inputTokens += result.usage.inputTokens ?? 0
    usage.outputTokens += result.usage.outputTokens ?? 0
    return result.output as z.output<S>
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
  }
}

/** Why an answer is not the schema, without quoting it: a JSON syntax error, or the schema issues (path: message). */
export function schemaProblem(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause as { name?: string; cause?: unknown } | undefined
  const issues = (cause?.cause as { issues?: { path?: PropertyKey[]; message?: string }[] } | undefined)?.issues
  if (Array.isArray(issues) && issues.length) {
    return issues
      .slice(0, 5)
      .map((i) => `${i.path?.length ? i.path.map(String).join('.') : '(root)'}: ${String(i.message ?? 'invalid').slice(0, 120)}`)
      .join('; ')
  }
  if (cause?.name === 'AI_JSONParseError') return 'not valid JSON'
  if (NoOutputGeneratedError.isInstance(error)) return 'no output'
  return 'not the verdict schema'
}
