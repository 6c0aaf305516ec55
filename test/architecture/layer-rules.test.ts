import { describe, expect, it } from 'vitest'
import { importEdges, lineCount, sourceFiles, type ImportEdge } from './import-graph.js'

/**
 * The layers of vouch and what each may import (besides itself). Arrows point inward:
 * cli -> runner/guard/report -> evaluators -> redaction -> core. See docs/architecture.md.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  core: [],
  redaction: ['core'],
  evaluators: ['core', 'redaction'],
  dataset: ['core'],
  versioning: ['core'],
  config: ['core', 'dataset', 'versioning'],
  evidence: ['core', 'redaction'],
  runner: ['core', 'redaction', 'evaluators', 'evidence', 'dataset', 'config', 'versioning'],
  guard: ['core', 'redaction', 'evaluators', 'evidence', 'versioning'],
  report: ['core', 'redaction', 'evidence', 'runner'],
  vitest: ['core', 'redaction', 'evaluators'],
  testing: ['core'],
  cli: ['core', 'redaction', 'evaluators', 'evidence', 'dataset', 'config', 'versioning', 'runner', 'guard', 'report'],
  internal: ['*'],
  barrel: ['*'],
  // development tooling kept beside an evaluator but never built or shipped (tsconfig.build excludes
  // it): the injection model's training script may read test fixtures.
  training: ['core', 'redaction', 'evaluators', 'test'],
}

/** The layer of a repo path: `evaluators/pii/pii.ts` -> `evaluators`, `src/runner/x.ts` -> `runner`. */
export function layerOf(path: string): string {
  if (/^evaluators\/[^/]+\/training\//.test(path)) return 'training'
  if (path.startsWith('evaluators/')) return 'evaluators'
  if (path === 'src/index.ts' || path === 'index.ts') return 'barrel'
  if (path === 'src/internal.ts') return 'internal'
  const [top, layer] = path.split('/')
  return top === 'src' && layer ? layer : top!
}

/** Edges that break the layer rules, as `from -> to` lines. */
export function layerViolations(edges: readonly ImportEdge[]): string[] {
  const out: string[] = []
  for (const { from, to } of edges) {
    const a = layerOf(from)
    const b = layerOf(to)
    if (a === b) continue
    const allowed = MAY_IMPORT[a]
    if (allowed === undefined) out.push(`${from} -> ${to}: layer "${a}" has no rule (add it to MAY_IMPORT and docs/architecture.md)`)
    else if (!allowed.includes('*') && !allowed.includes(b)) out.push(`${from} -> ${to}: ${a} may not import ${b}`)
  }
  return out
}

const files = sourceFiles()
const edges = importEdges(files)

describe('layer rules', () => {
  it('sees the source tree (the checker would pass vacuously otherwise)', () => {
    expect(files.length).toBeGreaterThan(100)
    expect(edges.filter((e) => layerOf(e.from) === 'evaluators' && layerOf(e.to) === 'core').length).toBeGreaterThan(10)
  })

  it('holds for every import of every non-test source file', () => {
    expect(layerViolations(edges)).toEqual([])
  })

  it('fails when evaluators import evidence, runner, guard or report', () => {
    for (const to of ['src/evidence/jsonl-evidence.ts', 'src/runner/run-eval.ts', 'src/guard/guardrail.ts', 'src/report/html-reporter.ts']) {
      expect(layerViolations([{ from: 'evaluators/pii/pii.ts', to }])).toHaveLength(1)
    }
  })

  it('fails when evidence imports an evaluator, or core imports anything of ours', () => {
    expect(layerViolations([{ from: 'src/evidence/stored-sample.ts', to: 'evaluators/pii/detect-pii.ts' }])).toHaveLength(1)
    expect(layerViolations([{ from: 'src/core/types.ts', to: 'src/redaction/redact.ts' }])).toHaveLength(1)
    expect(layerViolations([{ from: 'src/redaction/redact.ts', to: 'evaluators/pii/detect-pii.ts' }])).toHaveLength(1)
  })

  it('fails on a new layer nobody placed', () => {
    expect(layerViolations([{ from: 'src/newthing/x.ts', to: 'src/core/types.ts' }])).toHaveLength(1)
  })
})

describe('file size', () => {
  it('no source file outside tests exceeds 400 lines', () => {
    const long = files.map((f) => ({ f, n: lineCount(f) })).filter(({ n }) => n > 400)
    expect(long.map(({ f, n }) => `${f}: ${n} lines`)).toEqual([])
  })
})
