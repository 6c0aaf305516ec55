import type { LanguageModelV4FilePart, LanguageModelV4Message, LanguageModelV4Prompt, LanguageModelV4ToolResultOutput } from '@ai-sdk/provider'
import type { RedactSpan } from './redact-text.js'
import { joinSegments, redactSegments, type JoinedText } from './text-segments.js'

/** Replace the text of one slot in a (shallow-copied) prompt. */
type Write = (prompt: LanguageModelV4Prompt, text: string) => void

/** One piece of prompt text the guardrail judges, and how to write its redaction back. */
interface Slot {
  text: string
  write: Write
  /** Index of the message it is in. */
  message: number
}

/**
 * The prompt as the guardrail judges it. Everything that reaches the provider as text is checked:
 *
 * - `input`: the conversation text, one segment per piece (so findings map back to each piece;
 *   pieces of one message joined with '', messages by a blank line): system messages; user text; assistant history (text and reasoning: an
 *   earlier answer can be forged by the caller, so it is not trusted as already checked); text-like
 *   file parts (`text/*`, JSON, XML, YAML, CSV; inline text or bytes) of user and assistant messages.
 * - `context[i]`: structured text, one entry each: tool results (text, JSON, content text items,
 *   text-like files, denial reasons) and the arguments of tool calls in the assistant history.
 *
 * Not judged (cannot be read here): binary files (images, audio, PDF) and files given by URL or
 * provider reference; block them upstream if they may carry personal data.
 */
export interface PromptView {
  input: string
  context: string[]
  joinedInput: JoinedText
  inputSlots: Slot[]
  contextSlots: Slot[]
}

const SEPARATOR = '\n\n'

const TEXT_LIKE = /^(?:text(?:\/[\w.+-]+)?|application\/(?:json|[\w.-]+\+json|x-ndjson|xml|[\w.-]+\+xml|yaml|x-yaml|csv|javascript|x-www-form-urlencoded))(?:\s*;.*)?$/i

/** Whether a file of this media type is text the guardrail can read and check. */
export function isTextLike(mediaType: string): boolean {
  return TEXT_LIKE.test(mediaType.trim())
}

export function promptView(prompt: LanguageModelV4Prompt): PromptView {
  const inputSlots: Slot[] = []
  const contextSlots: Slot[] = []
  prompt.forEach((message, m) => {
    if (message.role === 'system') {
      inputSlots.push({ message: m, text: message.content, write: (p, text) => void (p[m] = { ...(p[m] as typeof message), content: text }) })
      return
    }
    if (message.role === 'tool') {
      message.content.forEach((part, i) => {
        if (part.type === 'tool-result') contextSlots.push(...toolOutputSlots(part.output, m, (p, out) => setPart(p, m, i, { ...part, output: out })))
        else if (part.type === 'tool-approval-response' && part.reason) {
          contextSlots.push({ message: m, text: part.reason, write: (p, text) => setPart(p, m, i, { ...part, reason: text }) })
        }
      })
      return
    }
    message.content.forEach((part, i) => {
      switch (part.type) {
        case 'text':
        case 'reasoning':
          inputSlots.push({ message: m, text: part.text, write: (p, text) => setPart(p, m, i, { ...part, text }) })
          return
        case 'file': {
          const slot = fileSlot(part, m, (p, next) => setPart(p, m, i, next))
          if (slot) inputSlots.push(slot)
          return
        }
        case 'tool-call': {
          const text = typeof part.input === 'string' ? part.input : (JSON.stringify(part.input) ?? '')
          contextSlots.push({ message: m, text, write: (p, redacted) => setPart(p, m, i, { ...part, input: reparse(redacted, part.input) }) })
          return
        }
        case 'tool-result':
          contextSlots.push(...toolOutputSlots(part.output, m, (p, out) => setPart(p, m, i, { ...part, output: out })))
          return
        default:
      }
    })
  })
  // Parts of one message reach the model side by side (providers concatenate content parts), so
  // they are joined with '': an entity split across two text parts is one entity. Messages are
  // separated by a blank line.
  const joinedInput = joinSegments(
    inputSlots.map((s) => s.text),
    inputSlots.slice(1).map((s, i) => (s.message === inputSlots[i]?.message ? '' : SEPARATOR)),
  )
  return { input: joinedInput.text, context: contextSlots.map((s) => s.text), joinedInput, inputSlots, contextSlots }
}

