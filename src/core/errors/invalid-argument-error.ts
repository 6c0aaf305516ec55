import { VouchError } from './vouch-error.js'

const name = 'InvalidArgumentError'
const marker = `vouch.error.${name}`
const symbol = Symbol.for(marker)

/** A factory or helper was called with options that do not match its schema (checked at once, p-limit style). */
export class InvalidArgumentError extends VouchError {
  private readonly [symbol] = true
  readonly argument: string
  readonly issues: { path: string; message: string }[]

  constructor({ argument, issues, message }: { argument: string; issues?: { path: string; message: string }[]; message?: string }) {
    const list = issues ?? []
    super({
      name,
      code: 'invalid_argument',
      message:
        message ?? `${argument}: ${list.map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`).join('; ')}`,
    })
    this.argument = argument
    this.issues = list
  }

  static override isInstance(error: unknown): error is InvalidArgumentError {
    return VouchError.hasMarker(error, marker)
  }
}
