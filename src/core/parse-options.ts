import type { z } from 'zod'
import { InvalidArgumentError } from './errors/invalid-argument-error.js'

/** `a.b[0].c` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out ? `.${String(key)}` : String(key)
  }
  return out
}

/**
 * Validate a factory's options at once, p-limit style: a precise message naming the argument and
 * the field. zod issues never include the input value, so nothing sensitive leaks into the message.
 */
export function parseOptions<S extends z.ZodType>(schema: S, value: unknown, argument: string): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  throw new InvalidArgumentError({
    argument,
    issues: result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
  })
}
