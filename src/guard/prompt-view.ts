import type { LanguageModelV4Prompt, LanguageModelV4ToolResultOutput } from '@ai-sdk/provider'
import { redactText, type RedactSpan } from './redact-text.js'
import { joinSegments, splitSpans, type JoinedText } from './text-segments.js'

/** Where a checked piece of prompt text lives, so a redaction can be written back. */
type Location =
  | { kind: 'system'; message: number }
  | { kind: 'user-text'; message: number; part: number }
  | { kind: 'tool-output'; message: number; part: number; json: boolean }
  | { kind: 'tool-content'; message: number; part: number; item: number }

/**
 * The prompt as the guardrail judges it: system and user text joined into `input` (separated by a
 * blank line, so findings map back to each message), and each tool result's text as one
 * `context[i]`. Assistant turns were checked as output when they were produced.
 */
export interface PromptView {
  input: string
  context: string[]
  joinedInput: JoinedText
  inputLocations: Location[]
  contextLocations: Location[]
}

const SEPARATOR = '\n\n'

export function promptView(prompt: LanguageModelV4Prompt): PromptView {
  const inputTexts: string[] = []
  const inputLocations: Location[] = []
  const context: string[] = []
  const contextLocations: Location[] = []
  prompt.forEach((message, m) => {
    if (message.role === 'system') {
      inputTexts.push(message.content)
      inputLocations.push({ kind: 'system', message: m })
    } else if (message.role === 'user') {
      message.content.forEach((part, p) => {
        if (part.type === 'text') {
          inputTexts.push(part.text)
          inputLocations.push({ kind: 'user-text', message: m, part: p })
        }
      })
    } else if (message.role === 'tool') {
      message.content.forEach((part, p) => {
        if (part.type !== 'tool-result') return
        const out = part.output
        if (out.type === 'text' || out.type === 'error-text') {
          context.push(out.value)
          contextLocations.push({ kind: 'tool-output', message: m, part: p, json: false })
        } else if (out.type === 'json' || out.type === 'error-json') {
          context.push(JSON.stringify(out.value) ?? 'null')
          contextLocations.push({ kind: 'tool-output', message: m, part: p, json: true })
        } else if (out.type === 'content') {
          out.value.forEach((item, i) => {
            if (item.type === 'text') {
              context.push(item.text)
              contextLocations.push({ kind: 'tool-content', message: m, part: p, item: i })
            }
          })
        }
      })
    }
  })
  const joinedInput = joinSegments(inputTexts, SEPARATOR)
  return { input: joinedInput.text, context, joinedInput, inputLocations, contextLocations }
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
  const perInput = splitSpans(view.joinedInput, inputSpans)
  const edits: { loc: Location; text: string }[] = []
  view.inputLocations.forEach((loc, i) => {
    const spans = perInput[i] ?? []
    if (spans.length) edits.push({ loc, text: redactText(segmentText(view, i), spans) })
  })
  view.contextLocations.forEach((loc, i) => {
    const spans = contextSpans[i] ?? []
    if (spans.length) edits.push({ loc, text: redactText(view.context[i] ?? '', spans) })
  })
  for (const { loc, text } of edits) apply(out, loc, text)
  return out
}

function segmentText(view: PromptView, i: number): string {
  const start = view.joinedInput.starts[i] ?? 0
  return view.input.slice(start, start + (view.joinedInput.lengths[i] ?? 0))
}

function apply(prompt: LanguageModelV4Prompt, loc: Location, text: string): void {
  const message = prompt[loc.message]
  if (!message) return
  if (loc.kind === 'system' && message.role === 'system') {
    prompt[loc.message] = { ...message, content: text }
    return
  }
  if (loc.kind === 'user-text' && message.role === 'user') {
    const content = message.content.slice()
    const part = content[loc.part]
    if (part?.type === 'text') content[loc.part] = { ...part, text }
    prompt[loc.message] = { ...message, content }
    return
  }
  if ((loc.kind === 'tool-output' || loc.kind === 'tool-content') && message.role === 'tool') {
    const content = message.content.slice()
    const part = content[loc.part]
    if (part?.type !== 'tool-result') return
    content[loc.part] = { ...part, output: rewriteOutput(part.output, loc, text) }
    prompt[loc.message] = { ...message, content }
  }
}

function rewriteOutput(output: LanguageModelV4ToolResultOutput, loc: Location, text: string): LanguageModelV4ToolResultOutput {
  if (loc.kind === 'tool-content' && output.type === 'content') {
    const value = output.value.slice()
    const item = value[loc.item]
    if (item?.type === 'text') value[loc.item] = { ...item, text }
    return { ...output, value }
  }
  if (output.type === 'json' || output.type === 'error-json') {
    // Placeholders sit inside JSON string literals, so the redacted text usually still parses;
    // when a span cut through JSON syntax it does not, and the result is sent as text instead.
    try {
      return { ...output, value: JSON.parse(text) }
    } catch {
      return { type: output.type === 'json' ? 'text' : 'error-text', value: text }
    }
  }
  if (output.type === 'text' || output.type === 'error-text') return { ...output, value: text }
  return output
}
