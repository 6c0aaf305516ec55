import { countryEndingAfter, isCountryName } from '../gazetteer.js'
import { CAP, CITY_LINE, HOUSE, JOINED_STREET, MILITARY, NAME, PREFIX_STREET, SECONDARY, SUFFIXES } from './address-grammar.js'
import { isSpace } from './is-space.js'
import { matchesOf } from './matches-of.js'
import type { Recognizer } from './recognizer.js'

const NUMBER_FIRST = new RegExp(`(?<![\\p{L}\\p{N}.,/:-])(?:${HOUSE}),? (?:(?:[NSEW]\\.?|North|South|East|West|Old|Little) )?(${NAME})`, 'gu')
/*
 * The three orders with the house number after the name are tried only where a house number
 * follows a word (`HOUSE_HIT`), as sticky patterns at the starts of the few words before it: a
 * whole-text scan of each costs a try at every word of the text.
 */
const PREFIX_FIRST_AT = new RegExp(`(?<![\\p{L}\\p{N}])${PREFIX_STREET} (?:(?:de|del|da|do|dos|das|di|du|des|la|le) ){0,2}${NAME},? (?:n[º°o]\\.? ?)?(?:s\\/n\\.?|\\d{1,4}(?:[ ]?[A-Za-z](?![\\p{L}]))?(?:[-/]\\d{1,3}[A-Za-z]?)?)(?![\\p{L}\\p{N}])`, 'uy')
/** Any name then a house number, when a city line with a postcode follows: "Na Cípu 591, 618 88 Odry", "park Stachowicz 17b, 60-327 Ząbki". */
const NAME_NUMBER_AT = new RegExp(`(?<![\\p{L}\\p{N}])(?:(?:van|de|der|den|het|Im|Am|An|Auf|na|ul\\.|al\\.|park|ogród|rondo|plac|aleja) ){0,2}${NAME},? ${HOUSE}(?![\\p{L}\\p{N}])`, 'uy')
const JOINED_CAP = JOINED_STREET.replace(/\(\?:|\)$/g, '').split('|').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('|')
const NAME_FIRST_AT = new RegExp(`(?<![\\p{L}\\p{N}])(?:\\p{Lu}(?:\\p{L}|-(?=\\p{L})){0,40}(?:${JOINED_STREET}|(?<=-)(?:${JOINED_CAP}))|(?:${CAP} ){1,3}(?:${JOINED_STREET}|${JOINED_CAP})),? ${HOUSE}(?![\\p{L}\\p{N}])`, 'uy')
/** A word that ends in a joined street word ("Hauptstraße", "Straße", "Kirkevej"): the last word before a number in `NAME_FIRST_AT`. */
const JOINED_END = new RegExp(`${JOINED_STREET}$`, 'iu')
/** A house number right after a word: `,? ` (or "nº ") then a digit or "s/n"; the character before is checked in code. */
const HOUSE_HIT = /,? (?:n[º°o]\.? ?)?(?=s\/n|\d)/g
const HOUSE_AT = new RegExp(`${HOUSE}(?![\\p{L}\\p{N}])`, 'uy')
const WORD_END = /[\p{L}\p{M}'’.]/u
const MILITARY_RE = new RegExp(`(?<![\\p{L}\\p{N}])${MILITARY}(?![\\p{N}])`, 'gu')
const PREFIX_WORD = new RegExp(`^${PREFIX_STREET}$`, 'u')
const SECONDARY_AT = new RegExp(SECONDARY, 'uy')
const CITY_AT = new RegExp(`(?:,\\n|, ?|\\n| )${CITY_LINE}`, 'uy')
const COUNTRY_AT = /(?:,\n|, ?|\n)(\p{Lu}[\p{L}\p{M} .'’()-]{1,48}?)(?=$|\n|[,.;!?"]|\s+[\p{Ll}])/uy
/** At most this many words before a house number are tried as the start of a street name (a name is at most five words, with particles and a street word). */
const MAX_WORDS_BACK = 10
/** A longer word is not part of a street name; the walk back stops there. */
const MAX_WORD = 64

/**
 * Street addresses (STREET_ADDRESS, personal data): a street line in one of three orders (number
 * first, street word first, street name then number), then optionally apartment/suite parts, the
 * city line (postcode and city in the country's order, US state codes, cities in capitals) and a
 * country, on one line or several. The whole block is one span. Scores: a street line alone 0.7,
 * with an apartment 0.8, with a city line 0.9. Every piece is a bounded pattern: linear.
 */
export const addressRecognizer: Recognizer = {
  types: ['STREET_ADDRESS'],
  detector: 'address',
  find(text, push) {
    const emit = (start: number, streetEnd: number, base: number) => {
      let end = streetEnd
      let score = base
      for (let i = 0; i < 2; i++) {
        SECONDARY_AT.lastIndex = end
        const m = SECONDARY_AT.exec(text)
        if (!m) break
        end += m[0].length
        score = Math.max(score, 0.8)
      }
      CITY_AT.lastIndex = end
      const city = CITY_AT.exec(text)
      if (city) {
        end += city[0].length
        score = 0.9
        COUNTRY_AT.lastIndex = end
        const country = COUNTRY_AT.exec(text)
        if (country) {
          const at = end + country[0].length - country[1]!.length
          const long = countryEndingAfter(text, at) // "Trinidad ve Tobago", "Spojené arabské emiráty"
          if (long > 0) end = long
          else if (isCountryName(country[1]!.trim())) end += country[0].length - (country[1]!.length - country[1]!.trim().length)
        }
      }
      if (score >= 0.5) push({ type: 'STREET_ADDRESS', start, end, score, detector: 'address' })
    }
    if (/\d/.test(text) === false) return
    for (const m of matchesOf(NUMBER_FIRST, text)) {
      // the street ends at its last street-type word ("Bridge Street" in "Bridge Street Apt"), or is a "Rua …"
      const name = m[1]!
      const nameStart = m.index + m[0].length - name.length
      const words = [...name.matchAll(/[^ -]+/g)]
      // "Allée de Provence Apt. 690": the name stops before an apartment word
      const unit = words.findIndex((w, i) => i > 0 && UNIT_WORD.test(w[0]))
      if (unit > 0) words.length = unit
      let cut = -1
      for (let i = words.length - 1; i >= 0 && cut < 0; i--) if (SUFFIXES.has(words[i]![0].replace(/\.$/, '').toLowerCase())) cut = i
      if (PREFIX_WORD.test(words[0]![0])) cut = words.length - 1
      const fullEnd = m.index + m[0].length
      CITY_AT.lastIndex = fullEnd
      const cityAfterName = CITY_AT.test(text)
      // a city line right after the whole name: the name is the street ("2 Passage Saint-Dominique, 98495 Metz")
      if (cityAfterName) emit(m.index, fullEnd, cut >= 0 ? 0.7 : 0.6)
      else if (cut >= 0) emit(m.index, nameStart + words[cut]!.index + words[cut]![0].length, 0.7)
    }
    const starts: number[] = []
    for (const hit of matchesOf(HOUSE_HIT, text)) {
      const wordEnd = hit.index
      if (wordEnd === 0 || !WORD_END.test(text[wordEnd - 1]!)) continue
      const digit = hit.index + hit[0].length
      wordStarts(text, wordEnd, starts)
      if (starts.length === 0) continue
      // street word first ("Rua Augusta 1250", "Calle de Alcalá, 12"): from the earliest street word
      for (let i = starts.length - 1; i >= 0; i--) {
        if (!(wordFlags(text.slice(starts[i]!, i === 0 ? wordEnd : nextWordEnd(text, starts[i]!))) & W_PREFIX)) continue
        const end = covers(text, PREFIX_FIRST_AT, starts[i]!, digit)
        if (end > 0) {
          emit(starts[i]!, end, 0.75)
          break
        }
      }
      // a joined street word last ("Hauptstraße 5", "Karl-Marx-Allee 12", "Jan Pietersz Coenstraat 3")
      if (wordFlags(text.slice(starts[0]!, wordEnd)) & W_JOINED) {
        for (let i = Math.min(starts.length - 1, 3); i >= 0; i--) {
          if (!UPPER.test(text[starts[i]!]!)) continue
          const end = covers(text, NAME_FIRST_AT, starts[i]!, digit)
          if (end > 0) {
            emit(starts[i]!, end, 0.75)
            break
          }
        }
      }
      // any name and a number, when a city line or an apartment word follows ("Na Cípu 591, 618 88 Odry")
      if (hit[0].includes('n')) continue
      HOUSE_AT.lastIndex = digit
      const house = HOUSE_AT.exec(text)
      if (!house) continue
      SECONDARY_AT.lastIndex = digit + house[0].length
      const secondary = SECONDARY_AT.exec(text)
      CITY_AT.lastIndex = digit + house[0].length + (secondary ? secondary[0].length : 0)
      // a city line, or an apartment word ("Kochergarten 185 Zimmer 779", "Nádvorní 78 Apt. 698")
      if (!CITY_AT.test(text) && !(secondary && UNIT_AFTER.test(secondary[0]))) continue
      for (let i = starts.length - 1; i >= 0; i--) {
        const end = covers(text, NAME_NUMBER_AT, starts[i]!, digit)
        if (end > 0) {
          emit(starts[i]!, end, 0.6)
          break
        }
      }
    }
    for (const m of matchesOf(MILITARY_RE, text)) push({ type: 'STREET_ADDRESS', start: m.index, end: m.index + m[0].length, score: 0.9, detector: 'address' })
  },
}

const UPPER = /\p{Lu}/u
/** An apartment part that names itself ("Apt. 698", "Zimmer 779"), not a bare number or letter. */
const UNIT_AFTER = /^,? (?:Apt\.?|Apartment|Apto\.?|Suite|Ste\.?|Unit|Flat|Zimmer|Wohnung|Whg\.|Lgh\.|Piano|Appartamento|Piso|Top|Tür|Stiege|Bus|Boîte)/
/** Words that start the apartment part of an address, not part of the street's name. */
const UNIT_WORD = /^(?:Apt\.?|Apartment|Apto\.?|Suite|Ste\.?|Unit|Flat|Floor|Room|Bldg\.?|Zimmer|Wohnung|Whg\.?|Lgh\.?|Piano|Appartamento|Piso|Bloco|Etage)$/
/** The end of the sticky pattern's match at `at` when it reaches past `digit` (the house number it was tried for), else -1. */
function covers(text: string, re: RegExp, at: number, digit: number): number {
  re.lastIndex = at
  const m = re.exec(text)
  return m !== null && at + m[0].length > digit ? at + m[0].length : -1
}
/** Characters that end a word when walking back from a house number. */
function isBreak(code: number): boolean {
  return isSpace(code) || code === 44 || code === 59 || code === 58 || code === 40 || code === 41 || code === 91 || code === 93 || code === 34 || code === 123 || code === 125 || code === 60 || code === 62
}

/** The starts of up to `MAX_WORDS_BACK` words joined by single spaces and ending at `wordEnd`, latest first; the walk stops at a word that starts with a digit. */
function wordStarts(text: string, wordEnd: number, out: number[]): void {
  out.length = 0
  let end = wordEnd
  while (out.length < MAX_WORDS_BACK) {
    let start = end
    while (start > 0 && end - start < MAX_WORD && !isBreak(text.charCodeAt(start - 1))) start--
    if (start === end || end - start >= MAX_WORD) return
    const c = text.charCodeAt(start)
    if (c >= 48 && c <= 57) {
      // "868 C 9": a letter after a house number belongs to that number, not to a street name
      if (out.length > 0 && end - start <= 6 && out[out.length - 1] === end + 1 && isLetterAfterNumber(text, out[out.length - 1]!)) out.pop()
      return
    }
    out.push(start)
    if (start < 2 || text.charCodeAt(start - 1) !== 32 || isBreak(text.charCodeAt(start - 2))) return
    end = start - 1
  }
}

function isLetterAfterNumber(text: string, start: number): boolean {
  return start + 1 < text.length && isBreak(text.charCodeAt(start + 1)) && UPPER.test(text[start]!)
}

function nextWordEnd(text: string, start: number): number {
  let end = start
  while (end < text.length && !isBreak(text.charCodeAt(end))) end++
  return end
}

const W_PREFIX = 1
const W_JOINED = 2
/** Is `word` a street word written before the name ("Rua", "Calle", "ul.": `W_PREFIX`), does it end in a joined one (`W_JOINED`)? Memoised per word; cleared past 5,000 words. */
const wordCache = new Map<string, number>()
function wordFlags(word: string): number {
  let v = wordCache.get(word)
  if (v === undefined) {
    v = (PREFIX_WORD.test(word) ? W_PREFIX : 0) | (JOINED_END.test(word) ? W_JOINED : 0)
    if (wordCache.size >= 5000) wordCache.clear()
    wordCache.set(word, v)
  }
  return v
}
