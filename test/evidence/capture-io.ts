import { PassThrough, Writable } from 'node:stream'
import type { CliIO } from '../../src/cli/cli-io.js'

/** An in-process CliIO that collects stdout and stderr. */
export function captureIO(cwd: string, env: Record<string, string | undefined> = {}) {
  let out = ''
  let err = ''
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        append(String(chunk))
        done()
      },
    })
  const io: CliIO = { stdin: new PassThrough(), stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), cwd, env }
  return { io, stdout: () => out, stderr: () => err }
}
