import { z } from 'zod'
import { DatasetError, type DatasetErrorCode } from '../core/errors/dataset-error.js'
import type { ModelRef, Sample, ToolCall } from '../core/types.js'
import { parseModelRef } from '../core/model-ref.js'
import { describeJsonError } from './describe-json-error.js'

/**
 * How a dataset record (a CSV row or a JSONL object) becomes a `Sample`.
 *
 * Field keys (the left side of `columns`, and the entries of `required`):
 * `id`, `input`, `output`, `context`, `toolCalls`, `model` (`provider:model-id[@region]`),
 * `model.provider`, `model.id`, `model.region`, `metadata` (a whole JSON object) and
 * `metadata.<key>` (one metadata entry).
 *
 * Every column / key that no field claims goes into `sample.metadata`, under its own name with a
 * leading `metadata.` removed. CSV cells stay strings (a CSV has no types: `00123` or `1e3` must
 * not be silently turned into numbers); JSONL values keep their JSON type. An empty CSV cell and a
 * JSONL `null` mean "absent".
 */

export type DatasetFormat = 'csv' | 'jsonl'

const SIMPLE_FIELDS = ['id', 'input', 'output', 'context', 'toolCalls', 'model', 'model.provider', 'model.id', 'model.region', 'metadata'] as const
type SimpleField = (typeof SIMPLE_FIELDS)[number]
const METADATA_PREFIX = 'metadata.'

/** A Sample field a column can map to: one of the fixed keys, or `metadata.<key>`. */
export type SampleFieldKey = SimpleField | `metadata.${string}`

export function isSampleFieldKey(key: string): key is SampleFieldKey {
  return (SIMPLE_FIELDS as readonly string[]).includes(key) || (key.startsWith(METADATA_PREFIX) && key.length > METADATA_PREFIX.length)
}

export const SAMPLE_FIELD_KEYS_TEXT = `${SIMPLE_FIELDS.join(', ')} or metadata.<key>`

/** Column (CSV) or key (JSONL) names used when `columns` does not say otherwise. */
export function defaultColumns(format: DatasetFormat): Record<SimpleField, string> {
  return {
    id: 'id',
    input: 'input',
    output: 'output',
    context: 'context',
    toolCalls: format === 'csv' ? 'tool_calls' : 'toolCalls',
    model: 'model',
    'model.provider': 'model_provider',
    'model.id': 'model_id',
    'model.region': 'model_region',
    metadata: 'metadata',
  }
}

export interface FieldBinding {
  key: SampleFieldKey
  /** Column / key name in the file. */
  source: string
  /** True when the user named this column in `columns` (then a CSV header must have it). */
  explicit: boolean
}

export interface SampleMapping {
  format: DatasetFormat
  bindings: FieldBinding[]
  /** Source names claimed by a binding: everything else is metadata. */
  claimed: Set<string>
  required: SampleFieldKey[]
}

export function buildMapping({
  format,
  columns = {},
  required = [],
}: {
  format: DatasetFormat
  columns?: Record<string, string>
  required?: string[]
}): SampleMapping {
  const bySource = new Map<SampleFieldKey, FieldBinding>()
  for (const [key, source] of Object.entries(defaultColumns(format))) {
    bySource.set(key as SimpleField, { key: key as SimpleField, source, explicit: false })
  }
  for (const [key, source] of Object.entries(columns)) {
    // keys were validated by the caller's schema
    bySource.set(key as SampleFieldKey, { key: key as SampleFieldKey, source, explicit: true })
  }
  const bindings = [...bySource.values()]
  return {
    format,
    bindings,
    claimed: new Set(bindings.map((b) => b.source)),
    required: required as SampleFieldKey[],
  }
}

/** Where in the file a record is, for error messages. */
export interface RecordPlace {
  file: string
  line: number
}

function fail(place: RecordPlace, field: string, code: DatasetErrorCode, detail: string): never {
  throw new DatasetError({ file: place.file, line: place.line, field, code, detail })
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

/** A `__proto__` key becomes a plain own property, never a prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}

const toolCallSchema = z.object({ name: z.string().min(1), args: z.unknown().optional(), id: z.string().optional() }).passthrough()
const toolCallsSchema = z.array(toolCallSchema)

/** Parse a JSON-typed CSV cell; the error names the column and a position, never the content. */
function parseJsonCell(text: string, place: RecordPlace, source: string, what: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    return fail(place, source, 'json_parse', `invalid JSON in ${what}: ${describeJsonError(error)}`)
  }
}

