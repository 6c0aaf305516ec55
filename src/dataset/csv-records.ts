import { pipeline, Readable } from 'node:stream'
import { parse, type CsvError } from 'csv-parse'
import { DatasetError } from '../core/errors/dataset-error.js'
import { strictUtf8Chunks } from './strict-utf8-chunks.js'

/** One CSV record with the 1-based line it starts on. The first record is the header. */
export interface CsvRecord {
  cells: string[]
  line: number
}

/** Line breaks in `text`: `\r\n`, `\n` and a lone `\r` each count once. */
export function countLineBreaks(text: string, { leadingOnly = false } = {}): number {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) count++
    else if (c === 13) {
      count++
      if (text.charCodeAt(i + 1) === 10) i++
    } else if (leadingOnly) break
  }
  return count
}

const REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'unterminated quoted field: the quote opened in this record is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by a character other than a delimiter or a line break (write a quote inside a quoted field as "")',
  INVALID_OPENING_QUOTE: 'a quote appears inside an unquoted field (quote the whole field and double the inner quote: "a ""b"" c")',
  CSV_MAX_RECORD_SIZE: 'the record is larger than the parser allows',
}

/**
 * Stream CSV records out of `source` through csv-parse, tracking the line each record starts on.
 *
 * csv-parse's own `info.lines` counts a `\r\n` inside a quoted field as two lines, so lines are
 * counted here from each record's raw text (`raw: true`). Column counts are left to the caller
 * (`relax_column_count`) so a short or long row is a row error it can skip. A quoting error is
 * fatal: csv-parse cannot resynchronise after one, so the records before it are delivered first
 * and then a `DatasetError` (`csv_parse`) is thrown at the record's start line. Bytes that are not
 * UTF-8 end the input at the line that holds them: the records before it are delivered, then a
 * `DatasetError` (`dataset_unreadable`) names that line (never a silent U+FFFD).
 *
 * Records come in small batches of what the parser already holds (one promise per batch rather
 * than per record). Nothing else is collected: the parser's buffer is bounded by its
 * highWaterMark and the pipeline applies backpressure to `source`.
 */
export async function* csvRecords(
  source: Readable,
  file: string,
  /** Filled by the caller once it has read the header, so a quoting error can name its column. */
  names: { header?: string[] } = {},
): AsyncGenerator<CsvRecord[]> {
  let fatal: { error: CsvError; after: number } | undefined
  const parser = parse({
    bom: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // Quoting errors are reported through on_skip instead of destroying the stream, which would
    // drop records already parsed but not yet read; we stop at the first one ourselves.
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error && !fatal) fatal = { error, after: parser.info.records }
    },
  })
  let badUtf8: DatasetError | undefined
  const checked = Readable.from(
    strictUtf8Chunks(source, (line) => {
      badUtf8 = new DatasetError({ file, line, code: 'dataset_unreadable', detail: 'the line is not valid UTF-8 (save the file as UTF-8)' })
    }),
    { objectMode: false },
  )
  let failure: unknown
  let ended = false
  pipeline(checked, parser, (error) => {
    if (error && (error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') failure ??= error
  })
  parser.on('error', (error) => (failure ??= error))
  parser.on('end', () => (ended = true))

  let nextLine = 1
  let consumed = 0
  const fatalError = (): DatasetError => {
    // Input cut short at a line that is not UTF-8 may leave a quote open: the encoding is the cause.
    if (badUtf8) return badUtf8
    const { error } = fatal!
    const raw = typeof error.raw === 'string' ? error.raw : ''
    const line = nextLine + countLineBreaks(raw, { leadingOnly: true })
    const column = typeof error.column === 'number' ? error.column : undefined
    const rest = error.code === 'CSV_QUOTE_NOT_CLOSED' ? `, so the rest of the file (from line ${line}) is one unfinished field` : ''
    return new DatasetError({
      file,
      line,
      ...(column !== undefined ? { field: names.header?.[column] ?? `column ${column + 1}` } : {}),
      code: 'csv_parse',
      detail: `${REASONS[error.code] ?? 'malformed CSV'}${rest}; the parser cannot resume after this error, so reading stops here`,
    })
  }
  const settled = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        parser.off('readable', done).off('end', done).off('error', done).off('close', done)
        resolve()
      }
      parser.on('readable', done).on('end', done).on('error', done).on('close', done)
    })

  try {
    for (;;) {
      const batch: CsvRecord[] = []
      while (batch.length < 256 && !(fatal && consumed >= fatal.after)) {
        const item = parser.read() as { record: string[]; raw: string } | null
        if (item === null) break
        consumed++
        const line = nextLine + countLineBreaks(item.raw, { leadingOnly: true })
        nextLine += countLineBreaks(item.raw)
        batch.push({ cells: item.record, line })
      }
      if (batch.length > 0) {
        yield batch
        continue
      }
      if (fatal && consumed >= fatal.after) throw fatalError()
      if (failure) throw failure
      if (ended && badUtf8) throw badUtf8
      if (ended || parser.destroyed) break
      await settled()
    }
  } finally {
    parser.destroy()
  }
  if (failure) throw failure
  if (fatal || badUtf8) throw fatalError()
}
