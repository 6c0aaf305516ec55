/** The parts of `process` the guards touch (injected so tests can drive them). */
export interface GuardedProcess {
  stdout: { on(event: 'error', listener: (error: unknown) => void): unknown }
  stderr: { on(event: 'error', listener: (error: unknown) => void): unknown; write(text: string): unknown }
  env: Record<string, string | undefined>
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown
  exit(code: number): never
}

const closedPipe = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException | null)?.code
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ECONNRESET'
}

/**
 * Process-level safety for the CLI:
 * - stdout closed by the reader (`vouch export … | head`): stop quietly with exit 0, no EPIPE stack
 *   (the reader chose to stop reading; `set -o pipefail` scripts are not failed by it);
 * - stderr closed: its writes are dropped;
 * - an error no command caught (a stray callback, a rejected promise nobody awaited): one line and
 *   exit 3, the stack only with --debug or VOUCH_DEBUG=1.
 */
export function guardProcess(proc: GuardedProcess, argv: readonly string[]): void {
  proc.stdout.on('error', (error: unknown) => {
    if (closedPipe(error)) proc.exit(0)
    fatal(error)
  })
  proc.stderr.on('error', () => {})
  const debug = argv.includes('--debug') || (proc.env.VOUCH_DEBUG !== undefined && proc.env.VOUCH_DEBUG !== '' && proc.env.VOUCH_DEBUG !== '0')
  function fatal(error: unknown): never {
    if (closedPipe(error)) proc.exit(0)
    const message = error instanceof Error ? error.message.split('\n', 1)[0] : String(error)
    const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : ' (run with --debug or VOUCH_DEBUG=1 for the stack)'
    try {
      proc.stderr.write(`vouch: internal error: ${message}${stack}\n`)
    } catch {
      // stderr is gone too: the exit code still tells
    }
    proc.exit(3)
  }
  proc.on('uncaughtException', fatal)
  proc.on('unhandledRejection', fatal)
}
