/**
 * Literal strings one of which every match of a regular expression must start with, read from its
 * source: the leading literal of each top-level branch, or of each branch of a leading `(?:…)`
 * group. `undefined` when some branch starts with something that is not a literal (a character
 * class, an anchor, an optional group): then the regex cannot be gated. Sound, not complete: a
 * prefix may be shorter than the literal the regex really needs, never longer, so when no prefix
 * occurs in a text the regex cannot match it and need not run. Used to skip the phrase patterns
 * whose first words a text does not contain (`String.prototype.includes` is much cheaper than a
 * regex scan of every position).
 */
export function literalPrefixes(source: string): string[] | undefined {
  const branches = splitTopLevel(source)
  if (!branches) return undefined
  const out = new Set<string>()
  for (const branch of branches) {
    const prefixes = branchPrefixes(branch)
    if (!prefixes) return undefined
    for (const p of prefixes) out.add(p)
  }
  return [...out]
}

const QUANTIFIER = /^[?*{+]/
/** Escapes that stand for one literal character. */
const LITERAL_ESCAPE = /^\\[^A-Za-z0-9]/

function branchPrefixes(branch: string): string[] | undefined {
  let rest = branch
  while (rest.startsWith('\\b')) rest = rest.slice(2)
  if (rest.startsWith('(?:')) {
    const close = matchingParen(rest, 0)
    if (close < 0 || QUANTIFIER.test(rest.slice(close + 1))) return undefined
    return literalPrefixes(rest.slice(3, close))
  }
  let literal = ''
  let i = 0
  while (i < rest.length) {
    let ch: string
    let width: number
    if (LITERAL_ESCAPE.test(rest.slice(i, i + 2))) {
      ch = rest[i + 1]!
      width = 2
    } else if (/[a-z0-9 '":;!<>=@#%&,_-]/.test(rest[i]!)) {
      ch = rest[i]!
      width = 1
    } else break
    // an optional last character is not required: stop before it
    if (QUANTIFIER.test(rest.slice(i + width))) break
    literal += ch
    i += width
  }
  return literal.length > 0 ? [literal] : undefined
}

/**
 * Walk `source` from `from`, skipping escapes and character classes, and call `visit` with each
 * other character and the group depth before it; stop when `visit` returns true. Returns the
 * index it stopped at, -1 at the end, or -2 when a class or group is left open or closed twice.
 */
function walk(source: string, from: number, visit: (ch: string, i: number, depth: number) => boolean | void): number {
  let depth = 0
  let inClass = false
  for (let i = from; i < source.length; i++) {
    const ch = source[i]!
    if (ch === '\\') {
      i++
      continue
    }
    if (inClass) {
      if (ch === ']') inClass = false
      continue
    }
    if (visit(ch, i, depth)) return i
    if (ch === '[') inClass = true
    else if (ch === '(') depth++
    else if (ch === ')' && --depth < 0) return -2
  }
  return depth !== 0 || inClass ? -2 : -1
}

/** Split at `|` outside groups and classes; `undefined` on syntax this reader does not follow. */
function splitTopLevel(source: string): string[] | undefined {
  const parts: string[] = []
  let from = 0
  const end = walk(source, 0, (ch, i, depth) => {
    if (ch === '|' && depth === 0) {
      parts.push(source.slice(from, i))
      from = i + 1
    }
  })
  if (end === -2) return undefined
  parts.push(source.slice(from))
  return parts
}

/** The `)` that closes the group opened at `open`, or -1. */
function matchingParen(source: string, open: number): number {
  const end = walk(source, open, (ch, _i, depth) => ch === ')' && depth === 1)
  return end >= 0 ? end : -1
}
