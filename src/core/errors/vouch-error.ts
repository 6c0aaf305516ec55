const marker = 'vouch.error'
const symbol = Symbol.for(marker)

/**
 * Base of every error vouch throws on purpose. Each subclass carries its own marker symbol so
 * `isInstance` works across module copies (a config loaded through jiti and the CLI loaded from
 * dist may hold two copies of this class).
 */
export class VouchError extends Error {
  private readonly [symbol] = true

  /** Stable, machine-readable error code, e.g. `config_invalid`. */
  readonly code: string

  constructor({ name, code, message, cause }: { name: string; code: string; message: string; cause?: unknown }) {
    super(message, cause === undefined ? undefined : { cause })
    this.name = name
    this.code = code
  }

  static isInstance(error: unknown): error is VouchError {
    return VouchError.hasMarker(error, marker)
  }

  protected static hasMarker(error: unknown, markerName: string): boolean {
    const markerSymbol = Symbol.for(markerName)
    return (
      error != null &&
      typeof error === 'object' &&
      markerSymbol in error &&
      (error as Record<symbol, unknown>)[markerSymbol] === true
    )
  }
}
