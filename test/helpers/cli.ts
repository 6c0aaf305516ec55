import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
/** The built CLI: integration tests run what users run (`npm test` builds first). */
export const binPath = join(repoRoot, 'dist/src/cli/bin.js')

export interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export function runCli(
  args: string[],
  { cwd, env = {}, input, timeoutMs = 60_000 }: { cwd: string; env?: Record<string, string>; input?: string; timeoutMs?: number },
): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', VOUCH_EVIDENCE_SALT: 'test-salt-0123456789abcdef', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolvePromise({ code, signal, stdout, stderr })
    })
    if (input !== undefined) child.stdin.end(input)
    else child.stdin.end()
  })
}

/**
 * A throwaway project: the given files, and a node_modules where `vouch` is this repository (as an
 * installed package would be) next to the libraries a config may import.
 */
export function makeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-it-'))
  mkdirSync(join(dir, 'node_modules', '@ai-sdk'), { recursive: true })
  symlinkSync(repoRoot, join(dir, 'node_modules', 'vouch'), 'dir')
  for (const pkg of ['ai', 'zod', '@ai-sdk/provider', '@ai-sdk/provider-utils']) {
    symlinkSync(join(repoRoot, 'node_modules', pkg), join(dir, 'node_modules', pkg), 'dir')
  }
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, content)
  }
  return dir
}
