import { randomBytes } from 'node:crypto'
import { defaultStoredTextDetectors } from '../../evaluators/stored-text-detectors.js'
import { storedSample } from '../evidence/stored-sample.js'
import { describeJsonError } from '../dataset/describe-json-error.js'
import { createReadStream, existsSync } from 'node:fs'
import { extname, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { scanEvaluators } from '../../evaluators/registry.js'
import { DatasetError } from '../core/errors/dataset-error.js'
import { UsageError } from '../core/errors/usage-error.js'
import { runEvaluator } from '../core/run-evaluator.js'
import type { Evaluator, Sample } from '../core/types.js'
import { readDataset } from '../dataset/index.js'
import type { CliIO, Command } from './cli-io.js'
import { parseFlagTable, usageText, type FlagTable } from './flag-table.js'
import { EXIT } from './exit-codes.js'

const flags = {
  evaluators: { type: 'string', value: 'NAME[,NAME]', short: 'e', help: `evaluators to run (required): ${Object.keys(scanEvaluators).join(', ') || '(none registered)'}` },
  field: { type: 'string', value: 'F', help: 'the field (JSONL) or column (CSV) judged as the output (default "text")' },
  format: { type: 'string', value: 'jsonl|csv|text', help: 'input format (default: from the extension; stdin is jsonl)' },
  'timeout-ms': { type: 'int', value: 'MS', min: 1, help: 'per-evaluator timeout in milliseconds (default 30000)' },
  'fail-on': {
    type: 'string',
    value: 'STATUS[,STATUS]',
    help: 'exit 1 when any result has one of these statuses: fail, error\n(e.g. --fail-on fail,error to fail closed); default: never',
  },
} as const satisfies FlagTable

const usage = usageText({
  synopsis: 'vouch scan --evaluators NAME[,NAME] [options] [FILE|-]',
  description: `Runs evaluators over records and prints one JSON line per record on stdout:
{ "id", "results": [EvalResult...] }. Input (a file, or "-"/nothing for stdin):
  jsonl  each line an object: its "text" field (or --field) is judged as the output,
         or the line is a full Sample ({ input, output, context, toolCalls, ... })
  csv    a header row; the --field column (default "text") is judged as the output,
         or the columns map to Sample fields (input, output, context, ...)
  text   each non-empty line is judged as an output`,
  flags,
  notes: `A summary line goes to stderr. Exit 0 when every record was scanned (and, with --fail-on,
no result had a listed status), 1 when --fail-on matched, 2 on bad usage or input, 3 internal error.`,
})

const sampleKeys = ['input', 'output', 'context', 'toolCalls'] as const

export const scanCommand: Command = {
  name: 'scan',
  summary: 'run evaluators over JSONL/CSV/text records, one JSON result line per record',
  usage,
  flags,
  async run(argv, io) {
    const { values, positionals } = parseFlagTable(flags, argv, { positionals: true })
    const names = (values.evaluators ?? '').split(',').map((s) => s.trim()).filter(Boolean)
    if (!names.length) throw new UsageError({ message: `--evaluators is required; choose from ${Object.keys(scanEvaluators).join(', ')}` })
    const unknown = names.filter((n) => !Object.hasOwn(scanEvaluators, n))
    if (unknown.length) throw new UsageError({ message: `unknown evaluator ${unknown.map((n) => `"${n}"`).join(', ')}; choose from ${Object.keys(scanEvaluators).join(', ')}` })
    const evaluators = names.map((n) => scanEvaluators[n]!())
    if (positionals.length > 1) throw new UsageError({ message: 'scan takes one FILE (or - for stdin)' })
    const target = positionals[0] ?? '-'
    const fromStdin = target === '-'
    const path = fromStdin ? '<stdin>' : resolve(io.cwd, target)
    if (!fromStdin && !existsSync(path)) throw new DatasetError({ file: path, code: 'dataset_not_found', detail: 'file not found' })
    const format = values.format ?? formatOf(target)
    if (!['jsonl', 'csv', 'text'].includes(format)) throw new UsageError({ message: `--format takes jsonl, csv or text (got "${format}")` })
    const timeoutMs = values['timeout-ms'] ?? 30_000
    const failOn = parseFailOn(values['fail-on'])
    const counts = { records: 0, pass: 0, fail: 0, error: 0, skipped: 0 }
    const field = values.field
    const input = fromStdin ? io.stdin : createReadStream(path)

    const idSalt = randomBytes(16).toString('hex') // ids are redacted like text (a per-scan salt: ids stay distinct, never raw)
    const emit = async (id: string, sample: Sample) => {
      const results = await Promise.all(evaluators.map((e: Evaluator) => runEvaluator(e, sample, { timeoutMs })))
      counts.records++
      for (const r of results) counts[r.status]++
      const ok = io.stdout.write(`${JSON.stringify({ id: storedSample({ output: id }, { storage: 'redacted', salt: idSalt, detectors: defaultStoredTextDetectors() }).output ?? id, results })}\n`)
      if (!ok) await new Promise((r) => io.stdout.once('drain', r))
    }

    if (format === 'csv') {
      const columns = field ? { output: field } : undefined
      for await (const { sample, line } of readDataset({ path, ...(fromStdin ? { stream: input } : {}), format: 'csv', ...(columns ? { columns } : {}) })) {
        const judged = sample.output === undefined && typeof sample.metadata?.text === 'string' ? { ...sample, output: sample.metadata.text } : sample
        await emit(sample.id ?? `${line}`, judged)
      }
      return finish()
    }
    let lineNo = 0
    for await (const line of createInterface({ input: input as Readable, crlfDelay: Infinity })) {
      lineNo++
      if (!line.trim()) continue
      if (format === 'text') {
        await emit(`${lineNo}`, { output: line })
        continue
      }
      let record: unknown
      try {
        record = JSON.parse(line)
      } catch (error) {
        throw new DatasetError({ file: path, line: lineNo, code: 'json_parse', detail: `invalid JSON: ${describeJsonError(error)}` })
      }
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        throw new DatasetError({ file: path, line: lineNo, code: 'invalid_field', detail: 'each line must be a JSON object' })
      }
      await emit(idOf(record, lineNo), toSample(record as Record<string, unknown>, field, path, lineNo))
    }
    return finish()

    function finish(): number {
      const hit = failOn.filter((status) => counts[status] > 0)
      io.stderr.write(
        `vouch scan: ${counts.records} records, ${counts.pass} pass, ${counts.fail} fail, ${counts.error} error, ${counts.skipped} skipped results${hit.length ? ` (--fail-on ${hit.join(',')}: exit 1)` : ''}\n`,
      )
      return hit.length ? EXIT.failed : EXIT.ok
    }
  },
}

