import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { countLineBreaks, csvRecords } from './csv-records.js'

async function records(text: string) {
  const out: [string, number][] = []
  for await (const batch of csvRecords(Readable.from([text]), 'x.csv')) for (const r of batch) out.push([r.cells.join('|'), r.line])
  return out
}

describe('countLineBreaks', () => {
  it('counts \\r\\n, \\n and a lone \\r once each', () => {
    expect(countLineBreaks('a\r\nb\nc\rd')).toBe(3)
    expect(countLineBreaks('\n\r\n\rx\ny', { leadingOnly: true })).toBe(3)
    expect(countLineBreaks('')).toBe(0)
  })
})

describe('csvRecords', () => {
  it('gives each record the line it starts on, with LF, CRLF and CR files', async () => {
    expect(await records('h\n"a\nb"\n\nc')).toEqual([
      ['h', 1],
      ['a\nb', 2],
      ['c', 5],
    ])
    expect(await records('h\r\n"a\r\nb"\r\nc\r\n')).toEqual([
      ['h', 1],
      ['a\r\nb', 2],
      ['c', 4],
    ])
    expect(await records('h\r"a\rb"\rc')).toEqual([
      ['h', 1],
      ['a\rb', 2],
      ['c', 4],
    ])
  })

  it('delivers the records before a quoting error, then throws at its line', async () => {
    const seen: string[] = []
    await expect(
      (async () => {
        for await (const batch of csvRecords(Readable.from(['h,i\n1,2\n3,"x\n4,5\n']), 'q.csv', { header: ['h', 'i'] })) for (const r of batch) seen.push(r.cells[0]!)
      })(),
    ).rejects.toMatchObject({ code: 'csv_parse', line: 3, field: 'i' })
    expect(seen).toEqual(['h', '1'])
  })
})
