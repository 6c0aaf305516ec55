/**
 * A small JSON path subset for pointing at structured output: `$`, `$.a.b`, `$.items[0]`,
 * `$.items[*].price`, `$['odd key']`. Parsed once at factory time; resolution is linear.
 */
export type PathSegment = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'wildcard' }

export function parseJsonPath(path: string): PathSegment[] {
  if (!path.startsWith('$')) throw new SyntaxError(`JSON path must start with "$" (got ${JSON.stringify(path)})`)
  const segments: PathSegment[] = []
  let i = 1
  while (i < path.length) {
    const c = path[i]
    if (c === '.') {
      let j = i + 1
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++
      const key = path.slice(i + 1, j)
      if (!key) throw new SyntaxError(`empty key in JSON path ${JSON.stringify(path)} at ${i}`)
      segments.push(key === '*' ? { kind: 'wildcard' } : { kind: 'key', key })
      i = j
    } else if (c === '[') {
      const close = path.indexOf(']', i)
      if (close < 0) throw new SyntaxError(`unclosed "[" in JSON path ${JSON.stringify(path)}`)
      const inner = path.slice(i + 1, close)
      if (inner === '*') segments.push({ kind: 'wildcard' })
      else if (/^\d+$/.test(inner)) segments.push({ kind: 'index', index: Number(inner) })
      else if (/^'[^']*'$|^"[^"]*"$/.test(inner)) segments.push({ kind: 'key', key: inner.slice(1, -1) })
      else throw new SyntaxError(`bad segment [${inner}] in JSON path ${JSON.stringify(path)}`)
      i = close + 1
    } else {
      throw new SyntaxError(`unexpected ${JSON.stringify(c)} in JSON path ${JSON.stringify(path)} at ${i}`)
    }
  }
  return segments
}

export interface PathMatch {
  path: string
  value: unknown
  /** False when the path leads nowhere (a missing key): `value` is then undefined. */
  present: boolean
}

/** Every location the path selects, with concrete paths (wildcards expanded). */
export function resolveJsonPath(root: unknown, segments: PathSegment[]): PathMatch[] {
  let frontier: PathMatch[] = [{ path: '$', value: root, present: true }]
  for (const seg of segments) {
    const next: PathMatch[] = []
    for (const m of frontier) {
      if (!m.present) {
        next.push({ path: appendPath(m.path, seg), value: undefined, present: false })
        continue
      }
      const v = m.value
      if (seg.kind === 'wildcard') {
        if (Array.isArray(v)) v.forEach((item, idx) => next.push({ path: `${m.path}[${idx}]`, value: item, present: true }))
        else if (v && typeof v === 'object') for (const [k, item] of Object.entries(v)) next.push({ path: appendPath(m.path, { kind: 'key', key: k }), value: item, present: true })
      } else if (seg.kind === 'index') {
        const present = Array.isArray(v) && seg.index < v.length
        next.push({ path: `${m.path}[${seg.index}]`, value: present ? (v as unknown[])[seg.index] : undefined, present })
      } else {
        const present = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, seg.key)
        next.push({ path: appendPath(m.path, seg), value: present ? (v as Record<string, unknown>)[seg.key] : undefined, present })
      }
    }
    frontier = next
  }
  return frontier
}

function appendPath(base: string, seg: PathSegment): string {
  if (seg.kind === 'index') return `${base}[${seg.index}]`
  if (seg.kind === 'wildcard') return `${base}[*]`
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(seg.key) ? `${base}.${seg.key}` : `${base}[${JSON.stringify(seg.key)}]`
}

/** `$.a[0].b` from a zod issue path. */
export function jsonPathFrom(path: readonly PropertyKey[]): string {
  let out = '$'
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out = appendPath(out, { kind: 'key', key: String(key) })
  }
  return out
}
