import type { Sample } from './types.js'

/** A sample field an evaluator scans as text. */
export type TextField = 'input' | 'output' | 'context' | 'toolCalls'

export interface SampleText {
  /** `input`, `output`, `context[2]`, `toolCalls[0].args`. */
  field: string
  /** For a string inside structured tool-call arguments: its JSON path, e.g. `$.headers.authorization`. */
  path?: string
  text: string
}

const MAX_DEPTH = 32

/**
 * The text of a sample, field by field: `input`, `output`, each `context[i]`, and every string leaf
 * of each `toolCalls[i].args` (with its JSON path, so finding offsets are offsets into that string).
 */
export function* sampleTexts(sample: Sample, fields: readonly TextField[]): Generator<SampleText> {
  for (const field of fields) {
    if (field === 'input' || field === 'output') {
      const text = sample[field]
      if (typeof text === 'string' && text.length > 0) yield { field, text }
    } else if (field === 'context') {
      const context = Array.isArray(sample.context) ? sample.context : []
      for (let i = 0; i < context.length; i++) {
        const text = context[i]
        if (typeof text === 'string' && text.length > 0) yield { field: `context[${i}]`, text }
      }
    } else {
      const calls = Array.isArray(sample.toolCalls) ? sample.toolCalls : []
      for (let i = 0; i < calls.length; i++) {
        const args = calls[i]?.args
        if (typeof args === 'string') {
          if (args.length > 0) yield { field: `toolCalls[${i}].args`, text: args }
          continue
        }
        yield* stringLeaves(args, `toolCalls[${i}].args`, '$', 0)
      }
    }
  }
}

function* stringLeaves(value: unknown, field: string, path: string, depth: number): Generator<SampleText> {
  if (depth > MAX_DEPTH || value === null || value === undefined) return
  if (typeof value === 'string') {
    if (value.length > 0) yield { field, path, text: value }
    return
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* stringLeaves(value[i], field, `${path}[${i}]`, depth + 1)
    return
  }
  if (typeof value === 'object') {
    let index = 0
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      // a path is shown in findings: long or odd keys (which could themselves be values) become `[#n]`
      const segment = /^[A-Za-z_$][A-Za-z0-9_$]{0,31}$/.test(key) ? `.${key}` : `[#${index}]`
      yield* stringLeaves(child, field, `${path}${segment}`, depth + 1)
      index++
    }
  }
}

/** Every text field, in the order evaluators read them: the default `fields` of the text evaluators. */
export const TEXT_FIELDS = ['input', 'output', 'context', 'toolCalls'] as const satisfies readonly TextField[]

/** True when the sample holds at least one non-empty text (or tool-call string) in `fields`. */
export function hasText(sample: Sample, fields: readonly TextField[]): boolean {
  return !sampleTexts(sample, fields).next().done
}
