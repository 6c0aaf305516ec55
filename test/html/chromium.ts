import { execFile } from 'node:child_process'
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Debian's headless Chromium (installed by .ci/run), or `$CHROMIUM`. Undefined when absent. */
export function findChromium(): string | undefined {
  for (const candidate of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((c): c is string => !!c)) {
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // try the next one
    }
  }
  return undefined
}

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']

/** Run Chromium on a local file with extra flags (a fresh profile each time); resolves with its stdout. */
export function runChromium(chromium: string, file: string, { hash = '', flags = [] as string[], timeoutMs = 60_000 } = {}): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'vouch-chromium-'))
  const url = `${pathToFileURL(file).href}${hash}`
  return new Promise((resolve, reject) => {
    execFile(chromium, [...FLAGS, `--user-data-dir=${profile}`, ...flags, url], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      rmSync(profile, { recursive: true, force: true })
      if (error) reject(new Error(`chromium failed: ${error.message}\n${stderr.slice(-2000)}`))
      else resolve(stdout)
    })
  })
}
