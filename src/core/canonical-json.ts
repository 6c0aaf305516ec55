/**
 * Canonical JSON (keys sorted by UTF-16 code units as in RFC 8785, no whitespace, `undefined`
 * members dropped) so that hashes do not depend on property order.
 *
 * Values JSON cannot carry are mapped to stable text rather than silently dropped, because this
 * is also used to hash evaluator options: functions hash by their source, RegExps by
 * `/source/flags`, bigints by their decimal text, Maps and Sets by their entries.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set())
}

function write(value: unknown, seen: Set<object>): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: cannot encode the number ${value}`)
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
  const obj = value as object
  if (seen.has(obj)) throw new TypeError('canonicalJson: cannot encode a cyclic structure')
  seen.add(obj)
  try {
    if (obj instanceof RegExp) return JSON.stringify(`/${obj.source}/${obj.flags}`)
    if (obj instanceof Date) return JSON.stringify(obj.toISOString())
    if (Array.isArray(obj)) return `[${obj.map((v) => write(v, seen)).join(',')}]`
    if (obj instanceof Set) return write([...obj], seen)
    if (obj instanceof Map) return write(Object.fromEntries(obj), seen)
    if (typeof (obj as { toJSON?: unknown }).toJSON === 'function') {
      return write((obj as { toJSON(): unknown }).toJSON(), seen)
    }
    const keys = Object.keys(obj).sort()
    const parts: string[] = []
    for (const key of keys) {
      const v = (obj as Record<string, unknown>)[key]
      if (v === undefined) continue
      parts.push(`${JSON.stringify(key)}:${write(v, seen)}`)
    }
    return `{${parts.join(',')}}`
  } finally {
    seen.delete(obj)
  }
}
