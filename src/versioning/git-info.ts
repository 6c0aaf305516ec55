import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface GitInfo {
  commit: string
  /** True when tracked or untracked (not ignored) files differ from the commit. */
  dirty: boolean
}

/** The git commit and dirty flag of `cwd`, or undefined outside a repository (or without git). */
export async function gitInfo(cwd: string): Promise<GitInfo | undefined> {
  try {
    const { stdout: commit } = await run('git', ['rev-parse', 'HEAD'], { cwd })
    const { stdout: status } = await run('git', ['status', '--porcelain'], { cwd, maxBuffer: 64 * 1024 * 1024 })
    return { commit: commit.trim(), dirty: status.trim().length > 0 }
  } catch {
    return undefined
  }
}
