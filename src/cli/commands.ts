import type { Command } from './cli-io.js'

/** Every subcommand, listed once. Each lives in its own file. */
export const commands: readonly Command[] = []
