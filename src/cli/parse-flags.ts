import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from '../core/errors/usage-error.js'

/** `util.parseArgs`, with its errors (unknown option, missing value) turned into a UsageError: exit 2 with the usage. */
export function parseFlags<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config)
  } catch (error) {
    throw new UsageError({ message: (error as Error).message })
  }
}
