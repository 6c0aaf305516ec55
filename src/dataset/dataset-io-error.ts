import { DatasetError } from '../core/errors/dataset-error.js'

/** A file-system failure while reading a dataset, as a `DatasetError` naming the path. */
export function toDatasetIoError(error: unknown, file: string): unknown {
  if (DatasetError.isInstance(error)) return error
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT') return new DatasetError({ file, code: 'dataset_not_found', detail: 'dataset file not found', cause: error })
  if (code === 'EISDIR') return new DatasetError({ file, code: 'dataset_unreadable', detail: 'is a directory, not a dataset file', cause: error })
  if (code === 'EACCES' || code === 'EPERM') return new DatasetError({ file, code: 'dataset_unreadable', detail: 'permission denied', cause: error })
  if (typeof code === 'string' && /^E[A-Z0-9]{1,20}$/.test(code)) {
    return new DatasetError({ file, code: 'dataset_unreadable', detail: `cannot read the file (${code})`, cause: error })
  }
  return error
}
