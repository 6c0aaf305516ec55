/**
 * Paths (as key lists) to the numbers in a parsed JSON value that are not finite. JSON has no
 * Infinity or NaN, but `JSON.parse('1e309')` is `Infinity`: a model can emit a number too large to
 * represent, which a range check reading "<= max" may let through and which serialises back as
 * `null`. Evaluators that read structured values report each one as a finding.
 *
 * Iterative (no recursion limit on deeply nested input) and linear: a path is built only for a
 * number that is found, by walking parent links. At most `limit` paths are returned.
 */
export function nonFiniteNumbers(value: unknown, { limit = 100 }: { limit?: number } = {}): PropertyKey[][] {
  interface Node {
    value: unknown
    key?: PropertyKey
    parent?: Node
  }
  const found: PropertyKey[][] = []
  const stack: Node[] = [{ value }]
  while (stack.length > 0 && found.length < limit) {
    const node = stack.pop()!
    const v = node.value
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) found.push(pathOf(node))
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: node })
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v)
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (v as Record<string, unknown>)[keys[i]!], key: keys[i]!, parent: node })
    }
  }
  return found

  function pathOf(node: Node): PropertyKey[] {
    const path: PropertyKey[] = []
    for (let n: Node | undefined = node; n?.parent; n = n.parent) path.push(n.key!)
    return path.reverse()
  }
}
