import type { LanguageModelV4Prompt } from '@ai-sdk/provider'
import { describe, expect, it } from 'vitest'
import { promptView, redactPrompt } from './prompt-view.js'

const prompt: LanguageModelV4Prompt = [
  { role: 'system', content: 'You are support. Escalate to a@b.co' },
  { role: 'user', content: [{ type: 'text', text: 'I am c@d.co' }, { type: 'file', data: { type: 'url', url: new URL('https://x.test/f.png') }, mediaType: 'image/png' }, { type: 'text', text: 'thanks' }] },
  { role: 'assistant', content: [{ type: 'text', text: 'Assistant text is not input: e@f.co' }] },
  {
    role: 'tool',
    content: [
      { type: 'tool-result', toolCallId: '1', toolName: 'crm', output: { type: 'text', value: 'owner g@h.co' } },
      { type: 'tool-result', toolCallId: '2', toolName: 'crm', output: { type: 'json', value: { owner: 'g@h.co' } } },
      { type: 'tool-result', toolCallId: '3', toolName: 'crm', output: { type: 'content', value: [{ type: 'text', text: 'note g@h.co' }] } },
    ],
  },
]

describe('promptView / redactPrompt', () => {
  it('judges system, user and assistant text as input, tool results as context', () => {
    const view = promptView(prompt)
    expect(view.input).toBe('You are support. Escalate to a@b.co\n\nI am c@d.cothanks\n\nAssistant text is not input: e@f.co')
    expect(view.context).toEqual(['owner g@h.co', '{"owner":"g@h.co"}', 'note g@h.co'])
  })

  it('writes redactions back to each message, also across a separator, leaving the original untouched', () => {
    const view = promptView(prompt)
    const at = (s: string, needle: string) => ({ start: s.indexOf(needle), end: s.indexOf(needle) + needle.length, type: 'EMAIL_ADDRESS' })
    const cross = { start: view.input.indexOf('c@d.co'), end: view.input.indexOf('thanks') + 3, type: 'X' }
    const out = redactPrompt(prompt, view, [at(view.input, 'a@b.co'), cross], view.context.map((c) => [at(c, 'g@h.co')]))
    expect(out[0]).toEqual({ role: 'system', content: 'You are support. Escalate to <EMAIL_ADDRESS>' })
    expect(out[1]).toMatchObject({ content: [{ text: 'I am <X>' }, { type: 'file' }, { text: 'nks' }] })
    expect(out[2]).toBe(prompt[2])
    expect(out[3]).toMatchObject({
      content: [
        { output: { type: 'text', value: 'owner <EMAIL_ADDRESS>' } },
        { output: { type: 'json', value: { owner: '<EMAIL_ADDRESS>' } } },
        { output: { type: 'content', value: [{ type: 'text', text: 'note <EMAIL_ADDRESS>' }] } },
      ],
    })
    expect(JSON.stringify(prompt)).toContain('a@b.co')
  })

  it('sends a JSON tool result as text when a redaction cut through its syntax', () => {
    const view = promptView(prompt)
    const ctx = view.context[1] ?? ''
    const out = redactPrompt(prompt, view, [], [[], [{ start: ctx.indexOf('g@h.co'), end: ctx.length, type: 'X' }], []])
    expect(out[3]).toMatchObject({ content: [{}, { output: { type: 'text', value: '{"owner":"<X>' } }, {}] })
  })
})

describe('promptView: every input kind', () => {
  const bytes = new TextEncoder().encode('file bytes k@l.co ')
  const rich: LanguageModelV4Prompt = [
    {
      role: 'user',
      content: [
        { type: 'file', data: { type: 'data', data: bytes }, mediaType: 'text/plain' },
        { type: 'file', data: { type: 'data', data: Buffer.from('{"mail":"m@n.co"} ').toString('base64') }, mediaType: 'application/json' },
        { type: 'file', data: { type: 'text', text: 'inline o@p.co' }, mediaType: 'text/markdown' },
        { type: 'file', data: { type: 'data', data: bytes }, mediaType: 'image/png' },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'thinking q@r.co' },
        { type: 'tool-call', toolCallId: 't', toolName: 'mail', input: { to: 's@t.co' } },
      ],
    },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't', toolName: 'mail', output: { type: 'execution-denied', reason: 'u@v.co is blocked' } }] },
  ]

  it('reads text-like files (bytes, base64, inline), assistant reasoning, tool-call arguments and denial reasons; not binary files', () => {
    const view = promptView(rich)
    expect(view.input).toBe('file bytes k@l.co {"mail":"m@n.co"} inline o@p.co\n\nthinking q@r.co')
    expect(view.context).toEqual(['{"to":"s@t.co"}', 'u@v.co is blocked'])
  })

  it('writes redactions back in the data form they came in', () => {
    const view = promptView(rich)
    const spans = [...view.input.matchAll(/\w@\w\.co/g)].map((m) => ({ start: m.index, end: m.index + 6, type: 'E' }))
    const ctx = view.context.map((c) => [...c.matchAll(/\w@\w\.co/g)].map((m) => ({ start: m.index, end: m.index + 6, type: 'E' })))
    const out = redactPrompt(rich, view, spans, ctx)
    const again = promptView(out)
    expect(again.input).toBe('file bytes <E> {"mail":"<E>"} inline <E>\n\nthinking <E>')
    expect(again.context).toEqual(['{"to":"<E>"}', '<E> is blocked'])
    const user = out[0] as { content: { data: { data?: unknown } }[] }
    expect(user.content[0]?.data.data).toBeInstanceOf(Uint8Array)
    expect(typeof user.content[1]?.data.data).toBe('string')
    expect(user.content[3]).toBe((rich[0] as { content: unknown[] }).content[3])
  })
})
