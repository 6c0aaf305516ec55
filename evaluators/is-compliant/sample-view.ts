import type { Sample } from '../../src/core/types.js'
import { parseJsonPath, resolveJsonPath, type PathSegment } from '../output-range/json-path.js'

/** A piece of sample text a rule looks at. Offsets of findings are into `sample[field]`. */
export interface TextTarget {
  /** `input`, `output` or `context[i]`. */
  field: string
  /** The text judged: the whole field, or the JSON string at `path`. */
  text: string
  /** Set when `text` is a JSON string value inside the field. */
  path?: string
  /** Length of the whole field: findings in a JSON value span the whole field (offsets inside JSON escapes would lie). */
  fieldLength: number
}

const parsedPaths = new Map<string, PathSegment[]>()
export function compilePath(path: string): PathSegment[] {
  let segments = parsedPaths.get(path)
  if (!segments) {
    segments = parseJsonPath(path)
    parsedPaths.set(path, segments)
  }
  return segments
}

/** A sample with its JSON fields parsed once per evaluation. */
export class SampleView {
  private readonly json = new Map<string, { ok: boolean; value: unknown }>()
  constructor(readonly sample: Sample) {}

  /** The raw texts of a field: `context` gives one per entry. Missing or non-string fields give none. */
  fields(field: 'input' | 'output' | 'context'): { field: string; text: string }[] {
    if (field === 'context') {
      const context = Array.isArray(this.sample.context) ? this.sample.context : []
      return context.flatMap((text, i) => (typeof text === 'string' ? [{ field: `context[${i}]`, text }] : []))
    }
    const text = this.sample[field]
    return typeof text === 'string' ? [{ field, text }] : []
  }

  /** The field parsed as JSON, or `ok: false` when it is not JSON. */
  parsed(field: string, text: string): { ok: boolean; value: unknown } {
    let entry = this.json.get(field)
    if (!entry) {
      const trimmed = text.trimStart()
      if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        try {
          entry = { ok: true, value: JSON.parse(text) }
        } catch {
          entry = { ok: false, value: undefined }
        }
      } else entry = { ok: false, value: undefined }
      this.json.set(field, entry)
    }
    return entry
  }

  /**
   * What a rule judges. Without `path`, each raw field. With `path`, when the field is JSON: each
   * string the path selects; when the field is not JSON, or the path selects no string, the raw
   * field (so a plain-text answer is still judged).
   */
  targets(field: 'input' | 'output' | 'context', path?: string): TextTarget[] {
    const out: TextTarget[] = []
    for (const f of this.fields(field)) {
      if (path !== undefined) {
        const parsed = this.parsed(f.field, f.text)
        if (parsed.ok) {
          const strings = resolveJsonPath(parsed.value, compilePath(path)).filter((m) => m.present && typeof m.value === 'string')
          if (strings.length) {
            for (const m of strings) out.push({ field: f.field, text: m.value as string, path: m.path, fieldLength: f.text.length })
            continue
          }
        }
      }
      out.push({ field: f.field, text: f.text, fieldLength: f.text.length })
    }
    return out
  }

  /** Values for a condition: JSON values at `path` (metadata, or JSON fields), or the raw texts. */
  values(field: 'input' | 'output' | 'context' | 'metadata', path?: string): { field: string; value: unknown; present: boolean; text?: string }[] {
    if (field === 'metadata') {
      const metadata = this.sample.metadata
      if (path === undefined) return [{ field, value: metadata, present: metadata !== undefined }]
      return resolveJsonPath(metadata ?? {}, compilePath(path)).map((m) => ({ field, value: m.value, present: m.present }))
    }
    const out: { field: string; value: unknown; present: boolean; text?: string }[] = []
    for (const f of this.fields(field)) {
      if (path === undefined) {
        out.push({ field: f.field, value: f.text, present: true, text: f.text })
        continue
      }
      const parsed = this.parsed(f.field, f.text)
      if (!parsed.ok) out.push({ field: f.field, value: undefined, present: false })
      else for (const m of resolveJsonPath(parsed.value, compilePath(path))) out.push({ field: f.field, value: m.value, present: m.present })
    }
    return out
  }
}
