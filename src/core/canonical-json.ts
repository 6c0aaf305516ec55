/**
 * Canonical JSON (keys sorted by UTF-16 code units as in RFC 8785, no whitespace, `undefined`
 * members dropped) so that hashes do not depend on property order.
 *
 * Values JSON cannot carry are mapped to stable text rather than silently dropped, because this
 * is also used to hash evaluator options: functions hash by their source, RegExps by
 * `/source/flags`, bigints by their decimal text, Maps and Sets by their entries, non-finite numbers
 * as `"[number Infinity]"` (`-Infinity`, `NaN`).
 *
 * It sits on the evidence hot path (every record is hashed and written through it), so plain
 * objects and arrays take a direct path, and cycles are caught by depth instead of a visited set.
 */
const MAX_DEPTH = 512

export function canonicalJson(value: unknown): string {
  return write(value, 0)
}

function write(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'number':
      // JSON has no Infinity or NaN (`1e309` in a model's tool arguments parses to Infinity): encode
      // them as stable marker text instead of crashing the run that is hashing or storing them.
      if (!Number.isFinite(value)) return JSON.stringify(`[number ${value}]`)
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'bigint':
      return JSON.stringify(value.toString())
    case 'function':
      return JSON.stringify(`[function ${value.toString()}]`)
    case 'undefined':
    case 'symbol':
      return 'null'
  }
  if (value === null) return 'null'
  if (depth > MAX_DEPTH) throw new TypeError(`canonicalJson: cannot encode a cyclic structure (or one nested over ${MAX_DEPTH} levels)`)
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + write(value[i], depth + 1)
    return `${out}]`
  }
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) {
    if (value instanceof RegExp) return JSON.stringify(`/${value.source}/${value.flags}`)
    if (value instanceof Date) return JSON.stringify(value.toISOString())
    if (value instanceof Set) return write([...value], depth + 1)
    if (value instanceof Map) return write(Object.fromEntries(value), depth + 1)
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return write((value as { toJSON(): unknown }).toJSON(), depth + 1)
  const obj = value as Record<string, unknown>
  const keys = Object.keys(obj)
  if (!sorted(keys)) keys.sort()
  let out = '{'
  let first = true
  for (const key of keys) {
    const v = obj[key]
    if (v === undefined) continue
    out += `${first ? '' : ','}${quotedKey(key)}:${write(v, depth + 1)}`
    first = false
  }
  return `${out}}`
}

/** Whether keys are already in canonical order (most records' are, or nearly): then they need no sort. */
function sorted(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false
  return true
}

/** Object keys repeat from record to record: each is quoted once (a bounded cache; keys past it are quoted each time). */
const quoted = new Map<string, string>()
function quotedKey(key: string): string {
  let q = quoted.get(key)
  if (q === undefined) {
    if (quoted.size >= 4096 || key.length > 64) return JSON.stringify(key)
    quoted.set(key, (q = JSON.stringify(key)))
  }
  return q
}
