import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../helpers/cli.js'

/** Source files (tests included: the test environment is documented too), excluding dependencies and build output. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return ['node_modules', 'dist', 'reports', '.git'].includes(e.name) ? [] : sources(path)
    return /\.(ts|js)$/.test(e.name) ? [path] : []
  })
}

describe('docs/environment.md', () => {
  it('lists every environment variable the code reads', () => {
    const doc = readFileSync(join(repoRoot, 'docs/environment.md'), 'utf8')
    const constants = new Map<string, string>()
    const read = new Map<string, string>()
    const files = ['src', 'evaluators', 'bench', 'test', 'examples'].flatMap((d) => sources(join(repoRoot, d)))
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/export const ([A-Z_]+_ENV) = '([A-Z0-9_]+)'/g)) constants.set(m[1]!, m[2]!)
    }
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/\benv\??\.([A-Z][A-Z0-9_]{2,})\b|\benv\[['"]([A-Z][A-Z0-9_]{2,})['"]\]|\benv\[([A-Z_]+_ENV)\]/g)) {
        const name = m[1] ?? m[2] ?? constants.get(m[3]!)
        if (name && !read.has(name)) read.set(name, relative(repoRoot, file))
      }
    }
    expect(read.size).toBeGreaterThan(8)
    const missing = [...read].filter(([name]) => !doc.includes(`\`${name}\``)).map(([name, file]) => `${name} (${file})`)
    expect(missing).toEqual([])
  })
})
