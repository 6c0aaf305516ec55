// Test helper: a local OpenAI-compatible HTTP server (node:http on 127.0.0.1, port 0 — no network).
// It speaks both wire formats the AI SDK's OpenAI provider uses: Chat Completions
// (POST <base>/chat/completions) and the Responses API (POST <base>/responses), records every request
// body it receives, and answers from a script: a model text, an HTTP status with headers, a garbage
// body, a delay, or no answer at all.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface ReceivedRequest {
  /** `chat` for /chat/completions, `responses` for /responses, else `other`. */
  api: 'chat' | 'responses' | 'other'
  path: string
  headers: IncomingHttpHeaders
  /** The raw request body as received (what left the client process). */
  raw: string
  /** The parsed JSON body, or undefined when it is not JSON. */
  body: unknown
}

/** One scripted answer. `text` is the model's message content, wrapped in the API's response shape. */
export type ServerReply =
  | { text: string; delayMs?: number; usage?: { input: number; output: number } }
  | { status: number; headers?: Record<string, string>; body?: string; delayMs?: number }
  | { garbage: string; delayMs?: number }
  | { hang: true }

export interface OpenAiServer {
  /** Base URL to give the provider, e.g. `http://127.0.0.1:41234/v1` (set as OPENAI_BASE_URL). */
  baseURL: string
  /** `127.0.0.1:41234`. */
  host: string
  /** Every request received, in arrival order. */
  requests: ReceivedRequest[]
  /** Requests answered so far, and the most in flight at once. */
  stats: { answered: number; maxInFlight: number }
  close(): Promise<void>
}

export type ReplyFn = (request: ReceivedRequest, index: number) => ServerReply | Promise<ServerReply>

/** A verdict as a judge would answer it (JSON text of the verdict schema). */
export function verdictText(verdict: 'pass' | 'fail' | 'not_applicable', { criterion = 'c', score, reason, quote = '' }: { criterion?: string; score?: number; reason?: string; quote?: string } = {}): string {
  return JSON.stringify({ criterion, verdict, score: score ?? (verdict === 'pass' ? 0.9 : 0.1), reason: reason ?? `judged ${verdict}`, quote })
}

/** The prompt text of a received request, both APIs: every message / input item's text, joined. */
export function requestText(request: ReceivedRequest): string {
  const body = request.body as { messages?: { content?: unknown }[]; input?: { content?: unknown }[]; instructions?: unknown } | undefined
  const items = [...(body?.messages ?? []), ...(Array.isArray(body?.input) ? body.input : [])]
  const parts = items.map((m) => (typeof m.content === 'string' ? m.content : Array.isArray(m.content) ? m.content.map((p: { text?: string }) => p.text ?? '').join('') : ''))
  return [typeof body?.instructions === 'string' ? body.instructions : '', ...parts].join('\n')
}

/** The criterion id of a judge request (`Criterion id: …` in the prompt), for echoing it back. */
export function criterionOf(request: ReceivedRequest): string {
  return /Criterion id: (\S+)/.exec(requestText(request))?.[1] ?? 'c'
}

/**
 * Start the server. `reply` scripts the answers (default: a passing verdict for the criterion asked);
 * `latencyMs` delays every answer (a fixed-latency backend for benchmarks).
 */
export async function startOpenAiServer({ reply, latencyMs = 0 }: { reply?: ReplyFn; latencyMs?: number } = {}): Promise<OpenAiServer> {
  const requests: ReceivedRequest[] = []
  const stats = { answered: 0, maxInFlight: 0 }
  const sockets = new Set<Socket>()
  let inFlight = 0
  const script: ReplyFn = reply ?? ((request) => ({ text: verdictText('pass', { criterion: criterionOf(request) }) }))
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        let body: unknown
        try {
          body = JSON.parse(raw)
        } catch {
          body = undefined
        }
        const path = req.url ?? ''
        const api = path.endsWith('/chat/completions') ? 'chat' : path.endsWith('/responses') ? 'responses' : 'other'
        const request: ReceivedRequest = { api, path, headers: req.headers, raw, body }
        const index = requests.push(request) - 1
        inFlight++
        stats.maxInFlight = Math.max(stats.maxInFlight, inFlight)
        try {
          const answer = await script(request, index)
          if ('hang' in answer) return // never answer; the client times out, close() destroys the socket
          const delay = (answer.delayMs ?? 0) + latencyMs
          if (delay > 0) await new Promise((r) => setTimeout(r, delay))
          send(res, request, answer)
        } catch (error) {
          send(res, request, { status: 500, body: JSON.stringify({ error: { message: String(error) } }) })
        } finally {
          inFlight--
          stats.answered++
        }
      })()
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    host: `127.0.0.1:${port}`,
    requests,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

function send(res: ServerResponse, request: ReceivedRequest, answer: Exclude<ServerReply, { hang: true }>): void {
  if (res.destroyed) return
  if ('garbage' in answer) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(answer.garbage)
    return
  }
  if ('status' in answer) {
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body ?? JSON.stringify({ error: { message: `HTTP ${answer.status}`, type: 'server_error', code: String(answer.status) } }))
    return
  }
  const model = (request.body as { model?: string } | undefined)?.model ?? 'unknown'
  const usage = answer.usage ?? { input: 100, output: 20 }
  const created = 1_767_225_600
  const payload =
    request.api === 'responses'
      ? {
          id: `resp_${created}`,
          object: 'response',
          created_at: created,
          model,
          status: 'completed',
          output: [{ type: 'message', id: 'msg_1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: answer.text, annotations: [] }] }],
          incomplete_details: null,
          usage: { input_tokens: usage.input, output_tokens: usage.output, total_tokens: usage.input + usage.output, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
        }
      : {
          id: `chatcmpl-${created}`,
          object: 'chat.completion',
          created,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: answer.text }, finish_reason: 'stop' }],
          usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
        }
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload))
}
