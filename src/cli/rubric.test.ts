import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { CliIO } from './cli-io.js'
import { commands } from './commands.js'
import { main } from './main.js'

const repo = join(import.meta.dirname, '../..')
const fixtures = join(repo, 'test/fixtures/rubrics')

async function vouch(cwd: string, ...argv: string[]) {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (d: Buffer) => (out += d.toString()))
  stderr.on('data', (d: Buffer) => (err += d.toString()))
  const io: CliIO = { stdin: new PassThrough(), stdout, stderr, cwd, env: {} }
  const code = await main(argv, io, commands)
  return { code, out, err }
}

describe('vouch rubric', () => {
  it('check validates the rubrics/ directory by default (the example rubrics are valid)', async () => {
    const r = await vouch(repo, 'rubric', 'check')
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^ok {2}rubrics\/support-answer\.md {2}support-answer@1\.0\.0 {2}7 criteria \(1 judge\) {2}owner support-compliance@northwind\.example {2}controls C1\.1, P4\.2, PI1\.3, CC7\.2 {2}sha256 [0-9a-f]{12}$/m)
  })

  it('check reports every invalid file with file:line: field and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-rubric-cli-'))
    mkdirSync(join(dir, 'rubrics/nested'), { recursive: true })
    copyFileSync(join(fixtures, 'all-kinds.md'), join(dir, 'rubrics/good.md'))
    copyFileSync(join(fixtures, 'invalid.md'), join(dir, 'rubrics/nested/bad.md'))
    writeFileSync(join(dir, 'rubrics/README.md'), '# not a rubric\n')
    const r = await vouch(dir, 'rubric', 'check', 'rubrics')
    expect(r.code).toBe(2)
    expect(r.out).toMatch(/^ok {2}rubrics\/good\.md {2}all-kinds@2\.1\.0/)
    expect(r.err).toContain('rubrics/nested/bad.md:13: criteria[1].severity: Invalid option')
    expect(r.err).toContain('rubrics/nested/bad.md:26: criteria[3].maximum: Unrecognized key: "maximum"')
    expect(r.err).toContain('vouch rubric check: 1 of 2 rubric file(s) invalid')
    expect(r.err).not.toContain('README')
  })

  it('check takes files, and exits 2 on a missing path, an empty directory or a bad subcommand', async () => {
    expect((await vouch(repo, 'rubric', 'check', 'test/fixtures/rubrics/with-judge.md')).code).toBe(0)
    const missing = await vouch(repo, 'rubric', 'check', 'nope/')
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('nope/: no such file or directory')
    const empty = await vouch(mkdtempSync(join(tmpdir(), 'vouch-rubric-empty-')), 'rubric', 'check', '.')
    expect(empty.code).toBe(2)
    expect(empty.err).toContain('no rubric files')
    const bad = await vouch(repo, 'rubric', 'lint')
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('unknown subcommand "lint"')
  })

  it('schema prints a JSON Schema that describes the rubric front matter', async () => {
    const r = await vouch(repo, 'rubric', 'schema')
    expect(r.code).toBe(0)
    const schema = JSON.parse(r.out)
    expect(schema).toMatchObject({ type: 'object', required: expect.arrayContaining(['id', 'version', 'owner', 'controls', 'criteria']) })
    const kinds = JSON.stringify(schema.properties.criteria)
    for (const kind of ['must-match', 'must-not-match', 'no-pii', 'required-disclaimer', 'max-length', 'refuse-on-topic', 'review-on-risk', 'judge']) expect(kinds).toContain(`"${kind}"`)
    expect(schema.additionalProperties).toBe(false)
    expect(schema.properties.criteria.items.oneOf ?? schema.properties.criteria.items.anyOf).toHaveLength(8)
  })
})
