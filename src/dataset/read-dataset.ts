import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { z } from 'zod'
import { DatasetError } from '../core/errors/dataset-error.js'
import { parseOptions } from '../core/parse-options.js'
import type { Sample } from '../core/types.js'
import { csvRecords } from './csv-records.js'
import { datasetFormat } from './dataset-format.js'
import { assertRegularFile, toDatasetIoError } from './dataset-io-error.js'
import { describeJsonError } from './describe-json-error.js'
import { jsonlLines } from './jsonl-lines.js'
import { buildMapping, checkCsvHeader, extraColumns, isSampleFieldKey, SAMPLE_FIELD_KEYS_TEXT, toSample, type ExtraColumn, type SampleMapping } from './sample-mapping.js'

export interface DatasetSpec {
  /** Absolute path, or a display name when `stream` is given. */
  path: string
  /** Read from this instead of the file (e.g. stdin for `vouch scan -`). */
  stream?: NodeJS.ReadableStream
  /** Default from the extension (.csv, .jsonl/.ndjson); a `DatasetError` (`dataset_format`) if unknown. */
  format?: 'csv' | 'jsonl'
  /**
   * Sample field -> column (CSV) or key (JSONL) name, e.g.
   * `{ input: 'question', output: 'answer', 'metadata.tier': 'plan' }`. Fields: `id`, `input`,
   * `output`, `context`, `toolCalls`, `model`, `model.provider`, `model.id`, `model.region`,
   * `metadata`, `metadata.<key>`. A CSV header must contain every column named here.
   */
  columns?: Record<string, string>
  /** Sample fields that must be present and non-empty in every row, e.g. `['input']` or `['output']`. */
  required?: string[]
  /** `stop` (default): throw the first bad row's error. `skip`: report it through `onSkip` and go on. */
  onBadRow?: 'stop' | 'skip'
}

export interface DatasetRow {
  sample: Sample
  /** 0-based index among data records (header and blank lines excluded; skipped bad rows keep their index). */
  index: number
  /** 1-based line in the file where the record starts. */
  line: number
}

export interface ReadDatasetOptions {
  /** Called with each bad row's error when `onBadRow` is `skip`. */
  onSkip?: (error: DatasetError) => void
  /** Aborting stops reading: the generator throws `signal.reason` and releases the file. */
  signal?: AbortSignal
}

const isStream = (v: unknown): v is NodeJS.ReadableStream =>
  v !== null && typeof v === 'object' && typeof (v as { pipe?: unknown }).pipe === 'function' && typeof (v as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'

const fieldKey = z.string().refine(isSampleFieldKey, { error: `must be a Sample field: ${SAMPLE_FIELD_KEYS_TEXT}` })

const specSchema = z.object({
  path: z.string().min(1, 'must name the dataset file'),
  stream: z.custom<NodeJS.ReadableStream>(isStream, 'must be a readable stream').optional(),
  format: z.enum(['csv', 'jsonl']).optional(),
  columns: z
    .record(z.string(), z.string().min(1, 'must name a column'))
    .superRefine((columns, ctx) => {
      for (const key of Object.keys(columns)) {
        if (!isSampleFieldKey(key)) ctx.addIssue({ code: 'custom', path: [key], message: `unknown Sample field; use ${SAMPLE_FIELD_KEYS_TEXT}` })
      }
    })
    .optional(),
  required: z.array(fieldKey).optional(),
  onBadRow: z.enum(['stop', 'skip']).optional(),
})

const optionsSchema = z.object({
  onSkip: z.custom<(error: DatasetError) => void>((v) => typeof v === 'function', 'must be a function').optional(),
  signal: z.custom<AbortSignal>((v) => v instanceof AbortSignal, 'must be an AbortSignal').optional(),
})

type Item = { sample: Sample; line: number } | { error: DatasetError }

/**
 * Stream a CSV or JSONL dataset as Samples, one row at a time, in bounded memory: nothing is
 * collected, and the file is read only as fast as the consumer pulls rows.
 *
 * Options are checked at once (an `InvalidArgumentError` naming the field); every data problem is
 * a `DatasetError` naming `file:line` and the column, thrown from the generator. A bad row stops
 * reading (`onBadRow: 'stop'`, the default) or is handed to `onSkip` (`'skip'`); a header that
 * lacks a required or mapped column and a CSV quoting error are fatal in both modes. An empty file
 * or a header-only CSV yields nothing.
 */
export function readDataset(spec: DatasetSpec, options: ReadDatasetOptions = {}): AsyncGenerator<DatasetRow> {
  const checked = parseOptions(specSchema, spec, 'readDataset(spec)') as DatasetSpec
  const { onSkip, signal } = parseOptions(optionsSchema, options, 'readDataset(options)')
  return rows(checked, onSkip, signal)
}

async function* rows(spec: DatasetSpec, onSkip: ((error: DatasetError) => void) | undefined, signal: AbortSignal | undefined): AsyncGenerator<DatasetRow> {
  signal?.throwIfAborted()
  const { path: file, onBadRow = 'stop' } = spec
  const format = datasetFormat(spec)
  const mapping = buildMapping({ format, ...(spec.columns ? { columns: spec.columns } : {}), ...(spec.required ? { required: spec.required } : {}) })
  const source = await openSource(spec)
  const onAbort = () => source.destroy(signal?.reason)
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    const items = format === 'csv' ? csvItems(source, file, mapping) : jsonlItems(source, file, mapping)
    let index = 0
    for await (const batch of items) {
      for (const item of batch) {
        signal?.throwIfAborted()
        const rowIndex = index++
        if ('error' in item) {
          if (onBadRow === 'stop') throw item.error
          onSkip?.(item.error)
          continue
        }
        yield { sample: item.sample, index: rowIndex, line: item.line }
      }
    }
  } catch (error) {
    if (signal?.aborted) throw signal.reason
    throw toDatasetIoError(error, file)
  } finally {
    signal?.removeEventListener('abort', onAbort)
    source.destroy()
  }
}

