import { z } from 'zod'
import { evaluatorNameOption } from '../../src/core/evaluator-name.js'
import { nothingToCheck } from '../../src/core/nothing-to-check.js'
import { defineEvaluator } from '../../src/core/define-evaluator.js'
import { nonFiniteNumbers } from '../../src/core/non-finite-numbers.js'
import { parseOptions } from '../../src/core/parse-options.js'
import type { Evaluator, Finding, Sample } from '../../src/core/types.js'
import { jsonPathFrom, parseJsonPath, resolveJsonPath, type PathSegment } from './json-path.js'

const rangeSchema = z
  .object({
    type: z.enum(['number', 'integer', 'string', 'boolean', 'array', 'object']).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    enum: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).min(1).optional(),
    required: z.boolean().default(true),
    minLength: z.number().int().nonnegative().optional(),
    maxLength: z.number().int().nonnegative().optional(),
  })
  .strict()
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { message: 'min must be <= max' })

const optionsSchema = z
  .object({
    name: evaluatorNameOption('output-range'),
    /** Which sample field holds the structured output. */
    field: z.enum(['output', 'input']).default('output'),
    /** Parse the field as JSON (default), or as a single number. */
    parse: z.enum(['json', 'number']).default('json'),
    schema: z.custom<z.ZodType>((v) => v instanceof z.ZodType, 'must be a zod schema').optional(),
    ranges: z.record(z.string(), rangeSchema).optional(),
  })
  .strict()
  .refine((o) => o.schema !== undefined || (o.ranges !== undefined && Object.keys(o.ranges).length > 0), {
    message: 'give a zod `schema`, `ranges`, or both',
  })

export type OutputRangeOptions = z.input<typeof optionsSchema>
type Range = z.output<typeof rangeSchema>

/**
 * Bounds on structured output (Processing Integrity): parse the output, validate it against a zod
 * schema and/or per-path ranges (numeric bounds, enums, required fields, string length). Findings
 * point at the JSON path and never quote the offending value.
 *
 * Score: the share of checks that held (schema issues and range checks each count as one check).
 */
export function outputRange(options: OutputRangeOptions): Evaluator {
  const { name, field, parse, schema, ranges = {} } = parseOptions(optionsSchema, options, 'outputRange')
  const compiled: { path: string; segments: PathSegment[]; range: Range }[] = []
  for (const [path, range] of Object.entries(ranges)) {
    try {
      compiled.push({ path, segments: parseJsonPath(path), range })
    } catch (error) {
      throw new TypeError(`outputRange: ranges[${JSON.stringify(path)}]: ${(error as Error).message}`)
    }
  }
  return defineEvaluator({
    name,
    version: '1.1.0',
    options: { field, parse, schema: schema ? schemaFingerprint(schema) : undefined, ranges },
    controls: ['PI1.3'],
    evaluate(sample: Sample) {
      const text = sample[field]
      if (typeof text !== 'string' || text.trim() === '') return nothingToCheck(`no ${field}`)
      let value: unknown
      if (parse === 'json') {
        try {
          value = JSON.parse(text)
        } catch {
          return {
            status: 'fail',
            score: 0,
            reason: `${field} is not valid JSON`,
            findings: [finding(field, 0, text.length, '$', 'invalid_json', 'not valid JSON')],
          }
        }
      } else {
        const n = Number(text.trim())
        if (!Number.isFinite(n)) {
          return { status: 'fail', score: 0, reason: `${field} is not a number`, findings: [finding(field, 0, text.length, '$', 'not_a_number', 'not a number')] }
        }
        value = n
      }
      const findings: Finding[] = []
      let checks = 0
      let failedSchemaChecks = 0
      if (schema) {
        // A schema over an object counts one check per top-level field (so one bad field out of six
        // scores 5/6); any other schema is one check.
        const keys = schemaKeys(schema)
        checks += keys ?? 1
        const parsed = schema.safeParse(value)
        if (!parsed.success) {
          const failedKeys = new Set<string>()
          for (const issue of parsed.error.issues) {
            findings.push(finding(field, 0, text.length, jsonPathFrom(issue.path), `schema_${issue.code}`, issue.message))
            failedKeys.add(String(issue.path[0] ?? ''))
          }
          failedSchemaChecks = keys === undefined ? 1 : Math.min(keys, failedKeys.size)
        }
      }
      // A number JSON cannot represent (1e309 parses to Infinity) fails wherever it is, even at a
      // path no range names: a bound like `min: 0` alone would let Infinity through.
      const nonFinite = new Set(nonFiniteNumbers(value).map((path) => jsonPathFrom(path)))
      for (const path of nonFinite) {
        findings.push(finding(field, 0, text.length, path, 'non_finite_number', 'a number too large to represent (it parses to Infinity or NaN)'))
      }
      checks += nonFinite.size
      let failedRangeChecks = nonFinite.size
      for (const { segments, range } of compiled) {
        for (const match of resolveJsonPath(value, segments)) {
          if (nonFinite.has(match.path)) continue // already one failed check
          checks++
          const problem = checkRange(match.present, match.value, range)
          if (problem) {
            failedRangeChecks++
            findings.push(finding(field, 0, text.length, match.path, problem.type, problem.message))
          }
        }
      }
      const failed = failedSchemaChecks + failedRangeChecks
      const score = checks === 0 ? 1 : Math.max(0, (checks - failed) / checks)
      if (findings.length === 0) return { status: 'pass', score: 1, reason: `${field} is within bounds (${checks} checks)` }
      const shown = findings.slice(0, 5).map((f) => `${f.path}: ${f.message}`)
      return {
        status: 'fail',
        score,
        reason: `${failed} of ${checks} checks failed: ${shown.join('; ')}${findings.length > 5 ? '; …' : ''}`,
        findings,
      }
    },
  })
}

