import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml'
import type { z } from 'zod'
import { ConfigError, type ConfigIssue } from '../../src/core/errors/config-error.js'
import { formatPath } from '../../src/core/parse-options.js'

export interface ParseYamlOptions<S extends z.ZodType> {
  text: string
  schema: S
  /** Named in every message. */
  file: string
  /** Lines before `text` in the file (front matter starts after a `---` line), so reported lines are the file's. */
  lineOffset?: number
}

/**
 * Parse YAML (JSON is YAML) and validate it with a zod schema. Every problem becomes a `ConfigError`
 * whose message names the file, the line and the field: `rubrics/a.md:12: criteria[1].severity:
 * Invalid option: expected one of "low"|"medium"|"high"|"critical"`. Zod issue paths are mapped back
 * to the YAML node they came from; a missing key is reported at its parent's line.
 */
export function parseYamlWithSchema<S extends z.ZodType>({ text, schema, file, lineOffset = 0 }: ParseYamlOptions<S>): z.output<S> {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  const lineOf = (offset: number) => lineCounter.linePos(offset).line + lineOffset
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => ({ path: '', line: lineOf(e.pos[0]), message: e.message.split('\n')[0] ?? e.message }))
    throw configError(file, issues)
  }
  const result = schema.safeParse(doc.toJS({ maxAliasCount: 100 }))
  if (result.success) return result.data
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol')
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : undefined
    const offset = offsetOf(doc, path, keys?.[0])
    return {
      path: formatPath(keys?.length === 1 ? [...path, keys[0]!] : path),
      line: offset === undefined ? undefined : lineOf(offset),
      message: issue.message,
    }
  })
  throw configError(file, issues)
}

function configError(file: string, issues: { path: string; line: number | undefined; message: string }[]): ConfigError {
  const configIssues: ConfigIssue[] = issues.map((i) => ({ path: i.path, message: i.line === undefined ? i.message : `line ${i.line}: ${i.message}` }))
  const lines = issues.map((i) => `  ${file}${i.line === undefined ? '' : `:${i.line}`}: ${i.path || '(root)'}: ${i.message}`)
  return new ConfigError({ file, issues: configIssues, message: `${file}: invalid\n${lines.join('\n')}` })
}

/** Offset of the node at `path` (or of `key` inside it), else of the nearest ancestor that exists. */
function offsetOf(doc: Document, path: (string | number)[], key?: string): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)
    if (!isNode(node)) continue
    if (n === path.length && key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === key)
      if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0]
    }
    if (node.range) return node.range[0]
  }
  return undefined
}
