import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type {
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4Middleware,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider'
import { simulateReadableStream } from 'ai'
import { CassetteMissError } from '../core/errors/cassette-miss-error.js'
import { hashValue } from '../core/hash.js'

export type CassetteMode = 'record' | 'replay' | 'off'

interface CassetteFile {
  vouchCassette: 1
  key: string
  model: { provider: string; modelId: string }
  kind: 'generate' | 'stream'
  /**
   * The call as the model saw it (prompt, settings), for reviewing a cassette in a pull request.
   * With `redact`: `{ sha256, redacted }`, the hash of the exact request and a redacted view.
   */
  request: unknown
  generate?: unknown
  stream?: unknown[]
}

/**
 * Record/replay for AI SDK model calls, as a language-model middleware. A call is keyed by the
 * sha256 of its provider, model id and parameters (prompt, temperature, tools, schema, ...);
 * `record` calls the model and writes `<dir>/<key>.json`, `replay` serves that file and fails with a
 * CassetteMissError naming the key when there is none — it never calls the model. Request and
 * response headers and raw bodies are not stored (they may carry credentials).
 */
export function cassetteMiddleware({
  dir,
  mode,
  onMiss = () => {},
  redact,
}: {
  dir: string
  mode: Exclude<CassetteMode, 'off'>
  /** Told about every miss, so a runner can stop the run even when the caller swallows the error. */
  onMiss?: (error: CassetteMissError) => void
  /**
   * Redacts text before it is written (PII and secrets → the run's salted pseudonyms): cassettes sit
   * next to the dataset and get committed. The request is then stored as its sha256 plus a redacted
   * view; the response with every text redacted (a replay serves the pseudonyms, which the pii and
   * secrets evaluators count as findings of their type, so a replayed leak still fails the gate).
   */
  redact?: (text: string) => string
}): LanguageModelV4Middleware {
  const keyOf = (model: { provider: string; modelId: string }, params: LanguageModelV4CallOptions) => {
    const { abortSignal: _signal, headers: _headers, ...rest } = params
    return hashValue({ provider: model.provider, modelId: model.modelId, params: rest })
  }
  const fileOf = (key: string) => join(dir, `${key}.json`)
  const read = (key: string, model: { provider: string; modelId: string }, kind: CassetteFile['kind']): CassetteFile => {
    const file = fileOf(key)
    let cassette: CassetteFile
    try {
      cassette = JSON.parse(readFileSync(file, 'utf8'), reviveDates) as CassetteFile
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        const miss = new CassetteMissError({ key, file, model: `${model.provider}:${model.modelId}` })
        onMiss(miss)
        throw miss
      }
      throw new Error(`${file}: unreadable cassette: ${(error as Error).message}`)
    }
    if (cassette.kind !== kind) throw new Error(`${file}: cassette holds a ${cassette.kind} call, this is a ${kind} call`)
    return cassette
  }
  const write = (cassette: CassetteFile) => {
    mkdirSync(dir, { recursive: true })
    const file = fileOf(cassette.key)
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, `${JSON.stringify(cassette, null, 2)}\n`)
    renameSync(tmp, file)
  }
  const requestOf = (params: LanguageModelV4CallOptions): unknown => {
    const { abortSignal: _signal, headers: _headers, ...rest } = params
    return redact ? { sha256: hashValue(rest), redacted: redactDeep(rest, redact) } : rest
  }
  const responseOf = <T>(value: T): T => (redact ? (redactDeep(value, redact) as T) : value)

  return {
    specificationVersion: 'v4',
    async wrapGenerate({ doGenerate, params, model }) {
      const key = keyOf(model, params)
      if (mode === 'replay') return read(key, model, 'generate').generate as LanguageModelV4GenerateResult
      const result = await doGenerate()
      const { request: _request, response, ...rest } = result
      const stored = { ...rest, ...(response ? { response: { id: response.id, timestamp: response.timestamp, modelId: response.modelId } } : {}) }
      write({ vouchCassette: 1, key, model: { provider: model.provider, modelId: model.modelId }, kind: 'generate', request: requestOf(params), generate: responseOf(stored) })
      return result
    },
    async wrapStream({ doStream, params, model }) {
      const key = keyOf(model, params)
      if (mode === 'replay') {
        const parts = read(key, model, 'stream').stream as LanguageModelV4StreamPart[]
        return { stream: simulateReadableStream({ chunks: parts, initialDelayInMs: null, chunkDelayInMs: null }) }
      }
      const { stream, ...rest } = await doStream()
      const parts: unknown[] = []
      const recorder = new TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart>({
        transform(part, controller) {
          parts.push(part.type === 'error' ? { type: 'error', error: String((part.error as Error)?.message ?? part.error) } : part)
          controller.enqueue(part)
        },
        flush() {
          write({ vouchCassette: 1, key, model: { provider: model.provider, modelId: model.modelId }, kind: 'stream', request: requestOf(params), stream: redact ? responseOf(joinTextDeltas(parts)) : parts })
        },
      })
      return { ...rest, stream: stream.pipeThrough(recorder) }
    },
  }
}

const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

/** Cassettes store Dates as ISO strings; the AI SDK expects `timestamp` fields as Date objects. */
function reviveDates(key: string, value: unknown): unknown {
  return key === 'timestamp' && typeof value === 'string' && isoDate.test(value) ? new Date(value) : value
}

/** Structural members never redacted (ids, part types, timestamps the replay revives). */
const KEEP = new Set(['type', 'id', 'toolCallId', 'toolName', 'modelId', 'timestamp', 'finishReason', 'role', 'mediaType'])

function redactDeep(value: unknown, redact: (text: string) => string, key = '', depth = 0): unknown {
  if (typeof value === 'string') return KEEP.has(key) ? value : redact(value)
  if (value === null || typeof value !== 'object' || depth > 64) return value
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact, key, depth + 1))
  if (value instanceof Date) return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact, k, depth + 1)]))
}

/**
 * Consecutive text deltas of one text part joined into one, so a value split across chunks
 * (`jane.do` + `e@example.com`) is seen whole by the redaction. A replay serves the joined delta.
 */
function joinTextDeltas(parts: unknown[]): unknown[] {
  const out: unknown[] = []
  for (const part of parts) {
    const p = part as { type?: string; id?: string; delta?: string }
    const last = out.at(-1) as { type?: string; id?: string; delta?: string } | undefined
    if (p.type === 'text-delta' && last?.type === 'text-delta' && last.id === p.id && typeof last.delta === 'string' && typeof p.delta === 'string') {
      out[out.length - 1] = { ...last, delta: last.delta + p.delta }
    } else out.push(part)
  }
  return out
}