async function openSource(spec: DatasetSpec): Promise<Readable> {
  if (spec.stream) {
    return spec.stream instanceof Readable ? spec.stream : Readable.from(spec.stream as AsyncIterable<Buffer | string>)
  }
  await assertRegularFile(spec.path)
  return createReadStream(spec.path)
}

/** Rows of a CSV, in batches: the first record is the header; a row error is yielded, a fatal one thrown. */
async function* csvItems(source: Readable, file: string, mapping: SampleMapping): AsyncGenerator<Item[]> {
  const names: { header?: string[] } = {}
  let header: string[] | undefined
  let columnIndex = new Map<string, number>()
  let extras: ExtraColumn[] = []
  for await (const records of csvRecords(source, file, names)) {
    const items: Item[] = []
    for (const { cells, line } of records) {
      // A line holding only whitespace is blank, like an empty one (csv-parse skips only empty lines).
      if (cells.length === 1 && cells[0]!.trim() === '') continue
      if (!header) {
        header = cells.map((cell) => cell.trim())
        checkCsvHeader(mapping, header, { file, line })
        names.header = header
        columnIndex = new Map(header.map((name, i) => [name, i]))
        extras = extraColumns(mapping, header)
        continue
      }
      if (cells.length !== header.length) {
        const short = cells.length < header.length
        items.push({
          error: new DatasetError({
            file,
            line,
            ...(short ? { field: header[cells.length]! } : {}),
            code: 'csv_column_count',
            detail: `the row has ${cells.length} values but the header has ${header.length} columns${short ? ` (first missing: "${header[cells.length]}")` : ''}; quote any field that contains a comma`,
          }),
        })
        continue
      }
      const row = cells
      const index = columnIndex
      items.push(sampleItem(mapping, (source) => {
        const i = index.get(source)
        return i === undefined ? undefined : row[i]
      }, extras, { file, line }))
    }
    if (items.length > 0) yield items
  }
}

/** Rows of a JSONL stream, in batches: one JSON object per line, blank lines skipped. */
async function* jsonlItems(source: Readable, file: string, mapping: SampleMapping): AsyncGenerator<Item[]> {
  for await (const lines of jsonlLines(source, (line) => new DatasetError({ file, line, code: 'dataset_unreadable', detail: 'the line is not valid UTF-8 (save the file as UTF-8)' }))) {
    const items: Item[] = []
    for (const { text, line } of lines) items.push(jsonlItem(text, line, file, mapping))
    if (items.length > 0) yield items
  }
}

function jsonlItem(text: string, line: number, file: string, mapping: SampleMapping): Item {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { error: new DatasetError({ file, line, code: 'json_parse', detail: `the line is not valid JSON: ${describeJsonError(error)}` }) }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`
    return { error: new DatasetError({ file, line, code: 'invalid_field', detail: `each line must be a JSON object (a Sample), got ${got}` }) }
  }
  const record = value as Record<string, unknown>
  return sampleItem(mapping, (key) => (Object.hasOwn(record, key) ? record[key] : undefined), extraColumns(mapping, Object.keys(record)), { file, line })
}

function sampleItem(mapping: SampleMapping, get: (source: string) => unknown, extras: readonly ExtraColumn[], place: { file: string; line: number }): Item {
  try {
    return { sample: toSample(mapping, get, extras, place), line: place.line }
  } catch (error) {
    if (DatasetError.isInstance(error)) return { error }
    throw error
  }
}
