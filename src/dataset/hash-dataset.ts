import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { assertRegularFile, toDatasetIoError } from './dataset-io-error.js'

/** sha256 (lowercase hex) of a dataset file's bytes, streamed: the file is never held in memory. */
export async function hashDataset(path: string): Promise<string> {
  await assertRegularFile(path)
  const hash = createHash('sha256')
  try {
    await pipeline(createReadStream(path), hash)
  } catch (error) {
    throw toDatasetIoError(error, path)
  }
  return hash.digest('hex')
}