/**
 * A copy of the prompt with the spans redacted: `inputSpans` in `view.input` offsets,
 * `contextSpans[i]` in `view.context[i]` offsets. Untouched messages and parts are shared, not copied.
 */
export function redactPrompt(
  prompt: LanguageModelV4Prompt,
  view: PromptView,
  inputSpans: readonly RedactSpan[],
  contextSpans: readonly (readonly RedactSpan[])[],
): LanguageModelV4Prompt {
  const out = prompt.slice()
  if (inputSpans.length) {
    const texts = redactSegments(view.joinedInput, inputSpans)
    view.inputSlots.forEach((slot, i) => {
      const text = texts[i] ?? slot.text
      if (text !== slot.text) slot.write(out, text)
    })
  }
  view.contextSlots.forEach((slot, i) => {
    const spans = contextSpans[i] ?? []
    if (spans.length) slot.write(out, redactSegments(joinSegments([slot.text], ''), spans)[0] ?? '')
  })
  return out
}

function setPart(prompt: LanguageModelV4Prompt, m: number, i: number, part: unknown): void {
  const message = prompt[m] as Extract<LanguageModelV4Message, { content: unknown[] }>
  const content = message.content.slice() as unknown[]
  content[i] = part
  prompt[m] = { ...message, content } as LanguageModelV4Message
}

function toolOutputSlots(output: LanguageModelV4ToolResultOutput, message: number, write: (p: LanguageModelV4Prompt, out: LanguageModelV4ToolResultOutput) => void): Slot[] {
  switch (output.type) {
    case 'text':
    case 'error-text':
      return [{ message, text: output.value, write: (p, value) => write(p, { ...output, value }) }]
    case 'json':
    case 'error-json': {
      const text = JSON.stringify(output.value) ?? 'null'
      // Placeholders sit inside JSON string literals, so the redacted text usually still parses;
      // when a span cut through JSON syntax it does not, and the result is sent as text instead.
      return [
        {
          message,
          text,
          write: (p, redacted) => {
            try {
              write(p, { ...output, value: JSON.parse(redacted) })
            } catch {
              write(p, { type: output.type === 'json' ? 'text' : 'error-text', value: redacted })
            }
          },
        },
      ]
    }
    case 'execution-denied':
      return output.reason ? [{ message, text: output.reason, write: (p, reason) => write(p, { ...output, reason }) }] : []
    case 'content': {
      // Each item is written into the latest copy, so several redacted items all land.
      let current = output
      const slots: Slot[] = []
      output.value.forEach((item, k) => {
        const put = (p: LanguageModelV4Prompt, next: (typeof output.value)[number]) => {
          const value = current.value.slice()
          value[k] = next
          current = { ...current, value }
          write(p, current)
        }
        if (item.type === 'text') slots.push({ message, text: item.text, write: (p, text) => put(p, { ...item, text }) })
        else if (item.type === 'file') {
          const slot = fileSlot(item as unknown as LanguageModelV4FilePart, message, (p, next) => put(p, next as unknown as typeof item))
          if (slot) slots.push(slot)
        }
      })
      return slots
    }
    default:
      return []
  }
}

/** A text-like file given inline (text, bytes or base64) as a slot; its redaction keeps the data's form. */
function fileSlot(part: LanguageModelV4FilePart, message: number, write: (p: LanguageModelV4Prompt, next: LanguageModelV4FilePart) => void): Slot | undefined {
  if (!isTextLike(part.mediaType)) return undefined
  const data = part.data
  if (data.type === 'text') return { message, text: data.text, write: (p, text) => write(p, { ...part, data: { ...data, text } }) }
  if (data.type !== 'data') return undefined
  const bytes = typeof data.data === 'string' ? Buffer.from(data.data, 'base64') : data.data
  const text = new TextDecoder('utf-8').decode(bytes)
  return {
    message,
    text,
    write: (p, redacted) => {
      const encoded = new TextEncoder().encode(redacted)
      write(p, { ...part, data: { ...data, data: typeof data.data === 'string' ? Buffer.from(encoded).toString('base64') : encoded } })
    },
  }
}

/** Tool-call input in the history: keep its form (object stays object when the redaction still parses). */
function reparse(redacted: string, original: unknown): unknown {
  if (typeof original === 'string') return redacted
  try {
    return JSON.parse(redacted)
  } catch {
    return redacted
  }
}