/** Convert one present, non-null value of a bound field into its Sample type. */
function convert(key: SampleFieldKey, value: unknown, format: DatasetFormat, place: RecordPlace, source: string): unknown {
  const fromCsv = format === 'csv'
  switch (key) {
    case 'id':
      if (typeof value === 'string') return value
      if (typeof value === 'number' && Number.isFinite(value)) return String(value)
      return fail(place, source, 'invalid_field', `id must be a string or a number, got ${typeName(value)}`)
    case 'input':
    case 'output':
    case 'model.provider':
    case 'model.id':
    case 'model.region':
      if (typeof value === 'string') return value
      return fail(place, source, 'invalid_field', `${key} must be a string, got ${typeName(value)}`)
    case 'context': {
      let list = value
      if (fromCsv) {
        const text = value as string
        // A cell that starts with `[` is a JSON array; any other text is one context entry.
        list = text.trimStart().startsWith('[') ? parseJsonCell(text, place, source, 'context (a JSON array of strings)') : [text]
      } else if (typeof value === 'string') {
        list = [value]
      }
      if (!Array.isArray(list)) return fail(place, source, 'invalid_field', `context must be an array of strings, got ${typeName(list)}`)
      const bad = list.findIndex((entry) => typeof entry !== 'string')
      if (bad >= 0) return fail(place, source, 'invalid_field', `context[${bad}] must be a string, got ${typeName(list[bad])}`)
      return list
    }
    case 'toolCalls': {
      const list = fromCsv ? parseJsonCell(value as string, place, source, 'tool calls (a JSON array of { name, args })') : value
      const parsed = toolCallsSchema.safeParse(list)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        const path = issue ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') : ''
        return fail(place, source, 'invalid_field', `toolCalls${path}: ${issue?.message ?? 'invalid'} (expected an array of { name: string, args })`)
      }
      return parsed.data.map((call): ToolCall => {
        const out: ToolCall = { name: call.name, args: call.args === undefined ? {} : call.args }
        if (call.id !== undefined) out.id = call.id
        return out
      })
    }
    case 'model': {
      if (typeof value === 'string') {
        const ref = parseModelRef(value)
        if (!ref) return fail(place, source, 'invalid_field', 'model must be written "provider:model-id" or "provider:model-id@region"')
        return ref
      }
      const parsed = z.object({ provider: z.string().min(1), id: z.string().min(1), region: z.string().min(1).optional() }).strict().safeParse(value)
      if (!parsed.success) return fail(place, source, 'invalid_field', 'model must be "provider:model-id" or an object { provider, id, region? }')
      const { provider, id, region } = parsed.data
      return region ? { provider, id, region } : { provider, id }
    }
    case 'metadata': {
      const obj = fromCsv ? parseJsonCell(value as string, place, source, 'metadata (a JSON object)') : value
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
        return fail(place, source, 'invalid_field', `metadata must be a JSON object, got ${typeName(obj)}`)
      }
      return obj
    }
    default:
      // metadata.<key>: CSV strings stay strings, JSONL values keep their type.
      return value
  }
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true
  if (typeof value === 'string') return value.trim() === ''
  if (Array.isArray(value)) return value.length === 0
  if (typeof value === 'object') return Object.keys(value).length === 0
  return false
}

/** A record's column / key that no field claims, and the metadata key it lands under. */
export interface ExtraColumn {
  source: string
  key: string
}

/** The names among `names` that go to metadata (`metadata.` prefix removed), in order. */
export function extraColumns(mapping: SampleMapping, names: Iterable<string>): ExtraColumn[] {
  const extras: ExtraColumn[] = []
  for (const source of names) {
    if (mapping.claimed.has(source)) continue
    const key = source.startsWith(METADATA_PREFIX) && source.length > METADATA_PREFIX.length ? source.slice(METADATA_PREFIX.length) : source
    extras.push({ source, key })
  }
  return extras
}

/**
 * Build a Sample from one record. `get` returns the value of a column / key (undefined when the
 * record has none); `extras` are the record's unclaimed columns (see `extraColumns`).
 */
