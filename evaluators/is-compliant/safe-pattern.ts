/**
 * The guard on patterns written in rubrics. JavaScript regexes backtrack, and even one unbounded
 * quantifier can make an unanchored search quadratic (`/a+b/` over a megabyte of "a" takes
 * minutes), so a rubric pattern may only use bounded repetition:
 *
 * - no `*`, `+` or `{n,}`: write `{0,40}` instead;
 * - a variable repetition `{m,n}` / `?` may span at most 100 (n - m);
 * - no quantified group (`(ab){0,3}`: nested repetition multiplies), no backreferences, no lookbehind;
 * - the product of all choices (each variable repetition counts n - m + 1, each alternation its
 *   branch count) is at most 256, so the work per input position is bounded: the search is linear
 *   in the input length with a constant of at most ~256 steps;
 * - at most 1000 characters; flags only `i`, `m`, `s`, `u`.
 *
 * Returns a message saying what to change, or undefined when the pattern is acceptable.
 */
export const MAX_REPETITION_SPAN = 100
export const MAX_CHOICE_PRODUCT = 256

export function checkSafePattern(pattern: string, flags = ''): string | undefined {
  if (pattern.length > 1000) return 'pattern is longer than 1000 characters'
  if (!/^[imsu]*$/.test(flags)) return 'flags may only be i, m, s and u'
  try {
    new RegExp(pattern, flags)
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message}`
  }
  let product = 1
  // per open group: does it contain a quantifier, how many alternation branches
  const groups: { quantified: boolean; branches: number }[] = []
  let topBranches = 1
  let lastAtom: 'none' | 'atom' | 'group' = 'none'
  let lastGroupQuantified = false
  let i = 0
  while (i < pattern.length) {
    const c = pattern[i]!
    if (c === '\\') {
      const next = pattern[i + 1] ?? ''
      if (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<')) return 'backreferences are not allowed'
      // \u{...}, \p{...}, \x.., \cX and plain escapes are single atoms
      if ((next === 'u' || next === 'p' || next === 'P') && pattern[i + 2] === '{') {
        const close = pattern.indexOf('}', i + 3)
        i = close < 0 ? pattern.length : close + 1
      } else i += 2
      lastAtom = 'atom'
      continue
    }
    if (c === '[') {
      // character class: one atom, no choice cost
      let j = i + 1
      if (pattern[j] === '^') j++
      if (pattern[j] === ']') j++
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1
      i = j + 1
      lastAtom = 'atom'
      continue
    }
    if (c === '(') {
      if (pattern.startsWith('(?<=', i) || pattern.startsWith('(?<!', i)) return 'lookbehind is not allowed'
      groups.push({ quantified: false, branches: 1 })
      if (pattern.startsWith('(?:', i) || pattern.startsWith('(?=', i) || pattern.startsWith('(?!', i)) i += 3
      else if (pattern.startsWith('(?<', i)) i = pattern.indexOf('>', i) + 1
      else i += 1
      lastAtom = 'none'
      continue
    }
    if (c === ')') {
      const group = groups.pop()
      if (!group) return 'unbalanced ")"'
      product *= group.branches
      lastGroupQuantified = group.quantified
      if (groups.length) groups[groups.length - 1]!.quantified ||= group.quantified
      lastAtom = 'group'
      i++
      continue
    }
    if (c === '|') {
      if (groups.length) groups[groups.length - 1]!.branches++
      else topBranches++
      lastAtom = 'none'
      i++
      continue
    }
    if (c === '*' || c === '+') return `unbounded repetition "${c}" is not allowed: use a bounded one such as {0,40}`
    if (c === '?' || c === '{') {
      let min: number
      let max: number
      let length: number
      if (c === '?') {
        min = 0
        max = 1
        length = 1
      } else {
        const m = /^\{(\d{1,6})(,(\d{0,6}))?\}/.exec(pattern.slice(i, i + 16))
        if (!m) {
          // a literal "{" (only legal without the u flag)
          lastAtom = 'atom'
          i++
          continue
        }
        min = Number(m[1])
        if (m[2] !== undefined && m[3] === '') return `unbounded repetition "${m[0]}" is not allowed: give an upper bound`
        max = m[3] !== undefined ? Number(m[3]) : min
        length = m[0].length
      }
      if (lastAtom === 'none') return 'a quantifier must follow something to repeat'
      if (max > 1000) return `repetition ${pattern.slice(i, i + length)} is over 1000`
      if (max - min > MAX_REPETITION_SPAN) return `repetition ${pattern.slice(i, i + length)} spans more than ${MAX_REPETITION_SPAN}`
      if (lastAtom === 'group' && lastGroupQuantified) return 'nested repetition (a repeated group that itself repeats) is not allowed'
      if (lastAtom === 'group' && max > 1) return 'repeating a group is not allowed: repeat single characters or classes instead'
      product *= max - min + 1
      if (groups.length) groups[groups.length - 1]!.quantified = true
      i += length
      if (pattern[i] === '?') i++ // lazy modifier
      lastAtom = 'none'
      continue
    }
    lastAtom = 'atom'
    i++
  }
  product *= topBranches
  if (product > MAX_CHOICE_PRODUCT) return `pattern has too many combined choices (${product} > ${MAX_CHOICE_PRODUCT}): narrow the repetitions or alternations`
  return undefined
}
