import type { Readable, Writable } from 'node:stream'

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
  run(argv: string[], io: CliIO): Promise<number>
}