export function toSample(mapping: SampleMapping, get: (source: string) => unknown, extras: readonly ExtraColumn[], place: RecordPlace): Sample {
  const csv = mapping.format === 'csv'
  const sample: Sample = {}
  let model: ModelRef | undefined
  let provider: string | undefined
  let modelId: string | undefined
  let region: string | undefined
  let whole: Record<string, unknown> | undefined
  let named: [string, unknown][] | undefined
  for (const { key, source } of mapping.bindings) {
    const raw = get(source)
    if (raw === undefined || raw === null || (csv && raw === '')) continue
    const value = convert(key, raw, mapping.format, place, source)
    switch (key) {
      case 'id':
      case 'input':
      case 'output':
        sample[key] = value as string
        break
      case 'context':
        sample.context = value as string[]
        break
      case 'toolCalls':
        sample.toolCalls = value as ToolCall[]
        break
      case 'model':
        model = value as ModelRef
        break
      case 'model.provider':
        provider = value as string
        break
      case 'model.id':
        modelId = value as string
        break
      case 'model.region':
        region = value as string
        break
      case 'metadata':
        whole = value as Record<string, unknown>
        break
      default:
        ;(named ??= []).push([key.slice(METADATA_PREFIX.length), value])
    }
  }

  if (model) {
    sample.model = model
  } else if (provider !== undefined && modelId !== undefined) {
    sample.model = region === undefined ? { provider, id: modelId } : { provider, id: modelId, region }
  } else if (provider !== undefined || modelId !== undefined || region !== undefined) {
    const missing = provider !== undefined ? 'model.id' : 'model.provider'
    fail(place, requiredSource(mapping, missing), 'missing_field', `a model needs both a provider and an id: ${missing} is missing or empty`)
  }

  // Precedence, lowest first: unclaimed columns, the `metadata` object, `metadata.<key>` fields.
  let metadata: Record<string, unknown> | undefined
  for (const { source, key } of extras) {
    const value = get(source)
    if (value === undefined || value === null || (csv && value === '')) continue
    setOwn((metadata ??= {}), key, value)
  }
  if (whole) for (const key of Object.keys(whole)) setOwn((metadata ??= {}), key, whole[key])
  if (named) for (const [key, value] of named) setOwn((metadata ??= {}), key, value)
  if (metadata) sample.metadata = metadata

  for (const key of mapping.required) {
    if (!isEmpty(requiredValue(sample, key))) continue
    const source = requiredSource(mapping, key)
    const what = source === key ? `required field "${key}"` : `required field "${key}" (column "${source}")`
    fail(place, source, 'missing_field', `${what} is missing or empty`)
  }
  return sample
}

function requiredValue(sample: Sample, key: SampleFieldKey): unknown {
  switch (key) {
    case 'id':
    case 'input':
    case 'output':
    case 'context':
    case 'toolCalls':
    case 'model':
    case 'metadata':
      return sample[key]
    case 'model.provider':
      return sample.model?.provider
    case 'model.id':
      return sample.model?.id
    case 'model.region':
      return sample.model?.region
    default:
      return sample.metadata?.[key.slice(METADATA_PREFIX.length)]
  }
}

/** The column / key a required field is read from, for messages. */
export function requiredSource(mapping: SampleMapping, key: SampleFieldKey): string {
  return mapping.bindings.find((b) => b.key === key)?.source ?? key
}

/**
 * Check a CSV header against the mapping: duplicate or empty names, explicitly mapped columns that
 * are absent, required fields with no column. Always fatal: skipping rows cannot fix a header.
 */
export function checkCsvHeader(mapping: SampleMapping, header: string[], place: RecordPlace): void {
  const seen = new Set<string>()
  header.forEach((name, i) => {
    if (name === '') fail(place, `column ${i + 1}`, 'invalid_header', `column ${i + 1} of the header has no name`)
    if (seen.has(name)) fail(place, name, 'invalid_header', `column "${name}" appears twice in the header`)
    seen.add(name)
  })
  for (const binding of mapping.bindings) {
    if (binding.explicit && !seen.has(binding.source)) {
      fail(place, binding.source, 'missing_column', `the header has no column "${binding.source}" (mapped to ${binding.key} in columns)`)
    }
  }
  const has = (key: SampleFieldKey) => {
    const source = requiredSource(mapping, key)
    return seen.has(source)
  }
  for (const key of mapping.required) {
    if (key === 'model' && (has('model') || (has('model.provider') && has('model.id')))) continue
    if ((key === 'model.provider' || key === 'model.id' || key === 'model.region') && (has(key) || has('model'))) continue
    if (key.startsWith(METADATA_PREFIX)) {
      const bare = key.slice(METADATA_PREFIX.length)
      const explicit = mapping.bindings.some((b) => b.key === key)
      if (has(key) || (!explicit && seen.has(bare) && !mapping.claimed.has(bare)) || has('metadata')) continue
    } else if (key === 'metadata') {
      if (has('metadata') || header.some((name) => !mapping.claimed.has(name))) continue
    } else if (has(key)) {
      continue
    }
    const source = requiredSource(mapping, key)
    fail(place, source, 'missing_column', `the header has no column "${source}", which holds the required field ${key}`)
  }
}
