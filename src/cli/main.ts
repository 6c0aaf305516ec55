import { ConfigError } from '../core/errors/config-error.js'
import { DatasetError } from '../core/errors/dataset-error.js'
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js'
import { UsageError } from '../core/errors/usage-error.js'
import { VouchError } from '../core/errors/vouch-error.js'
import type { CliIO, Command } from './cli-io.js'
import { EXIT } from './exit-codes.js'
import { toolVersion } from './tool-version.js'

/** Maps argv to a command. Every failure the user can fix exits 2 with one clear message on stderr. */
export async function main(argv: string[], io: CliIO, commands: readonly Command[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help(commands))
    return name === undefined ? EXIT.usage : EXIT.ok
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${await toolVersion()}\n`)
    return EXIT.ok
  }
  const command = commands.find((c) => c.name === name)
  if (!command) {
    io.stderr.write(`vouch: unknown command "${name}"\n\n${help(commands)}`)
    return EXIT.usage
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`)
    return EXIT.ok
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    if (
      UsageError.isInstance(error) ||
      ConfigError.isInstance(error) ||
      DatasetError.isInstance(error) ||
      InvalidArgumentError.isInstance(error)
    ) {
      io.stderr.write(`vouch ${name}: ${error.message}\n`)
      if (UsageError.isInstance(error)) io.stderr.write(`\n${command.usage}\n`)
      return EXIT.usage
    }
    if (VouchError.isInstance(error)) {
      io.stderr.write(`vouch ${name}: ${error.message}\n`)
      return EXIT.usage
    }
    io.stderr.write(`vouch ${name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    return EXIT.usage
  }
}

function help(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return `vouch — evaluations and policy checks with evidence an auditor can verify

Usage: vouch <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "vouch <command> --help" for a command's options.
`
}
