/**
 * Remembers the serialised text of the last value it was given, and gives it back while a later
 * value holds the same members: on the evidence hot path every record carries the same run context
 * (run id, suite, dataset, git) and evaluator description in fresh objects, and serialising them
 * again for each record was a large part of chaining it. Members are compared, never object
 * identity, so a value changed in place is serialised again.
 */
export interface TextMemo {
  text(value: unknown): string
}

const OBJECT = Symbol('object')
const ARRAY = Symbol('array')
const END = Symbol('end')
const MAX_DEPTH = 8

export function textMemo(serialise: (value: unknown) => string): TextMemo {
  let members: unknown[] | undefined
  let text = ''
  return {
    text(value) {
      const next: unknown[] = []
      if (!flatMembers(value, next, 0)) {
        members = undefined
        return serialise(value)
      }
      if (members === undefined || !sameMembers(members, next)) {
        text = serialise(value)
        members = next
      }
      return text
    },
  }
}

/**
 * Appends the value's keys and primitives with structure markers (so different shapes never
 * compare equal); false when it holds anything but plain objects, arrays and primitives (a Date,
 * a Map, a toJSON, deep nesting), which are then never memoised.
 */
function flatMembers(value: unknown, out: unknown[], depth: number): boolean {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function') return false
    out.push(value)
    return true
  }
  if (depth > MAX_DEPTH) return false
  if (Array.isArray(value)) {
    out.push(ARRAY, value.length)
    for (let i = 0; i < value.length; i++) if (!flatMembers(value[i], out, depth + 1)) return false
    return true
  }
  const proto = Object.getPrototypeOf(value)
  if ((proto !== Object.prototype && proto !== null) || 'toJSON' in value) return false
  out.push(OBJECT)
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    out.push(key)
    if (!flatMembers((value as Record<string, unknown>)[key], out, depth + 1)) return false
  }
  out.push(END)
  return true
}

function sameMembers(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
