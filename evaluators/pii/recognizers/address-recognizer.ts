import { isCountryName } from '../gazetteer.js'
import { CAP, CITY_LINE, HOUSE, JOINED_STREET, MILITARY, NAME, PREFIX_STREET, SECONDARY, SUFFIXES } from './address-grammar.js'
import type { Recognizer } from './recognizer.js'

const NUMBER_FIRST = new RegExp(`(?<![\\p{L}\\p{N}.,/:-])(?:${HOUSE}),? (?:(?:[NSEW]\\.?|North|South|East|West|Old|Little) )?(${NAME})`, 'gu')
const PREFIX_FIRST = new RegExp(`(?<![\\p{L}\\p{N}])${PREFIX_STREET} (?:(?:de|del|da|do|dos|das|di|du|des|la|le) ){0,2}${NAME},? (?:n[º°o]\\.? ?)?(?:s\\/n\\.?|\\d{1,4}(?:[ ]?[A-Za-z](?![\\p{L}]))?(?:[-/]\\d{1,3}[A-Za-z]?)?)(?![\\p{L}\\p{N}])`, 'gu')
/** Any name then a house number, when a city line with a postcode follows: "Na Cípu 591, 618 88 Odry", "park Stachowicz 17b, 60-327 Ząbki". */
const NAME_NUMBER = new RegExp(`(?<![\\p{L}\\p{N}])(?:(?:van|de|der|den|het|Im|Am|An|Auf|na|ul\\.|al\\.|park|ogród|rondo|plac|aleja) ){0,2}${NAME},? ${HOUSE}(?![\\p{L}\\p{N}])`, 'gu')
const JOINED_CAP = JOINED_STREET.replace(/\(\?:|\)$/g, '').split('|').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('|')
const NAME_FIRST = new RegExp(`(?<![\\p{L}\\p{N}])(?:\\p{Lu}\\p{L}{0,30}${JOINED_STREET}|(?:${CAP} ){1,3}(?:${JOINED_STREET}|${JOINED_CAP})),? ${HOUSE}(?![\\p{L}\\p{N}])`, 'gu')
const MILITARY_RE = new RegExp(`(?<![\\p{L}\\p{N}])${MILITARY}(?![\\p{N}])`, 'gu')
const PREFIX_WORD = new RegExp(`^${PREFIX_STREET}$`, 'u')
const SECONDARY_AT = new RegExp(SECONDARY, 'uy')
const CITY_AT = new RegExp(`(?:,\\n|, ?|\\n| )${CITY_LINE}`, 'uy')
const COUNTRY_AT = /(?:,\n|, ?|\n)(\p{Lu}[\p{L}\p{M} .'’()-]{1,48}?)(?=$|\n|[,.;!?"]|\s+[\p{Ll}])/uy

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
        if (country && isCountryName(country[1]!.trim())) end += country[0].length - (country[1]!.length - country[1]!.trim().length)
      }
      if (score >= 0.5) push({ type: 'STREET_ADDRESS', start, end, score, detector: 'address' })
    }
    if (/\d/.test(text) === false) return
    for (const m of text.matchAll(NUMBER_FIRST)) {
      // the street ends at its last street-type word ("Bridge Street" in "Bridge Street Apt"), or is a "Rua …"
      const name = m[1]!
      const nameStart = m.index + m[0].length - name.length
      const words = [...name.matchAll(/[^ -]+/g)]
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
    for (const m of text.matchAll(PREFIX_FIRST)) emit(m.index, m.index + m[0].length, 0.75)
    for (const m of text.matchAll(NAME_FIRST)) {
      if (!/^\p{Lu}/u.test(m[0])) continue
      emit(m.index, m.index + m[0].length, 0.75)
    }
    for (const m of text.matchAll(NAME_NUMBER)) {
      const end = m.index + m[0].length
      SECONDARY_AT.lastIndex = end
      const secondary = SECONDARY_AT.exec(text)
      CITY_AT.lastIndex = end + (secondary ? secondary[0].length : 0)
      if (CITY_AT.test(text)) emit(m.index, end, 0.6)
    }
    for (const m of text.matchAll(MILITARY_RE)) push({ type: 'STREET_ADDRESS', start: m.index, end: m.index + m[0].length, score: 0.9, detector: 'address' })
  },
}
