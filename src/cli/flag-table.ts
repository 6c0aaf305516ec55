import { parseArgs } from 'node:util'
import { UsageError } from '../core/errors/usage-error.js'

/**
 * One flag of a command: the single source of both its parsing and its line in the usage text, so
 * the two cannot drift. `int` flags are validated here (`--timeout-ms abc` is a usage error, exit 2).
 */
export type Flag =
  | { type: 'string'; value: string; help: string; short?: string; multiple?: boolean }
  | { type: 'boolean'; help: string; short?: string }
  | { type: 'int'; value: string; help: string; min: number; short?: string }

export type FlagTable = Record<string, Flag>

export type FlagValues<T extends FlagTable> = {
  [K in keyof T]?: T[K] extends { type: 'boolean' } ? boolean : T[K] extends { type: 'int' } ? number : T[K] extends { multiple: true } ? string[] : string
}

/** Parses argv against a flag table: unknown flags, missing values and bad numbers are UsageErrors. */
export function parseFlagTable<T extends FlagTable>(
  table: T,
  args: string[],
  { positionals = false }: { positionals?: boolean } = {},
): { values: FlagValues<T>; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {}
  for (const [name, flag] of Object.entries(table)) {
    options[name] = {
      type: flag.type === 'boolean' ? 'boolean' : 'string',
      ...(flag.short ? { short: flag.short } : {}),
      ...(flag.type === 'string' && flag.multiple ? { multiple: true } : {}),
    }
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] }
  try {
    parsed = parseArgs({ args, options, allowPositionals: positionals, strict: true })
  } catch (error) {
    throw new UsageError({ message: (error as Error).message.replace(/\. To specify a positional argument.*$/s, '') })
  }
  const values: Record<string, unknown> = { ...parsed.values }
  for (const [name, flag] of Object.entries(table)) {
    if (flag.type !== 'int' || values[name] === undefined) continue
    values[name] = parseInteger(`--${name}`, values[name] as string, flag.min)
  }
  return { values: values as FlagValues<T>, positionals: parsed.positionals }
}

/** A whole number ≥ `min`, or a UsageError naming the flag and the value. */
export function parseInteger(flag: string, value: string, min: number): number {
  const trimmed = value.trim()
  const n = Number(trimmed)
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError({ message: `${flag} takes a whole number ≥ ${min} (got "${value}")` })
  }
  return n
}

/** The "Options:" block of a usage text, generated from the flag table. */
export function flagHelp(table: FlagTable): string {
  const rows = Object.entries(table).map(([name, flag]) => {
    const short = flag.short ? `-${flag.short}, ` : ''
    const value = flag.type === 'boolean' ? '' : ` ${flag.value}`
    return { head: `  ${short}--${name}${value}`, help: flag.help }
  })
  const width = Math.min(28, Math.max(...rows.map((r) => r.head.length)) + 2)
  return rows
    .map(({ head, help }) => {
      const [first = '', ...more] = help.split('\n')
      const lead = head.length + 2 > width ? `${head}\n${' '.repeat(width)}` : head.padEnd(width)
      return [lead + first, ...more.map((line) => ' '.repeat(width) + line)].join('\n')
    })
    .join('\n')
}

/** A command's whole usage text: synopsis, description, generated options, then any notes. */
export function usageText({ synopsis, description, flags, notes }: { synopsis: string; description: string; flags?: FlagTable; notes?: string }): string {
  const parts = [`Usage: ${synopsis}`, description.trim()]
  if (flags && Object.keys(flags).length) parts.push(`Options:\n${flagHelp(flags)}`)
  if (notes) parts.push(notes.trim())
  return parts.join('\n\n')
}
