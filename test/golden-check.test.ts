import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defineEvaluator } from '../src/core/define-evaluator.js'
import { checkGolden } from './conformance.js'

const make = (version: string, score: number) => () =>
  defineEvaluator({ name: 'toy', version, evaluate: (s) => (s.output ? { passed: score === 1, score, reason: `score ${score}` } : { status: 'skipped', score: 1, reason: 'nothing to check: no output' }) })

describe('golden-file check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-golden-'))
  const env = {}

  it('writes the golden file of a new version, then holds the evaluator to it', async () => {
    await checkGolden('toy', make('1.0.0', 1), { dir, env })
    expect(existsSync(join(dir, 'toy', '1.0.0.json'))).toBe(true)
    await checkGolden('toy', make('1.0.0', 1), { dir, env })
  })

  it('fails on a behaviour change without a version bump', async () => {
    await expect(checkGolden('toy', make('1.0.0', 0.5), { dir, env })).rejects.toThrow(/needs a version bump/)
  })

  it('accepts the change once the version is bumped, keeping the old version on file', async () => {
    await checkGolden('toy', make('1.1.0', 0.5), { dir, env })
    expect(readdirSync(join(dir, 'toy')).sort()).toEqual(['1.0.0.json', '1.1.0.json'])
  })

  it('never writes a golden file in CI', async () => {
    await expect(checkGolden('toy', make('2.0.0', 0.5), { dir, env: { CI: 'true' } })).rejects.toThrow(/commit it/)
  })
})
