import type { Readable, Writable } from 'node:stream'
import type { FlagTable } from './flag-table.js'

/** Everything a command touches outside itself, injected so tests run commands in-process. */
export interface CliIO {
  stdin: Readable
  stdout: Writable & { isTTY?: boolean; columns?: number }
  stderr: Writable & { isTTY?: boolean; columns?: number }
  cwd: string
  env: Record<string, string | undefined>
}

/** A subcommand: maps its argv to work and returns the exit code. */
export interface Command {
  name: string
  summary: string
  usage: string
  /** The flag table its usage's options were generated from (see flag-table.ts). */
  flags?: FlagTable
  run(argv: string[], io: CliIO): Promise<number>
}
