import { readFile } from 'node:fs/promises'

/** vouch's own version, from its package.json (src/cli under vitest, dist/src/cli when built). */
export async function toolVersion(): Promise<string> {
  for (const rel of ['../../../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(await readFile(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'vouch' && pkg.version) return pkg.version
    } catch {
      // try the next layout
    }
  }
  return 'unknown'
}
