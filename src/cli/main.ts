import { UsageError } from '../core/errors/usage-error.js'
import { VouchError } from '../core/errors/vouch-error.js'
import type { CliIO, Command } from './cli-io.js'
import { EXIT } from './exit-codes.js'
import { toolVersion } from './tool-version.js'

/**
 * Maps argv to a command. A failure the user can fix exits 2 with its reason and a one-line hint;
 * anything else is an internal error: exit 3 with one line (the stack with --debug or VOUCH_DEBUG=1).
 */
export async function main(argv: string[], io: CliIO, commands: readonly Command[]): Promise<number> {
  const debug = argv.includes('--debug') || (io.env.VOUCH_DEBUG !== undefined && io.env.VOUCH_DEBUG !== '' && io.env.VOUCH_DEBUG !== '0')
  const [name, ...rest] = argv.filter((a) => a !== '--debug')
  if (name === undefined || name === '--help' || name === '-h') {
    io.stdout.write(help(commands))
    return name === undefined ? EXIT.usage : EXIT.ok
  }
  if (name === 'help') {
    const topic = rest[0]
    if (topic === undefined) {
      io.stdout.write(help(commands))
      return EXIT.ok
    }
    const command = commands.find((c) => c.name === topic)
    if (!command) return usageFailure(io, 'help', `unknown command "${topic}"; commands: ${commands.map((c) => c.name).join(', ')}`, 'vouch help')
    io.stdout.write(`${command.usage}\n`)
    return EXIT.ok
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${await toolVersion()}\n`)
    return EXIT.ok
  }
  const command = commands.find((c) => c.name === name)
  if (!command) {
    const reason = name.startsWith('-') ? `unknown option "${name}" before a command` : `unknown command "${name}"; commands: ${commands.map((c) => c.name).join(', ')}`
    return usageFailure(io, undefined, reason, 'vouch help')
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`)
    return EXIT.ok
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    if (UsageError.isInstance(error)) return usageFailure(io, name, error.message, `vouch help ${name}`)
    // Every other typed vouch error (config, dataset, evidence, argument) names what to fix.
    if (VouchError.isInstance(error)) {
      io.stderr.write(`vouch ${name}: ${error.message}\n`)
      if (debug && error.stack) io.stderr.write(`${error.stack}\n`)
      return EXIT.usage
    }
    const message = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error)
    io.stderr.write(`vouch ${name}: internal error: ${firstLine(message)}${debug ? '' : ' (run with --debug or VOUCH_DEBUG=1 for the stack)'}\n`)
    if (debug) io.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
    return EXIT.internal
  }
}

function usageFailure(io: CliIO, name: string | undefined, reason: string, helpCommand: string): number {
  io.stderr.write(`vouch${name ? ` ${name}` : ''}: ${reason}\nRun "${helpCommand}" for usage.\n`)
  return EXIT.usage
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? ''
  return line.length > 300 ? `${line.slice(0, 300)}…` : line
}

function help(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return `vouch — evaluations and policy checks with evidence an auditor can verify

Usage: vouch <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "vouch help <command>" (or "vouch <command> --help") for a command's options.
Global: --debug (or VOUCH_DEBUG=1) prints the stack of an internal error (exit 3).
Exit codes: 0 ok, 1 a gate failed or evidence is tampered, 2 bad usage/config/data, 3 internal error.
`
}
