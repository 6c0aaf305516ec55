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
  it('judges system and user text as input, tool results as context, not assistant turns', () => {
    const view = promptView(prompt)
    expect(view.input).toBe('You are support. Escalate to a@b.co\n\nI am c@d.co\n\nthanks')
    expect(view.context).toEqual(['owner g@h.co', '{"owner":"g@h.co"}', 'note g@h.co'])
  })

  it('writes redactions back to each message, also across a separator, leaving the original untouched', () => {
    const view = promptView(prompt)
    const at = (s: string, needle: string) => ({ start: s.indexOf(needle), end: s.indexOf(needle) + needle.length, type: 'EMAIL_ADDRESS' })
    const cross = { start: view.input.indexOf('c@d.co'), end: view.input.indexOf('thanks') + 3, type: 'X' }
    const out = redactPrompt(prompt, view, [at(view.input, 'a@b.co'), cross], view.context.map((c) => [at(c, 'g@h.co')]))
    expect(out[0]).toEqual({ role: 'system', content: 'You are support. Escalate to <EMAIL_ADDRESS>' })
    expect(out[1]).toMatchObject({ content: [{ text: 'I am <X>' }, { type: 'file' }, { text: '<X>nks' }] })
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
