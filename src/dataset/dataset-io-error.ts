import { stat } from 'node:fs/promises'
import { DatasetError } from '../core/errors/dataset-error.js'

/** A file-system failure while reading a dataset, as a `DatasetError` naming the path. */
export function toDatasetIoError(error: unknown, file: string): unknown {
  if (DatasetError.isInstance(error)) return error
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT') return new DatasetError({ file, code: 'dataset_not_found', detail: 'dataset file not found', cause: error })
  if (code === 'EISDIR') return new DatasetError({ file, code: 'dataset_unreadable', detail: 'is a directory, not a dataset file', cause: error })
  if (code === 'ELOOP') return new DatasetError({ file, code: 'dataset_unreadable', detail: 'is a symbolic link loop (too many levels of symbolic links)', cause: error })
  if (code === 'EACCES' || code === 'EPERM') return new DatasetError({ file, code: 'dataset_unreadable', detail: 'permission denied', cause: error })
  if (typeof code === 'string' && /^E[A-Z0-9]{1,20}$/.test(code)) {
    return new DatasetError({ file, code: 'dataset_unreadable', detail: `cannot read the file (${code})`, cause: error })
  }
  return error
}

/**
 * A dataset must be a regular file: a device (/dev/zero, /dev/urandom), a FIFO or a socket would be
 * read forever or block, a directory is not data. Throws a `DatasetError` saying which.
 */
export async function assertRegularFile(file: string): Promise<void> {
  let info
  try {
    info = await stat(file)
  } catch (error) {
    throw toDatasetIoError(error, file)
  }
  if (info.isFile()) return
  const kind = info.isDirectory()
    ? 'a directory'
    : info.isFIFO()
      ? 'a named pipe (FIFO)'
      : info.isCharacterDevice()
        ? 'a character device'
        : info.isBlockDevice()
          ? 'a block device'
          : info.isSocket()
            ? 'a socket'
            : 'not a regular file'
  throw new DatasetError({ file, code: 'dataset_unreadable', detail: kind === 'not a regular file' ? 'is not a regular file: a dataset must be one' : `is ${kind}, not a regular file: a dataset must be one` })
}
