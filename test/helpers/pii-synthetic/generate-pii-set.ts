import { allLocales, base, en, Faker, type LocaleDefinition } from '@faker-js/faker'
import { SLOTS } from './slots.js'
import { TEMPLATES } from './templates.js'

export interface SyntheticPiiItem {
  id: string
  locale: string
  template: number
  text: string
  spans: { type: string; start: number; end: number }[]
}

/** Locales: Latin-script faker locales from 5 continents. Test locales are never seen in dev. */
export const DEV_LOCALES = ['en_US', 'en_GB', 'de', 'fr', 'es', 'it', 'nl', 'pt_BR', 'pl', 'sv', 'da', 'fi', 'cs_CZ', 'tr', 'en_IN'] as const
export const TEST_LOCALES = ['en_CA', 'en_AU', 'de_AT', 'de_CH', 'es_MX', 'pt_PT', 'nb_NO', 'hu', 'fr_BE', 'nl_BE', 'en_ZA', 'en_IE'] as const

/** Every fourth template is a test template; the rest are dev templates. */
export const isTestTemplate = (index: number) => index % 4 === 3

export type Split = 'dev' | 'test'

/**
 * A labeled PII set generated from faker's locale data: `perTemplate` texts for each template of
 * the split, cycling through the split's locales. Fixed seed: the same items on every run.
 * Dev and test differ in both templates and locales, so tuning on dev cannot memorise test.
 */
export function generatePiiSet({ split, perTemplate = 30, seed = 20261130 }: { split: Split; perTemplate?: number; seed?: number }): SyntheticPiiItem[] {
  const locales = split === 'dev' ? DEV_LOCALES : TEST_LOCALES
  const fakers = locales.map((locale) => {
    const f = new Faker({ locale: [allLocales[locale] as LocaleDefinition, en, base] })
    f.setDefaultRefDate('2026-01-01T00:00:00Z') // birthdates and past dates independent of today
    return { locale, f }
  })
  const items: SyntheticPiiItem[] = []
  TEMPLATES.forEach((template, t) => {
    if (isTestTemplate(t) !== (split === 'test')) return
    for (let i = 0; i < perTemplate; i++) {
      const { locale, f } = fakers[(t + i) % fakers.length]!
      f.seed(seed + t * 1000 + i)
      items.push({ id: `${split}-${t}-${i}`, locale, template: t, ...render(template, f, locale) })
    }
  })
  return items
}

function render(template: string, f: Faker, locale: string): { text: string; spans: SyntheticPiiItem['spans'] } {
  let text = ''
  const spans: SyntheticPiiItem['spans'] = []
  let last = 0
  for (const m of template.matchAll(/\{\{(\w+)\}\}/g)) {
    text += template.slice(last, m.index)
    const slot = SLOTS[m[1]!]
    if (!slot) throw new Error(`unknown slot {{${m[1]}}} in template "${template}"`)
    const value = slot(f, locale)
    if (value.type) spans.push({ type: value.type, start: text.length, end: text.length + value.text.length })
    text += value.text
    last = m.index + m[0].length
  }
  text += template.slice(last)
  return { text, spans }
}
