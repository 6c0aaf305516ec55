import { VouchError } from './vouch-error.js'

const name = 'CassetteMissError'
const marker = `vouch.error.${name}`
const symbol = Symbol.for(marker)

/** `--replay` found no recorded response for a model call. */
export class CassetteMissError extends VouchError {
  private readonly [symbol] = true
  readonly key: string
  readonly file: string

  constructor({ key, file, model }: { key: string; file: string; model: string }) {
    super({
      name,
      code: 'cassette_miss',
      message: `no cassette for this ${model} call (key ${key.slice(0, 16)}…, expected ${file}); the call's parameters changed since it was recorded — run with --record to record it`,
    })
    this.key = key
    this.file = file
  }

  static override isInstance(error: unknown): error is CassetteMissError {
    return VouchError.hasMarker(error, marker)
  }
}
