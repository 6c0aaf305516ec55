import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'

/** One relative import between two of our source files (paths relative to the repo root, `/`-separated). */
export interface ImportEdge {
  from: string
  to: string
}

const ROOT = resolve(import.meta.dirname, '../..')

/** Every non-test TypeScript source under `dirs` (relative to the repo root). */
export function sourceFiles(dirs: readonly string[] = ['src', 'evaluators']): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) out.push(path)
    }
  }
  for (const dir of dirs) walk(dir)
  return out.sort()
}

/** `import ... from './x.js'`, `export ... from '../y.js'`, `import('./z.js')`: the relative specifiers of a file. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g

/** The relative imports of the given files, resolved to repo paths (`.js` specifiers map to `.ts` sources). */
export function importEdges(files: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = []
  for (const file of files) {
    const text = readFileSync(join(ROOT, file), 'utf8')
    for (const m of text.matchAll(SPECIFIER)) {
      const target = resolve(ROOT, dirname(file), m[1]!.replace(/\.js$/, '.ts'))
      edges.push({ from: file, to: relative(ROOT, target).split(sep).join('/') })
    }
  }
  return edges
}

/** Line count of a file. */
export function lineCount(file: string): number {
  const text = readFileSync(join(ROOT, file), 'utf8')
  return text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length
}
