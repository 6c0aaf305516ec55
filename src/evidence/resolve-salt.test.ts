import { mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js'
import { findSaltSync, resolveSalt, resolveSaltInfo, saltId } from './resolve-salt.js'

const tmp = () => mkdtempSync(join(tmpdir(), 'vouch-salt-'))

describe('resolveSalt', () => {
  it('prefers VOUCH_EVIDENCE_SALT, then the configured salt', async () => {
    const cwd = tmp()
    expect(await resolveSaltInfo({ env: { VOUCH_EVIDENCE_SALT: 'e'.repeat(20) }, configured: 'c'.repeat(20), cwd })).toEqual({ salt: 'e'.repeat(20), source: 'env' })
    expect(await resolveSaltInfo({ env: {}, configured: 'c'.repeat(20), cwd })).toEqual({ salt: 'c'.repeat(20), source: 'config' })
  })

  it('rejects short salts, naming where they came from', async () => {
    const error = await resolveSalt({ env: { VOUCH_EVIDENCE_SALT: 'short' }, cwd: tmp() }).catch((e: unknown) => e)
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect((error as Error).message).toContain('VOUCH_EVIDENCE_SALT')
    await expect(resolveSalt({ env: {}, configured: 'short', cwd: tmp() })).rejects.toThrow(/configured/)
  })

  it('with no salt set, creates a random per-project salt once, private and git-ignored, and reuses it', async () => {
    const cwd = tmp()
    const first = await resolveSaltInfo({ env: {}, cwd })
    expect(first.source).toBe('generated')
    expect(first.salt).toMatch(/^[0-9a-f]{64}$/)
    expect(readFileSync(join(cwd, '.vouch', '.gitignore'), 'utf8')).toBe('*\n')
    expect(statSync(join(cwd, '.vouch', 'evidence-salt')).mode & 0o077).toBe(0)
    expect(await resolveSaltInfo({ env: {}, cwd })).toEqual({ salt: first.salt, source: 'file', file: first.file })
    // another project gets another salt: no well-known default
    expect((await resolveSalt({ env: {}, cwd: tmp() }))).not.toBe(first.salt)
  })

  it('two concurrent first uses agree on one salt', async () => {
    const cwd = tmp()
    const [a, b, c] = await Promise.all([resolveSalt({ env: {}, cwd }), resolveSalt({ env: {}, cwd }), resolveSalt({ env: {}, cwd })])
    expect(b).toBe(a)
    expect(c).toBe(a)
  })

  it('with create: false, says how to provide a salt instead of creating one', async () => {
    await expect(resolveSalt({ env: {}, cwd: tmp(), create: false })).rejects.toThrow(/VOUCH_EVIDENCE_SALT/)
  })

  it('refuses a salt file that is too short, naming it', async () => {
    const cwd = tmp()
    mkdirSync(join(cwd, '.vouch'))
    writeFileSync(join(cwd, '.vouch', 'evidence-salt'), 'abc\n')
    await expect(resolveSalt({ env: {}, cwd })).rejects.toThrow(/evidence-salt/)
  })

  it('saltId identifies a salt without revealing it', () => {
    expect(saltId('s'.repeat(20))).toMatch(/^[0-9a-f]{12}$/)
    expect(saltId('s'.repeat(20))).toBe(saltId('s'.repeat(20)))
    expect(saltId('s'.repeat(20))).not.toBe(saltId('t'.repeat(20)))
  })
})

describe('salt lookup from the real process environment', () => {
  it('reads VOUCH_EVIDENCE_SALT from process.env itself (z.record used to reject process.env)', async () => {
    const before = process.env.VOUCH_EVIDENCE_SALT
    process.env.VOUCH_EVIDENCE_SALT = 'p'.repeat(24)
    try {
      expect(await resolveSaltInfo({ cwd: tmp(), create: false })).toEqual({ salt: 'p'.repeat(24), source: 'env' })
      expect(findSaltSync({ cwd: tmp() })).toEqual({ salt: 'p'.repeat(24), source: 'env' })
    } finally {
      if (before === undefined) delete process.env.VOUCH_EVIDENCE_SALT
      else process.env.VOUCH_EVIDENCE_SALT = before
    }
  })

  it('findSaltSync: variable, then config, then an existing .vouch/evidence-salt; never creates one', () => {
    const cwd = tmp()
    expect(findSaltSync({ env: {}, cwd })).toBeUndefined()
    expect(findSaltSync({ env: {}, configured: 'c'.repeat(20), cwd })).toEqual({ salt: 'c'.repeat(20), source: 'config' })
    mkdirSync(join(cwd, '.vouch'))
    writeFileSync(join(cwd, '.vouch', 'evidence-salt'), `${'f'.repeat(32)}\n`)
    expect(findSaltSync({ env: {}, cwd })).toMatchObject({ salt: 'f'.repeat(32), source: 'file' })
    expect(() => findSaltSync({ env: { VOUCH_EVIDENCE_SALT: 'short' }, cwd })).toThrow(/VOUCH_EVIDENCE_SALT/)
  })
})