function parseFailOn(value: string | undefined): ('fail' | 'error')[] {
  if (value === undefined) return []
  const statuses = value.split(',').map((s) => s.trim()).filter(Boolean)
  const bad = statuses.filter((s) => s !== 'fail' && s !== 'error')
  if (!statuses.length || bad.length) throw new UsageError({ message: `--fail-on takes fail, error or fail,error (got "${value}")` })
  return statuses as ('fail' | 'error')[]
}

function formatOf(target: string): string {
  const ext = extname(target).toLowerCase()
  if (ext === '.csv') return 'csv'
  if (ext === '.jsonl' || ext === '.ndjson' || target === '-') return 'jsonl'
  return 'text'
}

function idOf(record: object, line: number): string {
  const id = (record as { id?: unknown }).id
  return typeof id === 'string' || typeof id === 'number' ? String(id) : `${line}`
}

function toSample(record: Record<string, unknown>, field: string | undefined, file: string, line: number): Sample {
  const key = field ?? 'text'
  if (Object.hasOwn(record, key)) {
    const value = record[key]
    if (typeof value !== 'string') throw new DatasetError({ file, line, field: key, code: 'invalid_field', detail: 'must be a string' })
    return { output: value }
  }
  if (field) throw new DatasetError({ file, line, field, code: 'missing_column', detail: 'field is missing' })
  if (!sampleKeys.some((k) => Object.hasOwn(record, k))) {
    throw new DatasetError({ file, line, field: 'text', code: 'missing_column', detail: 'a line needs a "text" field (or --field) or Sample fields (input, output, context, toolCalls)' })
  }
  for (const k of ['input', 'output'] as const) {
    if (record[k] !== undefined && typeof record[k] !== 'string') throw new DatasetError({ file, line, field: k, code: 'invalid_field', detail: 'must be a string' })
  }
  if (record.context !== undefined && !(Array.isArray(record.context) && record.context.every((c) => typeof c === 'string'))) {
    throw new DatasetError({ file, line, field: 'context', code: 'invalid_field', detail: 'must be an array of strings' })
  }
  return record as Sample
}
