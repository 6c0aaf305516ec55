import { VouchError } from './vouch-error.js'

const name = 'ConfigError'
const marker = `vouch.error.${name}`
const symbol = Symbol.for(marker)

export interface ConfigIssue {
  /** Dotted path of the offending field, e.g. `suites[0].gate.minPassRate`. */
  path: string
  message: string
}

/** A config, rubric or policy file that cannot be loaded or does not match its schema. */
export class ConfigError extends VouchError {
  private readonly [symbol] = true
  readonly file: string | undefined
  readonly issues: ConfigIssue[]

  constructor({ file, issues, message, cause }: { file?: string; issues?: ConfigIssue[]; message?: string; cause?: unknown }) {
    const list = issues ?? []
    super({
      name,
      code: 'config_invalid',
      message:
        message ??
        `${file ?? 'config'}: invalid configuration\n${list.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n')}`,
      cause,
    })
    this.file = file
    this.issues = list
  }

  static override isInstance(error: unknown): error is ConfigError {
    return VouchError.hasMarker(error, marker)
  }
}
