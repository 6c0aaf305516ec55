import { lexiconTags } from '../compromise-model.js'
import { cityPopulation, isCountryName, BIG_CITY } from '../gazetteer.js'
import { inNameList } from '../name-list.js'
import { matchesOf } from './matches-of.js'
import type { PiiCandidate, Recognizer } from './recognizer.js'

/**
 * Company names in the shapes firms are named in across Europe and the Americas: surnames joined
 * by a conjunction ("Rodriguez, Rowe and Glover", "Lucas et Bourgeois", "Macedo, Batista e
 * Carvalho"), by a spaced dash ("Malik - Marar"), and names followed by a legal form or a family
 * firm's word ("Palacios Guardado S.L.", "Winther Fritid ApS", "Fried OHG", "Wunsch and Sons",
 * "Saucedo Hermanos"). Without the legal form every joined word must read as a surname: on the
 * name list or unknown to compromise's lexicon, not a common word, not a country or big city, and
 * not all of them given names ("Sarah and John" are two people). Scores: with a legal form 0.85,
 * three joined names 0.8, two 0.75 — above a lone surname read as a person, so the firm wins.
 */
const W = "\\p{Lu}[\\p{L}\\p{M}'’]{1,24}(?:-\\p{Lu}[\\p{L}\\p{M}'’]{1,24})?"
const PARTICLE = '(?:van|von|de|der|den|del|di|da|la|le|ten|ter)'
/** "and" in the languages of the region list. */
const CONJ = '(?:and|&|e|y|et|und|en|og|och|ja|i|és|ve|a|u|ou)'
/**
 * Legal forms and family-firm words, as written after the name (general knowledge of company
 * law across the region list, not one locale's list). Dotted forms are spelled out with their dots.
 */
const LEGAL = [
  'GmbH & Co\\. KG', 'GmbH', 'AG', 'KG', 'OHG', 'GbR', 'UG', 'e\\.V\\.', 'KGaA', 'SE',
  'Ltd\\.?', 'Limited', 'LLC', 'LLP', 'Inc\\.?', 'Corp\\.?', 'Corporation', 'PLC', 'plc', 'Pty Ltd', 'Pvt Ltd', '& Co\\.?',
  'S\\.A\\. de C\\.V\\.', 'S\\.A\\.S\\.', 'S\\.A\\.', 'S\\.L\\.U\\.', 'S\\.L\\.', 'S\\.C\\.', 'S\\. de R\\.L\\.', 'SA', 'SL', 'SAS', 'SASU', 'SARL', 'EURL', 'SNC', 'SCOP', 'SCA', 'SCS', 'SEM', 'GIE', 'SPRL', 'SRL',
  'S\\.p\\.A\\.', 'SpA', 'SPA', 's\\.r\\.l\\.', 'S\\.r\\.l\\.', 'Srl', 's\\.n\\.c\\.', 's\\.a\\.s\\.',
  'Lda\\.?', 'Ltda\\.?', 'LTDA', 'EIRELI',
  'B\\.V\\.', 'BV', 'N\\.V\\.', 'NV', 'V\\.O\\.F\\.', 'VOF',
  'ApS', 'A/S', 'AS', 'ASA', 'AB', 'HB', 'KB', 'Aktiebolag', 'Handelsbolag', 'Kommanditbolag', 'Oy', 'Oyj', 'Ky', 'Tmi', 'ANS', 'I/S', 'IVS',
  'Sp\\. z o\\.o\\.', 'sp\\. z o\\.o\\.', 'Sp\\. j\\.', 'Sp\\. k\\.', 'S\\.K\\.A\\.', 's\\.c\\.',
  's\\.r\\.o\\.', 'a\\.s\\.', 'v\\.o\\.s\\.', 'k\\.s\\.', 'Kft\\.?', 'Zrt\\.?', 'Nyrt\\.?', 'Bt\\.?', 'Kkt\\.?',
  'A\\.Ş\\.', 'Ltd\\. Şti\\.', 'Şti\\.',
  'Group', 'Gruppe', 'Gruppen', 'Groep', 'Holding', 'Holdings', 'Partners', 'Brothers', 'Hermanos', 'Asociados', 'Associados', 'e Associados',
  'and Sons', '& Sons', 'e Hijos', 'e Figli', 'e figli', 'en Zonen', '& Zonen', 'und Söhne', '& Söhne', 'et Fils', '& Fils', 'og Sønner', 'och Söner', 'ja Pojat', 'a syn', 'és Fia', 've Oğulları',
].join('|')
/** One firm name: one or two capitalised words (the second not a legal form: "Gratzky GmbH"), after up to two particles. */
const NAMES = `(?:${PARTICLE} ){0,2}${W}(?: (?!(?:${LEGAL})(?![\\p{L}]))${W})?`
/**
 * A firm: names then a legal form (group 2); names joined by a conjunction or a spaced dash
 * (group 3), then maybe a legal form (group 4); a comma list then a legal form (groups 5, 6).
 * A lone capitalised word fails right after it.
 */
