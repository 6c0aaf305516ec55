import { BIG_CITY, cityPopulation, countryEndingAfter, isCountryName } from '../gazetteer.js'
import { inNameList } from '../name-list.js'
import { matchesOf } from './matches-of.js'
import type { Recognizer } from './recognizer.js'
import { isSpace } from './is-space.js'
import { trimWord } from './trim-word.js'

/** A run of capitalised words (with place particles), up to four: "Rio de Janeiro", "Stoke-on-Trent", "SOUTH DANIELHAVEN". */
const RUN = /(?<![\p{L}\p{M}\p{N}])\p{Lu}[\p{L}\p{M}'’-]{0,30}(?:(?: | (?:de|do|da|del|di|la|le|sur|am|an|im|nad|u|upon|on|dos|das|los|las|el|en) )\p{Lu}[\p{L}\p{M}'’-]{0,30}){0,3}/gu
/** Words before a place: "in", "from", "based in", "moved to"; form labels and JSON keys. */
const CUE_BEFORE = /(?:\b(?:in|from|near|to|at|into|outside|around|visit|visiting|across|throughout|toward|towards)\s+(?:the\s+)?|\b(?:city|town|country|state|region|province|county|nationality|residence|location|birthplace|place of birth|citizenship|origin)\s*[:=]\s*"?|"(?:city|town|country|state|region|province|location|nationality|residence|birthplace|origin)"\s*:\s*")$/i
const AFTER_PLACE = /^,\s*$/
/** The shapes of place names: "North …", "Port …", "…ville", "…stad", "…dorf". */
const PLACE_SHAPE =
  /^(?:(?:North|South|East|West|New|Old|Port|Lake|Fort|Mount|Saint|Sankt|San|Santa|São|St\.?|Bad|Neu|Alt|Nord|Süd|Ost|Le|La|Los|Las|El|Villa|Castle|Upper|Lower|Great|Little)\b.*|.* (?:do|da|de|del) (?:Norte|Sul|Sur|Este|Oeste)|.*(?:ville|town|ton|burgh|borough|bury|field|land|side|haven|view|stad|stadt|furt|dorf|heim|scheid|berg|burg|fort|port|mouth|chester|ham|shire|ford|by|bøl|rup|holm|köping|ås|lund|vik|berga|ice|ów|owo|ice|ín|any|háza|falva|hely|lar|ler|köy|abad|pur|pura|nagar|gaon|polis|grad|dam|drecht|hoven|wijk|werd|ingen|stedt|dijk|buurt|krak|ia|ano|ino|ese|ense|ópolis|ópolis|ão))$/
const NOT_PLACE = new Set(['I', 'The', 'A', 'An', 'This', 'That', 'Our', 'Your', 'My', 'We', 'You', 'It', 'He', 'She', 'They', 'Please', 'Thanks', 'Dear', 'Hi', 'Hello', 'Agent', 'Customer', 'User', 'Note', 'Subject', 'From', 'To', 'Name', 'Phone', 'Email', 'Address', 'Order', 'Ticket'])

/**
 * Places (LOCATION: a city, region or country, not personal data on its own): country names in
 * 17 languages and cities from GeoNames (`gazetteer.ts`), a capitalised name after a place cue
 * ("in", "from", "City:", `"city": "`) or before ", " and a country ("Skanderborg, Mayotte"), and big cities (over 100,000 people) anywhere. Scores:
 * a country 0.8, a cued gazetteer city or place-shaped name 0.75, a big city 0.65, another cued
 * capitalised name that is not on the name list 0.55.
 */
export const placeRecognizer: Recognizer = {
  types: ['LOCATION'],
  detector: 'places',
  find(text, push) {
    let previousPlaceEnd = -10
    for (const m of matchesOf(RUN, text)) {
      let value = trimWord(m[0])
      const start = m.index
      // a country of several words the run does not join ("Wallis and Futuna", "Soudan du Sud")
      const countryEnd = countryEndingAfter(text, start)
      if (countryEnd > start + value.length) {
        push({ type: 'LOCATION', start, end: countryEnd, score: 0.8, detector: 'places' })
        previousPlaceEnd = countryEnd
        continue
      }
      const space = value.indexOf(' ')
      if (NOT_PLACE.has(space < 0 ? value : value.slice(0, space))) continue
      const cued =
        (mayBeCued(text, start) && CUE_BEFORE.test(text.slice(Math.max(0, start - 32), start))) ||
        (start - previousPlaceEnd <= 3 && AFTER_PLACE.test(text.slice(previousPlaceEnd, start))) ||
        beforeCountry(text, start + value.length)
      let score = 0
      const country = isCountryName(value)
      const population = country ? 0 : cityPopulation(value) // looked up once, not once per rule
      if (country) score = 0.8
      else if (cued && (population > 0 || (CAPITALS.test(value) && cityPopulation(titleCase(value)) > 0) || PLACE_SHAPE.test(value))) score = 0.75
      else if (population >= BIG_CITY && !inNameList(value)) score = 0.65
      else if (cued && !value.split(' ').some((w) => inNameList(w))) score = 0.55
      if (score === 0) continue
      value = value.trim()
      push({ type: 'LOCATION', start, end: start + value.length, score, detector: 'places' })
      previousPlaceEnd = start + value.length
    }
  },
}

const RUN_AT = new RegExp(RUN.source, 'uy')
/** "Skanderborg, Mayotte", "Mardin, Kuzey İrlanda": a name right before ", " and a country name is a place too. */
function beforeCountry(text: string, end: number): boolean {
  if (text.charCodeAt(end) !== 44 || text.charCodeAt(end + 1) !== 32) return false
  RUN_AT.lastIndex = end + 2
  const next = RUN_AT.exec(text)
  return next !== null && isCountryName(trimWord(next[0]))
}

const CUE_WORDS = new Set(['in', 'from', 'near', 'to', 'at', 'into', 'outside', 'around', 'visit', 'visiting', 'across', 'throughout', 'toward', 'towards', 'the'])
/**
 * A necessary condition for `CUE_BEFORE`, checked without a regex or a slice: the text before ends
 * (after blanks) in `:`, `=` or `"`, or in a cue word (or "the") standing alone as a word. Most
 * capitalised runs fail it, and skip the cue regex.
 */
function mayBeCued(text: string, start: number): boolean {
  let i = start - 1
  const floor = Math.max(0, start - 32)
  while (i >= floor && isSpace(text.charCodeAt(i))) i--
  if (i < floor) return false
  const c = text[i]!
  if (c === ':' || c === '=' || c === '"') return true
  let j = i
  while (j >= floor && isWordChar(text.charCodeAt(j))) j--
  if (j === i || i - j > 10) return false
  return CUE_WORDS.has(text.slice(j + 1, i + 1).toLowerCase())
}

/** `\w` by char code: ASCII letters, digits and `_`. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95
}

/** Two capitals in a row: a name written in capitals ("SOUTH DANIELHAVEN"), looked up title-cased. */
const CAPITALS = /\p{Lu}\p{Lu}/u

function titleCase(value: string): string {
  return value.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase())
}
