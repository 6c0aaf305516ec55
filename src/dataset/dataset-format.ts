import { extname } from 'node:path'
import { DatasetError } from '../core/errors/dataset-error.js'
import type { DatasetFormat } from './sample-mapping.js'

const BY_EXTENSION: Record<string, DatasetFormat> = { '.csv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl' }

/** The format asked for, or the one the file's extension names (`.csv`, `.jsonl`, `.ndjson`). */
export function datasetFormat({ path, format }: { path: string; format?: DatasetFormat | undefined }): DatasetFormat {
  if (format) return format
  const ext = extname(path).toLowerCase()
  const found = BY_EXTENSION[ext]
  if (found) return found
  throw new DatasetError({
    file: path,
    code: 'dataset_format',
    detail: `cannot tell the format from the extension ${ext ? `"${ext}"` : '(none)'}: use .csv, .jsonl or .ndjson, or set format: 'csv' | 'jsonl'`,
  })
}
