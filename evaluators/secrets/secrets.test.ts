import { describe, expect, it } from 'vitest'
import { describeConformance } from '../../test/conformance.js'
import { expandFixture } from '../../test/fixtures/secrets/expand-fixture.js'
import { InvalidArgumentError } from '../../src/core/errors/invalid-argument-error.js'
import { secrets } from './secrets.js'
import { redact } from '../../src/redaction/redact.js'

describeConformance('secrets', () => secrets())

describe('secrets()', () => {
  const github = expandFixture('ghp_{{rand:A:36}}')
  const aws = expandFixture('AKIA{{rand:U:16}}')

  it('passes clean text with score 1', async () => {
    const result = await secrets().evaluate({ input: 'How do I rotate an API key?', output: 'Use the console, then update your vault.' })
    expect(result).toMatchObject({ status: 'pass', passed: true, score: 1, findings: [] })
  })

  it('fails on a leaked credential, names type and field, and never quotes the value', async () => {
    const result = await secrets().evaluate({ input: 'deploy please', output: `Sure, use ${github}`, context: [`key ${aws}`] })
    expect(result.status).toBe('fail')
    expect(result.score).toBeLessThan(0.1)
    expect(result.findings.map((f) => [f.type, f.field])).toEqual([
      ['GITHUB_TOKEN', 'output'],
      ['AWS_ACCESS_KEY_ID', 'context[0]'],
    ])
    expect(result.reason).toContain('GITHUB_TOKEN in output')
    const serialised = JSON.stringify(result)
    expect(serialised).not.toContain(github)
    expect(serialised).not.toContain(aws)
    expect(result.details).toMatchObject({ counts: { GITHUB_TOKEN: 1, AWS_ACCESS_KEY_ID: 1 } })
  })

  it('scans tool-call arguments leaf by leaf and gives the JSON path', async () => {
    const result = await secrets().evaluate({
      toolCalls: [{ name: 'http_get', args: { url: 'https://api.example.com', headers: { authorization: `token ${github}` } } }],
    })
    expect(result.findings).toHaveLength(1)
    expect(result.findings[0]).toMatchObject({ type: 'GITHUB_TOKEN', field: 'toolCalls[0].args', path: '$.headers.authorization', start: 6 })
  })

  it('honours fields, types, allow and threshold', async () => {
    const sample = { input: `token ${github}`, output: `id ${aws}` }
    expect((await secrets({ fields: ['input'] }).evaluate(sample)).findings.map((f) => f.field)).toEqual(['input'])
    expect((await secrets({ types: ['AWS_ACCESS_KEY_ID'] }).evaluate(sample)).findings.map((f) => f.type)).toEqual(['AWS_ACCESS_KEY_ID'])
    expect((await secrets({ allow: [github, aws] }).evaluate(sample)).status).toBe('pass')
    // the generic detector scores below 0.9, so a strict threshold lets a generic hit through
    const generic = { output: expandFixture('db_password = "{{rand:A:16}}"') }
    expect((await secrets().evaluate(generic)).status).toBe('fail')
    expect((await secrets({ threshold: 0.95 }).evaluate(generic)).status).toBe('pass')
  })

  it('gives a different config hash for different options', () => {
    expect(secrets().configHash).not.toBe(secrets({ threshold: 0.8 }).configHash)
    expect(secrets({ allow: ['a', 'b'] }).configHash).toBe(secrets({ allow: ['b', 'a'] }).configHash)
  })

  it('rejects bad options with a message naming the field', () => {
    expect(() => secrets({ types: ['AWS_KEY'] })).toThrow(/secrets: types\[0\]: unknown secret type/)
    expect(() => secrets({ threshold: 2 })).toThrow(InvalidArgumentError)
    expect(() => secrets({ fields: ['body' as never] })).toThrow(/fields\[0\]/)
    expect(() => secrets({ bogus: 1 } as never)).toThrow(/secrets/)
  })

  it('gives findings that the PII module\'s redact() can apply, in every style', async () => {
    const pem = expandFixture('{{pem:OPENSSH}}')
    const output = `Token ${github}, key id ${aws}.\n${pem}\nDone.`
    const { findings } = await secrets().evaluate({ output })
    expect(findings.map((f) => f.type)).toEqual(['GITHUB_TOKEN', 'AWS_ACCESS_KEY_ID', 'PRIVATE_KEY'])
    expect(redact(output, findings, { style: 'type' })).toBe('Token <GITHUB_TOKEN>, key id <AWS_ACCESS_KEY_ID>.\n<PRIVATE_KEY>\nDone.')
    for (const style of [{ style: 'mask' as const }, { style: 'hash' as const, salt: 'test-salt' }]) {
      const redacted = redact(output, findings, style)
      for (const value of [github, aws, pem]) expect(redacted).not.toContain(value)
      expect(redacted.startsWith('Token ')).toBe(true)
    }
  })
})
