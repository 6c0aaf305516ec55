import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../helpers/cli.js'

interface PackResult {
  files: { path: string }[]
}

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  engines: { node: string }
  bin: Record<string, string>
  exports: Record<string, string | Record<string, string>>
  dependencies: Record<string, string>
  peerDependencies: Record<string, string>
  peerDependenciesMeta: Record<string, { optional?: boolean }>
}

/** What `npm pack` would put in the tarball (scripts skipped: `npm test` has just built dist). */
function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  return (JSON.parse(out) as PackResult[])[0]!.files.map((f) => f.path)
}

const minMajor = (range: string) => Number(/(\d+)/.exec(range)?.[1] ?? 0)

describe('the npm package', () => {
  const files = packedFiles()

  it('holds no build leftovers: no source maps, no .tsbuildinfo, no tests, no output without a source', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([])
    expect(files.filter((f) => f.includes('tsbuildinfo'))).toEqual([])
    expect(files.filter((f) => /\.test\.|(^|\/)test\//.test(f))).toEqual([])
    // A .js in dist whose .ts is gone is a stale output of an earlier build.
    const stale = files.filter((f) => f.startsWith('dist/') && f.endsWith('.js') && !existsSync(join(repoRoot, f.slice('dist/'.length).replace(/\.js$/, '.ts'))))
    expect(stale).toEqual([])
    expect(files.filter((f) => !f.startsWith('dist/') && !f.startsWith('docs/')).sort()).toEqual(['README.md', 'package.json'])
  })

  it('ships every entry point it declares: the bin (with its shebang) and each export', () => {
    for (const bin of Object.values(pkg.bin)) {
      const path = bin.replace(/^\.\//, '')
      expect(files).toContain(path)
      expect(readFileSync(join(repoRoot, path), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
    }
    for (const target of Object.values(pkg.exports)) {
      for (const path of typeof target === 'string' ? [target] : Object.values(target)) expect(files).toContain(path.replace(/^\.\//, ''))
    }
  })

  it('loads @ai-sdk/openai only when a judge is configured: an optional peer, never imported statically', () => {
    expect(pkg.dependencies['@ai-sdk/openai']).toBeUndefined()
    expect(pkg.peerDependencies['@ai-sdk/openai']).toBeDefined()
    expect(pkg.peerDependenciesMeta['@ai-sdk/openai']?.optional).toBe(true)
    const importers = files.filter((f) => f.endsWith('.js') && /from\s*['"]@ai-sdk\/openai['"]|import\(\s*['"]@ai-sdk\/openai/.test(readFileSync(join(repoRoot, f), 'utf8')))
    expect(importers).toEqual([])
  })

  it('engines.node states at least what every runtime dependency declares', () => {
    const ours = minMajor(pkg.engines.node)
    for (const dep of Object.keys(pkg.dependencies)) {
      const theirs = (JSON.parse(readFileSync(join(repoRoot, 'node_modules', dep, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node
      if (theirs) expect({ dep, min: minMajor(theirs) <= ours }).toEqual({ dep, min: true })
    }
  })
})
