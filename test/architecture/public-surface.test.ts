import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as root from '../../src/index.js'
import * as internal from '../../src/internal.js'

const ROOT = join(import.meta.dirname, '../..')

describe('public surface', () => {
  it('exports what users call from the root entry', () => {
    for (const name of ['pii', 'secrets', 'promptInjection', 'isCompliant', 'dataPrivacy', 'outputRange', 'toolPolicy', 'guardrail', 'jsonlEvidence', 'memoryEvidence', 'defineConfig', 'definePrompt', 'defineRubric', 'defineEvaluator', 'verifyEvidence', 'exportEvidence', 'readRunReport', 'RunIncompleteError']) {
      expect(root, name).toHaveProperty(name)
    }
  })

  it('keeps plumbing out of the root entry and in vouch/internal', () => {
    for (const name of ['chainRecord', 'callJudge', 'fenceData', 'canonicalJson', 'runEvaluator', 'mergeSpans', 'sampleTexts', 'cassetteMiddleware']) {
      expect(root, name).not.toHaveProperty(name)
      expect(internal, name).toHaveProperty(name)
    }
  })

  it('is declared in package.json, and the orphan evaluators barrel is gone', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { import?: string }> }
    expect(pkg.exports['./internal']?.import).toBe('./dist/src/internal.js')
    expect(existsSync(join(ROOT, 'evaluators/index.ts'))).toBe(false)
  })

  it('README links only files inside the repository', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    const links = [...readme.matchAll(/\]\((?!https?:|#|mailto:)([^)\s]+)\)/g)].map((m) => m[1]!.split('#')[0]!)
    for (const link of links) {
      expect(link.startsWith('..'), link).toBe(false)
      expect(existsSync(join(ROOT, link)), link).toBe(true)
    }
    expect(readme).toContain('docs/architecture.md')
  })
})