function finding(field: string, start: number, end: number, path: string, type: string, message: string): Finding {
  return { type, field, start, end, score: 1, detector: 'output-range', path, message }
}

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

function checkRange(present: boolean, value: unknown, range: Range): { type: string; message: string } | undefined {
  if (!present || value === undefined) {
    return range.required ? { type: 'missing_field', message: 'required field is missing' } : undefined
  }
  const actual = typeOf(value)
  if (range.type) {
    const ok = range.type === 'number' ? actual === 'number' || actual === 'integer' : actual === range.type
    if (!ok) return { type: 'wrong_type', message: `expected ${range.type}, got ${actual}` }
  }
  if (range.enum && !range.enum.some((allowed) => Object.is(allowed, value))) {
    return { type: 'not_in_enum', message: `not one of the ${range.enum.length} allowed values` }
  }
  if (range.min !== undefined || range.max !== undefined) {
    if (typeof value !== 'number') return { type: 'wrong_type', message: `expected a number, got ${actual}` }
    if (range.min !== undefined && value < range.min) return { type: 'below_min', message: `below minimum ${range.min}` }
    if (range.max !== undefined && value > range.max) return { type: 'above_max', message: `above maximum ${range.max}` }
  }
  if (range.minLength !== undefined || range.maxLength !== undefined) {
    const length = typeof value === 'string' ? [...value].length : Array.isArray(value) ? value.length : undefined
    if (length === undefined) return { type: 'wrong_type', message: `expected a string or array, got ${actual}` }
    if (range.minLength !== undefined && length < range.minLength) return { type: 'too_short', message: `shorter than ${range.minLength}` }
    if (range.maxLength !== undefined && length > range.maxLength) return { type: 'too_long', message: `longer than ${range.maxLength}` }
  }
  return undefined
}

/** Top-level field count of an object schema, or undefined for any other schema. */
function schemaKeys(schema: z.ZodType): number | undefined {
  return schema instanceof z.ZodObject ? Math.max(1, Object.keys(schema.shape).length) : undefined
}

/** What goes into the config hash for a zod schema: its JSON Schema, or its shape when that cannot be made. */
function schemaFingerprint(schema: z.ZodType): unknown {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any' })
  } catch {
    return { zod: schema.def.type }
  }
}
