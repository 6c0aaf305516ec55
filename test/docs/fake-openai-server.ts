import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request the server received: its path and parsed JSON body. */
export interface ReceivedRequest {
  path: string
  body: Record<string, unknown>
}

export interface FakeOpenAI {
  /** `http://127.0.0.1:<port>/v1`, for OPENAI_BASE_URL. */
  baseURL: string
  requests: ReceivedRequest[]
  close(): Promise<void>
}

/**
 * A minimal OpenAI-compatible server on loopback, port 0, for running documentation examples as
 * written: `/v1/responses` (what `openai(id)` calls) answers `answer`; `/v1/chat/completions`
 * (what the judge calls) answers a passing verdict as structured output.
 */
export async function fakeOpenAI({ answer }: { answer: string }): Promise<FakeOpenAI> {
  const requests: ReceivedRequest[] = []
  const server: Server = createServer(async (req, res) => {
    const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>
    const path = req.url ?? ''
    requests.push({ path, body })
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(json))
    }
    if (path.endsWith('/responses')) {
      return send(200, {
        id: `resp_${requests.length}`,
        created_at: 1_764_460_800,
        model: String(body.model),
        output: [{ type: 'message', role: 'assistant', id: `msg_${requests.length}`, content: [{ type: 'output_text', text: answer, annotations: [] }] }],
        usage: { input_tokens: 20, output_tokens: 12, total_tokens: 32 },
      })
    }
    if (path.endsWith('/chat/completions')) {
      // the judge's prompt names the criterion ("Criterion id: <id>"); the verdict echoes it
      const criterion = /Criterion id: ([\w.-]+)/.exec(JSON.stringify(body))?.[1] ?? 'unknown'
      const verdict = { criterion, verdict: 'pass', score: 0.9, reason: 'The reply addresses the request politely and within policy.', quote: '' }
      return send(200, {
        id: `chatcmpl_${requests.length}`,
        object: 'chat.completion',
        created: 1_764_460_800,
        model: String(body.model),
        choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(verdict) }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 },
      })
    }
    send(404, { error: { message: `no route ${path}`, type: 'invalid_request_error', code: 'not_found' } })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  let data = ''
  req.setEncoding('utf8')
  for await (const chunk of req) data += chunk
  return data
}
