import { VouchError } from './vouch-error.js'

const name = 'DatasetError'
const marker = `vouch.error.${name}`
const symbol = Symbol.for(marker)

export type DatasetErrorCode =
  | 'dataset_not_found'
  | 'dataset_unreadable'
  | 'dataset_format'
  | 'csv_parse'
  | 'csv_column_count'
  | 'json_parse'
  | 'missing_column'
  | 'missing_field'
  | 'invalid_header'
  | 'invalid_field'
  | 'empty_dataset'

/** A dataset that cannot be read, or a row in it that is malformed. Names `file:line` and the field. */
export class DatasetError extends VouchError {
  private readonly [symbol] = true
  readonly file: string
  /** 1-based line of the row in the file (for CSV, the line the record starts on). */
  readonly line: number | undefined
  readonly field: string | undefined
  readonly detail: string

  constructor({
    file,
    line,
    field,
    code,
    detail,
    cause,
  }: {
    file: string
    line?: number
    field?: string
    code: DatasetErrorCode
    detail: string
    cause?: unknown
  }) {
    const where = line === undefined ? file : `${file}:${line}`
    super({ name, code, message: `${where}: ${field ? `field "${field}": ` : ''}${detail}`, cause })
    this.file = file
    this.line = line
    this.field = field
    this.detail = detail
  }

  static override isInstance(error: unknown): error is DatasetError {
    return VouchError.hasMarker(error, marker)
  }
}
