/** A phrase occurrence: offsets into the searched text. */
export interface PhraseMatch {
  start: number
  end: number
  /** Index of the phrase in the list given to `phraseMatcher`. */
  index: number
}

const escapeRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')

/**
 * A literal, case-insensitive phrase matcher for keywords, disclaimers and refusal phrases: phrases
 * match on word boundaries (letters and digits), straight and curly quotes match each other, and
 * a space matches a run of 1–20 whitespace characters. Built from escaped literals with bounded
 * repetition only, so a search is linear in the text length (times the total phrase length).
 */
export function phraseMatcher(phrases: readonly string[]): { find(text: string): PhraseMatch | undefined; findAll(text: string, limit?: number): PhraseMatch[] } {
  const sources = phrases.map((p) =>
    escapeRegExp(p.trim().normalize('NFC'))
      .replace(/['\u2018\u2019]/g, "['\u2018\u2019]")
      .replace(/["\u201C\u201D]/g, '["\u201C\u201D]')
      .replace(/\s+/g, '\\s{1,20}'),
  )
  const alternatives = sources.map((s, i) => `(?<p${i}>${s})`).join('|')
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'giu')
  const toMatch = (m: RegExpExecArray): PhraseMatch => {
    const groups = m.groups ?? {}
    const index = sources.findIndex((_, i) => groups[`p${i}`] !== undefined)
    return { start: m.index, end: m.index + m[0].length, index }
  }
  return {
    find(text) {
      re.lastIndex = 0
      const m = re.exec(text)
      return m ? toMatch(m) : undefined
    },
    findAll(text, limit = 100) {
      const out: PhraseMatch[] = []
      re.lastIndex = 0
      for (let m = re.exec(text); m && out.length < limit; m = re.exec(text)) {
        out.push(toMatch(m))
        if (m[0].length === 0) re.lastIndex++
      }
      return out
    },
  }
}
