/**
 * `JSON.stringify(value, null, 2)`, byte for byte, as a sequence of chunks: containers down to
 * `streamDepth` are opened member by member, deeper values are stringified whole. A report with
 * many cases is written without ever holding its whole text in memory.
 */
export function* prettyJsonChunks(value: unknown, { streamDepth = 3 }: { streamDepth?: number } = {}): Generator<string> {
  yield* chunks(value, 0, streamDepth)
  yield '\n'
}

function* chunks(value: unknown, depth: number, streamDepth: number): Generator<string> {
  const plain = value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  if (!plain || depth > streamDepth) {
    yield indented(value, depth)
    return
  }
  const pad = '  '.repeat(depth + 1)
  if (Array.isArray(value)) {
    if (value.length === 0) return void (yield '[]')
    yield '['
    for (let i = 0; i < value.length; i++) {
      yield `${i ? ',' : ''}\n${pad}`
      const item = value[i]
      // JSON.stringify writes null for array holes, undefined, functions and symbols.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield 'null'
      else yield* chunks(item, depth + 1, streamDepth)
    }
    yield `\n${'  '.repeat(depth)}]`
    return
  }
  let first = true
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue
    yield `${first ? '{' : ','}\n${pad}${JSON.stringify(key)}: `
    first = false
    yield* chunks(item, depth + 1, streamDepth)
  }
  yield first ? '{}' : `\n${'  '.repeat(depth)}}`
}

function indented(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2) ?? 'null'
  return depth === 0 ? text : text.replace(/\n/g, `\n${'  '.repeat(depth)}`)
}
