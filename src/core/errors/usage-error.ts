import { VouchError } from './vouch-error.js'

const name = 'UsageError'
const marker = `vouch.error.${name}`
const symbol = Symbol.for(marker)

/** The command line asks for something that cannot be done (unknown flag, bad value). Exit 2. */
export class UsageError extends VouchError {
  private readonly [symbol] = true

  constructor({ message }: { message: string }) {
    super({ name, code: 'usage', message })
  }

  static override isInstance(error: unknown): error is UsageError {
    return VouchError.hasMarker(error, marker)
  }
}
