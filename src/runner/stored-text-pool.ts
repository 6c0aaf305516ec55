import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Sample } from '../core/types.js'
import type { StoredSample } from '../evidence/evidence-record.js'
import type { StoredSampler } from '../evidence/stored-sample.js'

/** One piece of work for the redaction thread: a sample's text (no tool calls), or one text (a case id). */
export type StoredTextJob = { kind: 'sample'; sample: Pick<Sample, 'input' | 'output' | 'context'> } | { kind: 'text'; text: string }
export type StoredTextReply = { ok: true; value: StoredSample | string } | { ok: false; message: string }
export interface StoredTextWorkerData {
  salt: string
}

/** Stores samples and case ids as the run's sampler does, possibly on another thread. */
export interface StoredTextPool {
  store(sample: Sample): StoredSample | Promise<StoredSample>
  text(value: string): string | Promise<string>
  close(): Promise<void>
}

export interface StoredTextPoolOptions {
  /** The run's sampler: used as it is when no thread is used, and for samples with tool calls. */
  sampler: StoredSampler
  storage: 'redacted' | 'raw' | 'none'
  salt?: string
  /** Redact on a worker thread (default: when the compiled worker is there and storage is `redacted`). */
  thread?: boolean
  /** `workerUrl`: the compiled worker (tests running from sources point at the build). */
  _internal?: { workerUrl?: URL }
}

const WORKER = new URL('./stored-text-worker.js', import.meta.url)

/**
 * Redaction of stored text is most of a cheap release gate's CPU time (every PII recognizer and
 * secret detector over each case's input, output and id). With storage `redacted` it runs on one
 * worker thread, so the main thread evaluates, chains evidence and writes reports meanwhile; the
 * worker loads the detectors' tables, the main thread never does. Jobs are sent in batches (one
 * message per turn of the event loop) and answered in order; the worker builds the same sampler
 * (detectors, salt, text cache), so the stored text is the same as in-thread. Samples with tool
 * calls (arguments of any shape, which a thread message cannot always carry) are stored in-thread.
 * When the worker fails, every pending and later job fails with its error: the run stops (exit 3).
 */
export function storedTextPool({ sampler, storage, salt, thread, _internal: { workerUrl = WORKER } = {} }: StoredTextPoolOptions): StoredTextPool {
  const inThread: StoredTextPool = { store: sampler, text: sampler.text, close: async () => {} }
  const useThread = thread ?? (storage === 'redacted' && existsSync(fileURLToPath(workerUrl)))
  if (!useThread || storage !== 'redacted' || salt === undefined) return inThread

  const worker = new Worker(workerUrl, { workerData: { salt } satisfies StoredTextWorkerData })
  worker.unref()
  let queued: { job: StoredTextJob; resolve: (value: never) => void; reject: (error: unknown) => void }[] = []
  const sent: (typeof queued)[] = []
  let scheduled = false
  let failure: Error | undefined
  const fail = (error: Error) => {
    failure ??= error
    for (const batch of sent.splice(0)) for (const p of batch) p.reject(failure)
    for (const p of queued.splice(0)) p.reject(failure)
  }
  worker.on('message', (replies: StoredTextReply[]) => {
    const batch = sent.shift() ?? []
    replies.forEach((reply, i) => {
      const p = batch[i]!
      if (reply.ok) p.resolve(reply.value as never)
      else p.reject(new Error(`stored-text redaction failed: ${reply.message}`))
    })
  })
  worker.on('error', (error) => fail(error instanceof Error ? error : new Error(String(error))))
  worker.on('exit', (code) => fail(new Error(`the stored-text redaction thread exited (code ${code})`)))
  const flush = () => {
    scheduled = false
    if (queued.length === 0) return
    const batch = queued
    queued = []
    sent.push(batch)
    worker.postMessage(batch.map((p) => p.job))
  }
  const submit = <T>(job: StoredTextJob): Promise<T> => {
    if (failure) return Promise.reject(failure)
    return new Promise<T>((resolve, reject) => {
      queued.push({ job, resolve: resolve as (value: never) => void, reject })
      if (!scheduled) {
        scheduled = true
        setImmediate(flush)
      }
    })
  }
  return {
    store(sample) {
      if (sample.toolCalls !== undefined) return sampler(sample)
      const { input, output, context } = sample
      return submit<StoredSample>({ kind: 'sample', sample: { ...(input !== undefined ? { input } : {}), ...(output !== undefined ? { output } : {}), ...(context ? { context } : {}) } })
    },
    text: (value) => submit<string>({ kind: 'text', text: value }),
    async close() {
      worker.removeAllListeners('exit')
      failure ??= new Error('the stored-text redaction thread was closed')
      await worker.terminate()
    },
  }
}
