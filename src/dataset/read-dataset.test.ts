import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { DatasetError } from '../core/errors/dataset-error.js'
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js'
import { hashDataset, readDataset, type DatasetRow, type DatasetSpec, type ReadDatasetOptions } from './index.js'

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/datasets')
const fixture = (name: string) => join(fixtures, name)
const tmp = mkdtempSync(join(tmpdir(), 'vouch-dataset-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

async function collect(spec: DatasetSpec, options: ReadDatasetOptions = {}): Promise<DatasetRow[]> {
  const rows: DatasetRow[] = []
  for await (const row of readDataset(spec, options)) rows.push(row)
  return rows
}

/** Run to the end in skip mode; return rows, skipped errors and the thrown error, if any. */
async function collectSkipping(spec: DatasetSpec) {
  const skipped: DatasetError[] = []
  const rows: DatasetRow[] = []
  let thrown: unknown
  try {
    for await (const row of readDataset({ ...spec, onBadRow: 'skip' }, { onSkip: (e) => skipped.push(e) })) rows.push(row)
  } catch (error) {
    thrown = error
  }
  return { rows, skipped, thrown }
}

async function errorOf(promise: Promise<unknown>): Promise<DatasetError> {
  try {
    await promise
  } catch (error) {
    if (DatasetError.isInstance(error)) return error
    throw error
  }
  throw new Error('expected a DatasetError, but reading succeeded')
}

const fromText = (text: string, path = 'stdin.csv', extra: Partial<DatasetSpec> = {}): DatasetSpec => ({ path, stream: Readable.from([Buffer.from(text)]), ...extra })

describe('readDataset: CSV', () => {
  it('maps the default columns, metadata.<key> columns and keeps quoted commas, quotes and line breaks', async () => {
    const rows = await collect({ path: fixture('valid.csv') })
    expect(rows.map((r) => [r.index, r.line])).toEqual([
      [0, 2],
      [1, 3],
      [2, 5],
    ])
    expect(rows[0]!.sample).toEqual({ id: 'c1', input: 'Where is my order #48213?', output: 'It shipped yesterday.', metadata: { intent: 'shipping' } })
    expect(rows[1]!.sample.input).toBe('I was charged twice,\nplease help')
    expect(rows[2]!.sample.input).toBe('He said "hi" to me')
  })

  it('reports the line a multi-line record starts on, for LF and CRLF files', async () => {
    const rows = await collect({ path: fixture('multiline.csv') })
    expect(rows.map((r) => [r.sample.id, r.line])).toEqual([
      ['m1', 2],
      ['m2', 5],
      ['m3', 6],
    ])
    expect(rows[0]!.sample.input).toBe('line one\nline two\nline three')
    expect(rows[2]!.sample.input).toBe('a\r\nb')

    // Whole file in CRLF with blank lines: csv-parse's own counter says 2 lines per CRLF inside quotes.
    const crlf = 'id,input\r\na,"x\r\ny\r\nz"\r\n\r\nb,plain\r\nc,"p\r\nq"\r\nd,last'
    const crlfRows = await collect(fromText(crlf))
    expect(crlfRows.map((r) => [r.sample.id, r.line])).toEqual([
      ['a', 2],
      ['b', 6],
      ['c', 7],
      ['d', 9],
    ])
  })

  it('invalid UTF-8 in a CSV is a DatasetError naming its line, after every row before it', async () => {
    const path = join(tmp, 'bad-utf8.csv')
    writeFileSync(path, Buffer.concat([Buffer.from('id,input\na,"one"\nb,"two\nlines"\nc,"qz'), Buffer.from([0xe9]), Buffer.from('ree"\nd,four\n')]))
    const seen: string[] = []
    const error = await errorOf(
      (async () => {
        for await (const row of readDataset({ path, onBadRow: 'skip' })) seen.push(row.sample.id!)
      })(),
    )
    expect(seen).toEqual(['a', 'b'])
    expect(error.code).toBe('dataset_unreadable')
    expect(error.line).toBe(5)
    expect(error.message).toMatch(/bad-utf8\.csv:5: .*not valid UTF-8/)
    expect(error.message).not.toContain('qz')
  })

  it('invalid UTF-8 inside a quoted multi-line CSV field names the physical line, not a quoting error', async () => {
    const path = join(tmp, 'bad-utf8-quoted.csv')
    writeFileSync(path, Buffer.concat([Buffer.from('id,input\na,"x\ny\n'), Buffer.from([0xff]), Buffer.from('"\n')]))
    const error = await errorOf(collect({ path }))
    expect(error.code).toBe('dataset_unreadable')
    expect(error.line).toBe(4)
  })

  it('tolerates a UTF-8 BOM before the header', async () => {
    const rows = await collect({ path: fixture('bom.csv') })
    expect(rows).toEqual([{ sample: { id: 'b1', input: 'with bom', output: 'ok' }, index: 0, line: 2 }])
  })

  it('yields nothing for an empty file, a header-only file or only blank lines', async () => {
    expect(await collect({ path: fixture('empty.csv') })).toEqual([])
    expect(await collect({ path: fixture('header-only.csv'), required: ['input'] })).toEqual([])
    expect(await collect(fromText('\n\n\r\n'))).toEqual([])
    expect(await collect(fromText('id,input\n  \na,b\n \t \n'))).toEqual([{ sample: { id: 'a', input: 'b' }, index: 0, line: 3 }])
  })

  it('parses JSON-typed cells: context (array or plain text) and tool_calls', async () => {
    const { rows, skipped } = await collectSkipping({ path: fixture('json-cells.csv') })
    expect(rows[0]!.sample).toEqual({
      id: 'x1',
      input: 'q',
      context: ['doc one', 'doc two'],
      toolCalls: [{ name: 'search', args: { q: 'x' } }],
    })
    expect(rows[1]!.sample).toEqual({ id: 'x2', input: 'q', context: ['plain context'] })
    expect(skipped).toHaveLength(1)
    expect(skipped[0]).toMatchObject({ line: 4, field: 'context', code: 'json_parse' })
    expect(skipped[0]!.message).toMatch(/json-cells\.csv:4: field "context": invalid JSON in context/)
    expect(skipped[0]!.message).not.toContain('[not json')
  })

  it('maps columns to Sample fields, sends unmapped columns to metadata and keeps CSV values as strings', async () => {
    const csv = 'question,answer,plan,extra,metadata.count,flag,model_provider,model_id\nWhat?,That.,gold,x,3,true,openai,gpt-4o-mini\n'
    const [row] = await collect(fromText(csv, 'mapped.csv', { columns: { input: 'question', output: 'answer', 'metadata.tier': 'plan' } }))
    expect(row!.sample).toEqual({
      input: 'What?',
      output: 'That.',
      model: { provider: 'openai', id: 'gpt-4o-mini' },
      metadata: { tier: 'gold', extra: 'x', count: '3', flag: 'true' },
    })
  })

  it('reads model as provider:model-id, with an optional @region', async () => {
    const csv = 'id,model\na,openai:gpt-4o-mini\nb,bedrock:anthropic.claude-3-haiku@eu-west-1\nc,nocolon\n'
    const { rows, skipped } = await collectSkipping(fromText(csv))
    expect(rows.map((r) => r.sample.model)).toEqual([
      { provider: 'openai', id: 'gpt-4o-mini' },
      { provider: 'bedrock', id: 'anthropic.claude-3-haiku', region: 'eu-west-1' },
    ])
    expect(skipped[0]).toMatchObject({ line: 4, field: 'model', code: 'invalid_field' })
  })

  it('a model needs both model_provider and model_id', async () => {
    const error = await errorOf(collect(fromText('id,model_id\na,gpt-4o\n')))
    expect(error).toMatchObject({ line: 2, field: 'model_provider', code: 'missing_field' })
  })
})

describe('readDataset: bad CSV rows', () => {
  it('an unterminated quote stops reading at the line its record starts, after the good rows, in both modes', async () => {
    const rows: DatasetRow[] = []
    const error = await errorOf(
      (async () => {
        for await (const row of readDataset({ path: fixture('malformed-quote.csv') })) rows.push(row)
      })(),
    )
    expect(rows.map((r) => r.sample.id)).toEqual(['q1'])
    expect(error).toMatchObject({ line: 3, field: 'input', code: 'csv_parse' })
    expect(error.file).toBe(fixture('malformed-quote.csv'))
    expect(error.message).toContain('malformed-quote.csv:3: field "input": unterminated quoted field')
    expect(error.message).toContain('cannot resume')
    expect(error.message).not.toContain('oops')

    const skipping = await collectSkipping({ path: fixture('malformed-quote.csv') })
    expect(skipping.rows.map((r) => r.sample.id)).toEqual(['q1'])
    expect(skipping.skipped).toEqual([])
    expect(DatasetError.isInstance(skipping.thrown) && skipping.thrown.code).toBe('csv_parse')
  })

  it('a stray quote inside a field is a fatal csv_parse error naming the column, without quoting the value', async () => {
    const error = await errorOf(collect(fromText('id,input\na,ok\nb,secret "value" here\nc,ok\n', 'stray.csv')))
    expect(error).toMatchObject({ line: 3, field: 'input', code: 'csv_parse' })
    expect(error.message).not.toContain('secret')
  })

  it('wrong column count: stop throws at the row; skip reports it and continues with stable indices', async () => {
    const error = await errorOf(collect({ path: fixture('wrong-columns.csv') }))
    expect(error).toMatchObject({ line: 3, field: 'output', code: 'csv_column_count' })
    expect(error.message).toMatch(/wrong-columns\.csv:3: field "output": the row has 2 values but the header has 3 columns/)

    const { rows, skipped, thrown } = await collectSkipping({ path: fixture('wrong-columns.csv') })
    expect(thrown).toBeUndefined()
    expect(rows.map((r) => [r.sample.id, r.index, r.line])).toEqual([
      ['w1', 0, 2],
      ['w4', 3, 5],
    ])
    expect(skipped.map((e) => [e.line, e.code])).toEqual([
      [3, 'csv_column_count'],
      [4, 'csv_column_count'],
    ])
  })

  it('a required column missing from the header is fatal at line 1, even when skipping', async () => {
    const error = await errorOf(collect({ path: fixture('missing-column.csv'), required: ['input'] }))
    expect(error).toMatchObject({ line: 1, field: 'input', code: 'missing_column' })
    expect(error.message).toContain('missing-column.csv:1: field "input": the header has no column "input"')

    const skipping = await collectSkipping({ path: fixture('missing-column.csv'), required: ['input'] })
    expect(skipping.rows).toEqual([])
    expect(skipping.skipped).toEqual([])
    expect(DatasetError.isInstance(skipping.thrown) && skipping.thrown.code).toBe('missing_column')
  })

  it('a column named in `columns` must exist; required fields use the mapped name', async () => {
    const mapped = await errorOf(collect({ path: fixture('valid.csv'), columns: { input: 'question' } }))
    expect(mapped).toMatchObject({ line: 1, field: 'question', code: 'missing_column' })
    const required = await errorOf(collect({ path: fixture('valid.csv'), required: ['metadata.locale'] }))
    expect(required).toMatchObject({ line: 1, field: 'metadata.locale', code: 'missing_column' })
    // a required model is satisfied by model_provider + model_id
    const rows = await collect(fromText('model_provider,model_id\nopenai,gpt-4o\n', 'm.csv', { required: ['model'] }))
    expect(rows[0]!.sample.model).toEqual({ provider: 'openai', id: 'gpt-4o' })
  })

  it('a duplicate or unnamed header column is fatal', async () => {
    expect(await errorOf(collect(fromText('id,input,id\n1,2,3\n')))).toMatchObject({ line: 1, field: 'id', code: 'invalid_header' })
    expect(await errorOf(collect(fromText('id,,output\n1,2,3\n')))).toMatchObject({ line: 1, field: 'column 2', code: 'invalid_header' })
  })

  it('an empty or blank required field is a row error', async () => {
    const error = await errorOf(collect({ path: fixture('empty-field.csv'), required: ['input'] }))
    expect(error).toMatchObject({ line: 3, field: 'input', code: 'missing_field' })
    expect(error.message).toContain('empty-field.csv:3: field "input": required field "input" is missing or empty')

    const { rows, skipped } = await collectSkipping({ path: fixture('empty-field.csv'), required: ['input'] })
    expect(rows.map((r) => r.sample.id)).toEqual(['e1', 'e4'])
    expect(skipped.map((e) => e.line)).toEqual([3, 4])
  })
})

describe('readDataset: JSONL', () => {
  it('reads Sample-shaped objects, skips blank lines and keeps exact line numbers', async () => {
    const rows = await collect({ path: fixture('valid.jsonl') })
    expect(rows.map((r) => [r.index, r.line])).toEqual([
      [0, 1],
      [1, 3],
    ])
    expect(rows[0]!.sample).toEqual({
      id: 's1',
      input: 'What is my plan?',
      output: '{"reply":"Pro"}',
      context: ['Plan: Pro'],
      toolCalls: [{ name: 'lookup_plan', args: { user: 'u1' } }],
      model: { provider: 'openai', id: 'gpt-4o-mini' },
      metadata: { tier: 'gold', score: 3 },
    })
    // numeric id becomes a string; unmapped keys go to metadata with their JSON types
    expect(rows[1]!.sample).toEqual({
      id: '7',
      input: 'second',
      output: 'two',
      model: { provider: 'openai', id: 'gpt-4o-mini', region: 'eu-west-1' },
      metadata: { locale: 'fr' },
    })
  })

  it('applies the columns mapping to keys (e.g. `vouch scan` judging a `text` key as output)', async () => {
    const rows = await collect(fromText('{"text":"hello","n":1}\n', 'scan.jsonl', { columns: { output: 'text' }, required: ['output'] }))
    expect(rows[0]!.sample).toEqual({ output: 'hello', metadata: { n: 1 } })
  })

  it('invalid JSON: stop throws file:line; skip continues; the message never quotes the line', async () => {
    const error = await errorOf(collect({ path: fixture('bad-json.jsonl') }))
    expect(error).toMatchObject({ line: 2, code: 'json_parse' })
    expect(error.message).toMatch(/bad-json\.jsonl:2: the line is not valid JSON: .* at column \d+/)
    expect(error.message).not.toContain('broken')

    const { rows, skipped } = await collectSkipping({ path: fixture('bad-json.jsonl') })
    expect(rows.map((r) => [r.sample.id, r.index, r.line])).toEqual([
      ['j1', 0, 1],
      ['j3', 2, 4],
    ])
    expect(skipped.map((e) => e.line)).toEqual([2])
  })

  it('a wrong type is an invalid_field error naming the key', async () => {
    const error = await errorOf(collect({ path: fixture('wrong-type.jsonl') }))
    expect(error).toMatchObject({ line: 1, field: 'input', code: 'invalid_field' })
    expect(error.message).toContain('wrong-type.jsonl:1: field "input": input must be a string, got a number')
    const lines = ['[1,2]', '{"context":[1]}', '{"toolCalls":[{"args":{}}]}', '{"metadata":"x"}', '{"model":{"provider":"a"}}', '"text"']
    const { rows, skipped } = await collectSkipping(fromText(lines.join('\n'), 'types.jsonl'))
    expect(rows).toEqual([])
    expect(skipped.map((e) => [e.line, e.field, e.code])).toEqual([
      [1, undefined, 'invalid_field'],
      [2, 'context', 'invalid_field'],
      [3, 'toolCalls', 'invalid_field'],
      [4, 'metadata', 'invalid_field'],
      [5, 'model', 'invalid_field'],
      [6, undefined, 'invalid_field'],
    ])
  })

  it('a required key that is missing, null or empty is a row error', async () => {
    const text = '{"id":"a","output":"x"}\n{"id":"b","input":null}\n{"id":"c","input":""}\n{"id":"d","input":"ok"}\n'
    const { rows, skipped } = await collectSkipping(fromText(text, 'req.jsonl', { required: ['input'] }))
    expect(rows.map((r) => r.sample.id)).toEqual(['d'])
    expect(skipped.map((e) => [e.line, e.field, e.code])).toEqual([
      [1, 'input', 'missing_field'],
      [2, 'input', 'missing_field'],
      [3, 'input', 'missing_field'],
    ])
  })

  it('handles CRLF, a BOM, a last line without newline and an empty stream', async () => {
    const rows = await collect(fromText('\ufeff{"id":"a"}\r\n\r\n{"id":"b"}', 'x.ndjson'))
    expect(rows.map((r) => [r.sample.id, r.line])).toEqual([
      ['a', 1],
      ['b', 3],
    ])
    expect(await collect(fromText('', 'empty.jsonl'))).toEqual([])
  })

  it('splits lines correctly when chunks cut through lines and multi-byte characters', async () => {
    const text = '{"id":"é1","input":"naïve ☃"}\n{"id":"2","input":"ok"}\n'
    const bytes = Buffer.from(text)
    const chunks = [...bytes].map((b) => Buffer.from([b]))
    const rows = await collect({ path: 'chunks.jsonl', stream: Readable.from(chunks) })
    expect(rows.map((r) => [r.sample.id, r.sample.input, r.line])).toEqual([
      ['é1', 'naïve ☃', 1],
      ['2', 'ok', 2],
    ])
  })

  it('never lets a __proto__ key reach a prototype', async () => {
    const [row] = await collect(fromText('{"metadata":{"__proto__":{"polluted":true}},"__proto__":{"x":1}}\n', 'p.jsonl'))
    const metadata = row!.sample.metadata as Record<string, unknown>
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype)
    expect(Object.hasOwn(metadata, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('readDataset: files, formats and options', () => {
  it('a missing file is dataset_not_found naming the path', async () => {
    const path = join(tmp, 'nope.csv')
    const error = await errorOf(collect({ path }))
    expect(error).toMatchObject({ code: 'dataset_not_found', file: path })
    expect(error.message).toBe(`${path}: dataset file not found`)
    expect(await errorOf(collect({ path: fixtures, format: 'csv' }))).toMatchObject({ code: 'dataset_unreadable', file: fixtures })
  })

  it('the format comes from the extension unless given; an unknown one is an error', async () => {
    const error = await errorOf(collect({ path: join(tmp, 'data.txt') }))
    expect(error).toMatchObject({ code: 'dataset_format' })
    expect(error.message).toContain('use .csv, .jsonl or .ndjson')
    const rows = await collect({ path: '-', stream: Readable.from(['{"id":"a"}\n']), format: 'jsonl' })
    expect(rows[0]!.sample.id).toBe('a')
  })

  it('bad options are rejected at once with the field named', () => {
    expect(() => readDataset({ path: 'x.csv', columns: { inptu: 'q' } })).toThrowError(InvalidArgumentError)
    expect(() => readDataset({ path: 'x.csv', columns: { inptu: 'q' } })).toThrowError(/columns\.inptu: unknown Sample field/)
    expect(() => readDataset({ path: 'x.csv', required: ['outptu'] })).toThrowError(/required\[0\]: must be a Sample field/)
    expect(() => readDataset({ path: 'x.csv', onBadRow: 'ignore' as 'skip' })).toThrowError(/onBadRow/)
    expect(() => readDataset({ path: '' })).toThrowError(/path: must name the dataset file/)
  })

  it('aborting stops reading and throws the reason', async () => {
    const controller = new AbortController()
    const seen: string[] = []
    const reason = new Error('cancelled')
    const run = (async () => {
      for await (const row of readDataset({ path: fixture('valid.csv') }, { signal: controller.signal })) {
        seen.push(row.sample.id!)
        controller.abort(reason)
      }
    })()
    await expect(run).rejects.toBe(reason)
    expect(seen).toEqual(['c1'])
  })
})

describe('hashDataset', () => {
  it('is the sha256 of the file bytes', async () => {
    const expected = createHash('sha256').update(readFileSync(fixture('valid.csv'))).digest('hex')
    expect(await hashDataset(fixture('valid.csv'))).toBe(expected)
    expect(await hashDataset(fixture('empty.csv'))).toBe(createHash('sha256').digest('hex'))
  })

  it('a missing file is dataset_not_found', async () => {
    expect(await errorOf(hashDataset(join(tmp, 'missing.jsonl')))).toMatchObject({ code: 'dataset_not_found' })
  })
})

describe('readDataset: streaming', () => {
  /** A CSV source that generates rows on demand and counts the bytes it was asked for. */
  function generatedCsv(totalRows: number) {
    let produced = 0
    let bytes = 0
    const stream = new Readable({
      read() {
        if (produced === 0) {
          const header = 'id,input,output,metadata.n\n'
          bytes += header.length
          this.push(header)
        }
        if (produced >= totalRows) return void this.push(null)
        let chunk = ''
        for (let i = 0; i < 500 && produced < totalRows; i++, produced++) chunk += `r${produced},"question ${produced}, with a comma","answer ${produced}",${produced}\n`
        bytes += chunk.length
        this.push(chunk)
      },
    })
    return { stream, pulled: () => bytes }
  }

  it('pulls from the source only as rows are consumed (backpressure) and releases it on break', async () => {
    const source = generatedCsv(2_000_000) // ~100 MB if read to the end
    let count = 0
    for await (const row of readDataset({ path: 'generated.csv', stream: source.stream })) {
      expect(row.sample.id).toBe(`r${count}`)
      if (++count === 1000) break
    }
    expect(source.pulled()).toBeLessThan(2_000_000)
    expect(source.stream.destroyed).toBe(true)
  })

  it('reads a 200k-row file with a flat heap', async () => {
    const { setFlagsFromString } = await import('node:v8')
    const { runInNewContext } = await import('node:vm')
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const rowsTotal = 200_000
    for (const format of ['csv', 'jsonl'] as const) {
      const path = join(tmp, `big.${format}`)
      const lines: string[] = format === 'csv' ? ['id,input,output,metadata.intent'] : []
      for (let i = 0; i < rowsTotal; i++) {
        const input = `Where is order #${i}? It was due last week, and I need it "soon".`
        const output = `{"reply":"Order ${i} ships tomorrow.","priority":2}`
        lines.push(format === 'csv' ? `c${i},"${input.replaceAll('"', '""')}","${output.replaceAll('"', '""')}",shipping` : JSON.stringify({ id: `c${i}`, input, output, metadata: { intent: 'shipping' } }))
      }
      writeFileSync(path, lines.join('\n') + '\n')
      lines.length = 0
      let count = 0
      let heapAtTenth = 0
      for await (const row of readDataset({ path, required: ['input', 'output'] })) {
        count++
        if (row.index === rowsTotal / 10) {
          gc()
          heapAtTenth = process.memoryUsage().heapUsed
        }
      }
      gc()
      const growth = process.memoryUsage().heapUsed - heapAtTenth
      expect(count).toBe(rowsTotal)
      // The file is ~20 MB; buffering it would grow the heap by far more than this.
      expect(growth).toBeLessThan(8 * 1024 * 1024)
    }
  })

  it('hostile inputs finish: 1 MB runs of quotes, digits, separators and a@a.a.a…', async () => {
    const mb = 1024 * 1024
    const hostile = [
      `id,input\na,"${'""'.repeat(mb / 2)}"\n`,
      `id,input\na,${'9'.repeat(mb)}\n`,
      `id,input\na,"${'a@a.'.repeat(mb / 4)}"\n`,
      `id,input\n${',,,,'.repeat(mb / 4)}\n`,
      `id,model\na,${':@'.repeat(mb / 2)}\n`,
      `id,context\na,"${'['.repeat(mb)}"\n`,
    ]
    for (const text of hostile) {
      const { rows, skipped, thrown } = await collectSkipping(fromText(text, 'hostile.csv'))
      expect(rows.length + skipped.length + (thrown ? 1 : 0)).toBeGreaterThan(0)
    }
    const jsonl = [`{"input":"${'\\\\'.repeat(mb / 2)}"}`, `{"a":${'['.repeat(mb)}`, `${'{"a":'.repeat(mb / 5)}`]
    const { skipped, rows } = await collectSkipping(fromText(jsonl.join('\n'), 'hostile.jsonl'))
    expect(rows).toHaveLength(1)
    expect(skipped).toHaveLength(2)
  })
})
