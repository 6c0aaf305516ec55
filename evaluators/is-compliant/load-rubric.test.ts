import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/core/errors/config-error.js'
import { InvalidArgumentError } from '../../src/core/errors/invalid-argument-error.js'
import { sha256 } from '../../src/core/hash.js'
import { defineRubric, loadRubric, parseRubric } from './load-rubric.js'

const fixtures = join(import.meta.dirname, '../../test/fixtures/rubrics')

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn()
  } catch (error) {
    if (ConfigError.isInstance(error)) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('loadRubric', () => {
  it('loads front matter, body and a VersionRef whose sha256 covers the whole file', () => {
    const path = join(fixtures, 'all-kinds.md')
    const rubric = loadRubric(path)
    expect(rubric).toMatchObject({ id: 'all-kinds', version: '2.1.0', owner: 'compliance@acme.example', controls: ['CC6.1', 'PI1.3'], file: path })
    expect(rubric.criteria.map((c) => c.kind)).toEqual(['must-match', 'must-not-match', 'no-pii', 'required-disclaimer', 'max-length', 'refuse-on-topic', 'review-on-risk'])
    expect(rubric.ref).toEqual({ id: 'all-kinds', version: '2.1.0', sha256: sha256(readFileSync(path)) })
    expect(rubric.body).toMatch(/^# All rule kinds/)
  })

  it('changes the sha256 when the file is edited without a version bump (body included)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-rubric-'))
    const path = join(dir, 'r.md')
    const original = readFileSync(join(fixtures, 'all-kinds.md'), 'utf8')
    writeFileSync(path, original)
    const before = loadRubric(path).ref
    writeFileSync(path, original.replace('A fixture that uses', 'A fixture that now uses'))
    const after = loadRubric(path).ref
    expect(after.version).toBe(before.version)
    expect(after.sha256).not.toBe(before.sha256)
  })

  it('names the file, the line and the field of every problem', () => {
    const path = join(fixtures, 'invalid.md')
    const error = errorOf(() => loadRubric(path))
    expect(error.file).toBe(path)
    const lines = error.message.split('\n').slice(1)
    expect(lines).toEqual([
      `  ${path}:3: version: Invalid input: expected string, received number`,
      `  ${path}:5: controls[1]: must be a SOC 2 criterion such as CC6.1, PI1.3, C1.1 or P4.2`,
      `  ${path}:13: criteria[1].severity: Invalid option: expected one of "low"|"medium"|"high"|"critical"`,
      expect.stringMatching(new RegExp(`^  ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:20: criteria\\[2\\]\\.pattern: unbounded repetition`)),
      `  ${path}:26: criteria[3].maximum: Unrecognized key: "maximum"`,
    ])
    expect(error.issues.map((i) => i.path)).toEqual(['version', 'controls[1]', 'criteria[1].severity', 'criteria[2].pattern', 'criteria[3].maximum'])
  })

  it('reports YAML syntax errors with their line, missing front matter, and unreadable files', () => {
    const bad = '---\nid: x\nversion: 1.0.0\ncriteria: [\n---\n'
    expect(errorOf(() => parseRubric(bad, { file: 'r.md' })).message).toMatch(/^r\.md: invalid\n  r\.md:\d+: \(root\): /)
    expect(errorOf(() => parseRubric('# no front matter', { file: 'r.md' })).message).toMatch(/r\.md:1: a rubric starts with a YAML front matter/)
    expect(errorOf(() => parseRubric('---\nid: x\n', { file: 'r.md' })).message).toMatch(/never closed/)
    expect(errorOf(() => loadRubric(join(fixtures, 'nope.md'))).message).toMatch(/nope\.md: cannot read rubric \(ENOENT\)/)
  })

  it('reports a missing field at its parent line, duplicate ids, and unknown kinds', () => {
    const text = ['---', 'id: x', 'version: 1.0.0', 'owner: o', 'controls: [CC6.1]', 'criteria:', '  - id: a', '    severity: low', '    kind: max-length', '    description: d', '  - id: a', '    severity: low', '    kind: telepathy', '    description: d', '---', ''].join('\n')
    const error = errorOf(() => parseRubric(text, { file: 'r.md' }))
    expect(error.message).toContain('r.md:7: criteria[0].max: Invalid input: expected number, received undefined')
    expect(error.message).toMatch(/r\.md:13: criteria\[1\]\.kind: /)
  })

  it('defineRubric validates a rubric written in code and hashes its canonical JSON', () => {
    const rubric = defineRubric({ id: 'inline', version: '1.0.0', owner: 'o', controls: ['CC6.1'], criteria: [{ id: 'short', severity: 'low', kind: 'max-length', max: 5, description: 'd' }] })
    expect(rubric.ref.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(() => defineRubric({ id: 'inline', version: '1.0.0', owner: 'o', controls: ['CC6.1'], criteria: [] })).toThrow(InvalidArgumentError)
    try {
      defineRubric({ id: 'inline', version: '1', owner: 'o', controls: ['CC6.1'], criteria: [{ id: 'p', severity: 'low', kind: 'must-match', pattern: '.*', description: 'd' }] })
    } catch (error) {
      expect(InvalidArgumentError.isInstance(error) && error.message).toMatch(/defineRubric: .*version: must be semver.*criteria\[0\]\.pattern: unbounded repetition/)
    }
  })
})
