import { generateText, NoObjectGeneratedError, NoOutputGeneratedError, Output, type LanguageModel } from 'ai'
import type { z } from 'zod'
import type { EvalContext } from '../../src/core/types.js'
import { JudgeError } from './judge-error.js'
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
  signal?: AbortSignal
  /** The host's model wrapper (record/replay cassettes); applied as `wrapModel?.(model) ?? model`. */
  wrapModel?: EvalContext['wrapModel']
  _internal?: { sleep?: (ms: number, signal?: AbortSignal) => Promise<void> }
}

/**
 * One structured-output judge call through the AI SDK, with a per-attempt timeout and retries with
 * backoff on 429 / 5xx / timeouts (the SDK's own retries are off so there is one retry policy).
 * Output that does not match the schema is not retried: it throws `JudgeError`
 * (`judge_malformed_output`), as do timeouts and failures once retries run out.
 */
export async function callJudge<S extends z.ZodType>({
  model,
  schema,
  instructions,
  prompt,
  label,
  temperature = 0,
  timeoutMs = 60_000,
  retry = {},
  signal,
  wrapModel,
  _internal = {},
}: CallJudgeOptions<S>): Promise<{ output: z.output<S>; usage: JudgeUsage }> {
  const judgeModel = wrapModel?.(model) ?? model
  const usage: JudgeUsage = { calls: 0, inputTokens: 0, outputTokens: 0 }
  try {
    const { value } = await withRetry(
      async (attempt) => {
        usage.calls = attempt
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
            const error = new JudgeError({ code: 'judge_timeout', criterion: label, attempts: attempt, message: `no answer within ${timeoutMs} ms` })
            controller.abort(error)
            reject(error)
          }, timeoutMs)
        })
        stop.catch(() => {})
        try {
          const call = generateText({
            model: judgeModel,
            instructions,
            prompt,
            temperature,
            maxRetries: 0,
            abortSignal: controller.signal,
            output: Output.object({ schema }),
          })
          call.catch(() => {}) // a late rejection after the timeout must not go unhandled
          const result = await Promise.race([call, stop])
          usage.inputTokens += result.usage.inputTokens ?? 0
          usage.outputTokens += result.usage.outputTokens ?? 0
          return result.output as z.output<S>
        } finally {
          clearTimeout(timer)
          signal?.removeEventListener('abort', onAbort)
        }
      },
      { ...retry, ...(signal ? { signal } : {}), isRetryable: isRetryableError, ...(_internal.sleep ? { _internal: { sleep: _internal.sleep } } : {}) },
    )
    return { output: value, usage }
  } catch (error) {
    if (JudgeError.isInstance(error)) throw error
    if (NoObjectGeneratedError.isInstance(error) || NoOutputGeneratedError.isInstance(error)) {
      const u = NoObjectGeneratedError.isInstance(error) ? error.usage : undefined
      usage.inputTokens += u?.inputTokens ?? 0
      usage.outputTokens += u?.outputTokens ?? 0
      throw new JudgeError({ code: 'judge_malformed_output', criterion: label, attempts: usage.calls, message: 'the model answered something that does not match the verdict schema', cause: error })
    }
    if (signal?.aborted) throw new JudgeError({ code: 'judge_aborted', criterion: label, attempts: usage.calls, message: 'aborted', cause: error })
    const detail = error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : String(error).slice(0, 200)
    throw new JudgeError({ code: 'judge_call_failed', criterion: label, attempts: usage.calls, message: `failed after ${usage.calls} call(s): ${detail}`, cause: error })
  }
}