const FIRM_AT = new RegExp(
  `(?<![\\p{L}\\p{N}])(${NAMES})(?:,? (${LEGAL})|((?:, ${NAMES}){0,2},? ${CONJ} ${NAMES}| - ${NAMES})(?:,? (${LEGAL}))?|((?:, ${NAMES}){1,2}),? (${LEGAL}))(?![\\p{L}\\p{N}])`,
  'uy',
)
/**
 * Where a firm's name can continue after a word: a comma, a spaced dash or a conjunction before a
 * capital, or a legal form. One scan without the `u` flag and without per-position lookarounds
 * (a whole-text scan of `FIRM_AT` tries it at every capitalised word); `FIRM_AT` then runs sticky
 * at the starts of the few words before each.
 */
const CONNECTOR = new RegExp(`(?:, | - | ${CONJ} )[A-ZÀ-ÖØ-ÞĀ-Žİ]| (?:${LEGAL})(?![A-Za-z])`, 'g')
const ELEMENT_SPLIT = new RegExp(` - |,? ${CONJ} |, `)
const PARTICLES = new Set(PARTICLE.slice(3, -1).split('|'))
/** After the first name: one capitalised word and a comma or the end ("Pfeiffer, Strieder, …"), not two words ("…, Portillo Nájera"). */
const SINGLE_AFTER = /^, \p{Lu}[\p{L}\p{M}'’-]*(?:,| |$)/u
const TWO_WORDS_AFTER = /^, [^\s,]+ \p{Lu}/u

export const organizationRecognizer: Recognizer = {
  types: ['ORGANIZATION'],
  detector: 'names',
  find(text, push) {
    let lastEnd = -1
    const starts: number[] = []
    for (const c of matchesOf(CONNECTOR, text)) {
      if (c.index < lastEnd) continue
      wordStarts(text, c.index, starts)
      // a firm's name ends in a capitalised word before its connector ("Rowe and", not "rowed and")
      if (starts.length === 0 || !UPPER_START.test(text[starts[0]!]!)) continue
      for (let i = starts.length - 1; i >= 0; i--) {
        if (starts[i]! < lastEnd) continue // inside the firm found last: its last name starts no new one
        if (!UPPER_START.test(text[starts[i]!]!) && !PARTICLES.has(text.slice(starts[i]!, i === 0 ? c.index : starts[i - 1]! - 1))) continue
        FIRM_AT.lastIndex = starts[i]!
        const m = FIRM_AT.exec(text)
        if (m === null || m.index + m[0].length <= c.index) continue
        lastEnd = m.index + m[0].length
        firm(text, m, push)
        break
      }
    }
  },
}

/** Up to four word starts before `end` (capitalised words and particles joined by single spaces), latest first. */
function wordStarts(text: string, end: number, out: number[]): void {
  out.length = 0
  let e = end
  while (out.length < 4) {
    let s = e
    while (s > 0 && e - s < 40 && !BREAK.test(text[s - 1]!)) s--
    if (s === e || e - s >= 40) return
    out.push(s)
    if (s < 2 || text.charCodeAt(s - 1) !== 32 || BREAK.test(text[s - 2]!)) return
    e = s - 1
  }
}
const BREAK = /[\s,;:()[\]{}"<>|/]/
const UPPER_START = /\p{Lu}/u

/** A firm's reading depends on its matched text alone: memoised (offset of its start in the match, score; or none), cleared past 5,000 entries. */
const firmCache = new Map<string, readonly [number, number] | null>()
function firm(text: string, m: RegExpExecArray, push: (c: PiiCandidate) => void): void {
  let reading = firmCache.get(m[0])
  if (reading === undefined) {
    reading = readFirm(m)
    if (firmCache.size >= 5000) firmCache.clear()
    firmCache.set(m[0], reading)
  }
  if (reading) push({ type: 'ORGANIZATION', start: m.index + reading[0], end: m.index + m[0].length, score: reading[1], detector: 'names' })
}

function readFirm(m: RegExpExecArray): readonly [number, number] | null {
  const legal = m[2] !== undefined || m[4] !== undefined || m[6] !== undefined
  let start = 0
  const end = m[0].length
  const text = m[0]
  const joined = m[3] ?? m[5] ?? ''
  // "Giuseppa Pratesi, Siracusa, Guglielmi e Genchi", "Klaas Jacob, Orth AG": a person's full name first is the contact, not the firm
  let first = m[1]!
  const space = first.indexOf(' ')
  const singleAfter = () => SINGLE_AFTER.test(joined) && !TWO_WORDS_AFTER.test(joined)
  if (joined.startsWith(', ') && space > 0 && !PARTICLES.has(first.slice(0, space)) && (m[5] !== undefined || isGivenNameOnly(first.slice(0, space)) || singleAfter())) {
    start += first.length + 2
    first = ''
  }
  const elements = (first + joined).split(ELEMENT_SPLIT).filter((e) => e.length > 0)
  const names: string[] = []
  for (const e of elements) for (const w of e.split(' ')) if (w.length > 0 && !PARTICLES.has(w)) names.push(w)
  if (names.length === 0 || isCountryName(text.slice(start, end))) return null
  if (!legal) {
    // joined names alone: no country, no city in a pair ("Paris and Berlin"), not all given names ("Sarah and John");
    // a pair joined by a conjunction also needs every word known as a name ("Poulet Raffiné en Plastique" is a product)
    if (names.some((w) => isCountryWord(w) || (elements.length <= 2 && isCity(w))) || names.every(isGivenNameOnly)) return null
    const dash = m[3]!.startsWith(' - ')
    if (names.some((w) => isCommonWord(w) && !(dash && isListed(w))) || (elements.length <= 2 && !dash && !names.every(isNameWord))) return null
  } else if (names.length === 1 && isCommonWord(names[0]!)) return null // "The SA", "Our Group"
  return [start, legal ? 0.85 : elements.length >= 3 ? 0.8 : 0.75]
}

const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person'])
const W_COMMON = 1
const W_CITY = 2
const W_GIVEN_ONLY = 4
const W_NAME = 8
const W_LISTED = 16
const W_COUNTRY = 32
/** What the lexicon, name list and gazetteer say about a word, memoised (they never change); cleared past 20,000 words. */
const wordCache = new Map<string, number>()
function flagsOf(word: string): number {
  let f = wordCache.get(word)
  if (f !== undefined) return f
  const tags = lexiconTags(word)
  f = 0
  if (tags.length > 0 && !tags.some((t) => NAME_TAGS.has(t) || t === 'Organization')) f |= W_COMMON
  if (tags.includes('City') || cityPopulation(word) >= BIG_CITY) f |= W_CITY
  if (tags.some((t) => t === 'FirstName' || t === 'MaleName' || t === 'FemaleName') && !tags.includes('LastName')) f |= W_GIVEN_ONLY
  if (inNameList(word)) f |= W_LISTED
  // a name in the lexicon or on the name list; each part of "Tandon-Shukla"
  if (word.split('-').every((part) => lexiconTags(part).some((t) => NAME_TAGS.has(t)) || inNameList(part))) f |= W_NAME
  if (isCountryName(word)) f |= W_COUNTRY
  if (wordCache.size >= 20_000) wordCache.clear()
  wordCache.set(word, f)
  return f
}
const isCommonWord = (word: string) => (flagsOf(word) & W_COMMON) !== 0
const isCity = (word: string) => (flagsOf(word) & W_CITY) !== 0
const isGivenNameOnly = (word: string) => (flagsOf(word) & W_GIVEN_ONLY) !== 0
const isNameWord = (word: string) => (flagsOf(word) & W_NAME) !== 0
const isListed = (word: string) => (flagsOf(word) & W_LISTED) !== 0
const isCountryWord = (word: string) => (flagsOf(word) & W_COUNTRY) !== 0
