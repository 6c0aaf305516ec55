import { APICallError } from '@ai-sdk/provider'

export interface RetryOptions {
  /** Retries after the first attempt (so at most `maxRetries + 1` calls). */
  maxRetries?: number
  /** Delay before the first retry; doubles each time (`factor`), capped at `maxDelayMs`. No jitter, so runs are reproducible. */
  initialDelayMs?: number
  factor?: number
  maxDelayMs?: number
  /** Stop retrying once this is aborted. */
  signal?: AbortSignal
  isRetryable?: (error: unknown) => boolean
  _internal?: { sleep?: (ms: number, signal?: AbortSignal) => Promise<void> }
}

/** Rate limits (429), server errors (5xx), timeouts, and what the provider itself marks retryable. */
export function isRetryableError(error: unknown): boolean {
  if (APICallError.isInstance(error)) {
    const status = error.statusCode
    if (status === 429 || status === 408 || (status !== undefined && status >= 500)) return true
    return status === undefined && error.isRetryable
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || (error as { code?: unknown }).code === 'judge_timeout')) return true
  return false
}

/** Seconds or an HTTP date in a `retry-after` header, in ms; undefined when absent or unreadable. */
export function retryAfterMs(error: unknown): number | undefined {
  if (!APICallError.isInstance(error)) return undefined
  const headers = error.responseHeaders ?? {}
  const value = headers['retry-after'] ?? headers['Retry-After']
  if (value === undefined) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(value)
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Call `fn(attempt)` until it succeeds, retrying retryable errors with exponential backoff
 * (a 429's `retry-after` replaces the backoff, within `maxDelayMs`). Returns the value and the number of
 * attempts; rethrows the last error when retries run out (`fn` sees the attempt number, so callers
 * can count calls).
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  {
    maxRetries = 2,
    initialDelayMs = 500,
    factor = 2,
    maxDelayMs = 10_000,
    signal,
    isRetryable = isRetryableError,
    _internal: { sleep: wait = sleep } = {},
  }: RetryOptions = {},
): Promise<{ value: T; attempts: number }> {
  let attempt = 0
  for (;;) {
    attempt++
    try {
      return { value: await fn(attempt), attempts: attempt }
    } catch (error) {
      if (attempt > maxRetries || signal?.aborted || !isRetryable(error)) throw error
      // A server's retry-after is what it can take: honour it exactly (within maxDelayMs) rather than
      // waiting longer on our own backoff; without one, back off exponentially.
      const hinted = retryAfterMs(error)
      await wait(Math.min(maxDelayMs, hinted ?? initialDelayMs * factor ** (attempt - 1)), signal)
    }
  }
}
