import { describe, expect, it } from 'vitest'
import { commands } from './commands.js'
import { flagHelp, parseFlagTable, type FlagTable } from './flag-table.js'

const table = {
  name: { type: 'string', value: 'N', help: 'a name' },
  tag: { type: 'string', value: 'T', multiple: true, help: 'tags\nsecond line' },
  count: { type: 'int', value: 'N', min: 1, help: 'how many' },
  quiet: { type: 'boolean', short: 'q', help: 'less output' },
} as const satisfies FlagTable

describe('parseFlagTable', () => {
  it('parses strings, repeated strings, integers and booleans', () => {
    const { values, positionals } = parseFlagTable(table, ['--name', 'a', '--tag', 'x', '--tag', 'y', '--count', '12', '-q', 'file'], { positionals: true })
    expect(values).toEqual({ name: 'a', tag: ['x', 'y'], count: 12, quiet: true })
    expect(positionals).toEqual(['file'])
  })

  it.each(['abc', '0', '-3', '1.5', '1e3', '', ' ', '99999999999999999999'])('rejects --count=%j with a usage error naming the flag', (bad) => {
    expect(() => parseFlagTable(table, [`--count=${bad}`])).toThrow(/--count takes a whole number ≥ 1/)
  })

  it('rejects unknown flags, missing values and stray positionals', () => {
    expect(() => parseFlagTable(table, ['--nope'])).toThrow(/Unknown option '--nope'/)
    expect(() => parseFlagTable(table, ['--name'])).toThrow(/argument missing/)
    expect(() => parseFlagTable(table, ['file'])).toThrow(/Unexpected argument 'file'/)
  })

  it('generates one usage line per flag, continuation lines aligned', () => {
    const help = flagHelp(table).split('\n')
    expect(help).toHaveLength(5)
    expect(help[0]).toMatch(/^ {2}--name N +a name$/)
    expect(help[2]!.indexOf('second line')).toBe(help[1]!.indexOf('tags'))
    expect(help[4]).toMatch(/^ {2}-q, --quiet +less output$/)
  })
})

describe('every command usage', () => {
  // Generated from the same table the parser reads: every accepted flag is listed.
  it.each(commands.filter((c) => c.flags).map((c) => [c.name, c] as const))('%s lists every flag it accepts', (_name, command) => {
    for (const name of Object.keys(command.flags!)) expect(command.usage).toContain(`--${name}`)
    expect(command.usage.startsWith('Usage: vouch ')).toBe(true)
  })
})
