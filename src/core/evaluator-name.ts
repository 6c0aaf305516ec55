import { z } from 'zod'

/**
 * The `name` option every built-in factory takes, so two instances (two rubrics, two PII
 * configurations) can run in one suite and be told apart in reports and evidence. Kebab-case,
 * optionally with a parenthesised qualifier: `pii`, `pii(strict)`.
 */
export function evaluatorNameOption(defaultName: string) {
  return z
    .string()
    .regex(/^[a-z][a-z0-9-]*(\([^)]*\))?$/, 'must be kebab-case, e.g. "pii" or "pii(strict)"')
    .default(defaultName)
}
