import type { Faker } from '@faker-js/faker'

/**
 * What one `{{slot}}` of a template renders to, and the label it gets. `type: undefined` renders
 * unlabeled text: the hard negatives (product names, order numbers, versions, prices…).
 * Every value comes from faker's locale data (written by other people), never from this project.
 */
export type Slot = (f: Faker, locale: string) => { text: string; type?: string }

const pick = <T>(f: Faker, xs: readonly T[]): T => xs[f.number.int({ min: 0, max: xs.length - 1 })]!

/** Address line orders by country: house number after the street in most of Europe and Latin America. */
const NUMBER_AFTER = /^(de|de_AT|de_CH|nl|nl_BE|pl|sv|nb_NO|da|fi|cs_CZ|hu|tr|es|es_MX|it|pt_BR|pt_PT|fr_BE)$/
const POSTCODE_FIRST = /^(de|de_AT|de_CH|nl|nl_BE|pl|sv|nb_NO|da|fi|cs_CZ|hu|tr|es|es_MX|it|pt_BR|pt_PT|fr|fr_BE|fr_CH)$/
const US_LIKE = /^(en_US|en_CA|en_AU)$/

function cityLine(f: Faker, locale: string): string {
  const city = f.location.city()
  const zip = f.location.zipCode()
  if (US_LIKE.test(locale)) {
    const state = f.location.state({ abbreviated: true })
    const upper = f.datatype.boolean(0.15)
    return `${upper ? city.toUpperCase() : city}, ${state} ${zip}`
  }
  if (POSTCODE_FIRST.test(locale)) return `${zip} ${f.datatype.boolean(0.15) ? city.toUpperCase() : city}`
  return `${city} ${zip}`
}

function street(f: Faker): string {
  return f.location.streetAddress(f.datatype.boolean(0.35))
}

function personName(f: Faker): string {
  const first = f.person.firstName()
  const last = f.person.lastName()
  const r = f.number.float()
  if (r < 0.1) return `${first} ${f.person.middleName()} ${last}`
  return `${first} ${last}`
}

const DATE_FORMATS: ((d: Date, f: Faker) => string)[] = [
  (d) => d.toISOString().slice(0, 10),
  (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  (d) => `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)}`,
  (d) => `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}`,
  (d) => `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`,
  (d) => d.toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' }),
  (d) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  (d) => d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }),
  (d) => d.toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }),
  (d) => d.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' }),
  (d) => d.toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  (d) => d.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }),
  (d) => `${d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })} at ${d.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' })}`,
]
const pad = (n: number) => String(n).padStart(2, '0')

const PHONE_LABELS = ['Phone', 'Mobile', 'Tel', 'Desk', 'Fax', 'Cell']

export const SLOTS: Record<string, Slot> = {
  // ---- people
  person: (f) => ({ text: personName(f), type: 'PERSON' }),
  first_name: (f) => ({ text: f.person.firstName(), type: 'PERSON' }),
  last_name: (f) => ({ text: f.person.lastName(), type: 'PERSON' }),
  lower_name: (f) => ({ text: personName(f).toLowerCase(), type: 'PERSON' }),
  // ---- contact details
  email: (f) => ({ text: f.internet.email().toLowerCase(), type: 'EMAIL_ADDRESS' }),
  phone: (f) => ({ text: f.phone.number(), type: 'PHONE_NUMBER' }),
  intl_phone: (f) => ({ text: f.phone.number({ style: 'international' }), type: 'PHONE_NUMBER' }),
  phone_label: (f) => ({ text: pick(f, PHONE_LABELS) }),
  url: (f) => ({ text: f.internet.url(), type: 'URL' }),
  ip: (f) => ({ text: f.datatype.boolean(0.8) ? f.internet.ipv4() : f.internet.ipv6(), type: 'IP_ADDRESS' }),
  // ---- places
  street_address: (f) => ({ text: street(f), type: 'STREET_ADDRESS' }),
  address_line: (f, l) => ({ text: `${street(f)}, ${cityLine(f, l)}`, type: 'STREET_ADDRESS' }),
  address_block: (f, l) => ({ text: `${street(f)}\n${cityLine(f, l)}`, type: 'STREET_ADDRESS' }),
  address_block_country: (f, l) => ({ text: `${street(f)}\n${cityLine(f, l)}\n${f.location.country()}`, type: 'STREET_ADDRESS' }),
  city: (f) => ({ text: f.location.city(), type: 'LOCATION' }),
  country: (f) => ({ text: f.location.country(), type: 'LOCATION' }),
  state: (f) => ({ text: f.location.state(), type: 'LOCATION' }),
  // ---- organisations
  company: (f) => ({ text: f.company.name(), type: 'ORGANIZATION' }),
  // ---- dates
  date: (f) => ({ text: pick(f, DATE_FORMATS)(f.date.between({ from: '1990-01-01', to: '2027-12-31' }), f), type: 'DATE_TIME' }),
  birth_date: (f) => ({ text: pick(f, DATE_FORMATS.slice(0, 8))(f.date.birthdate(), f), type: 'DATE_TIME' }),
  year: (f) => ({ text: String(f.number.int({ min: 1950, max: 2024 })), type: 'DATE_TIME' }),
  weekday: (f) => ({ text: f.date.weekday(), type: 'DATE_TIME' }),
  // ---- identifiers and financial numbers
  card: (f) => ({ text: f.finance.creditCardNumber(), type: 'CREDIT_CARD' }),
  iban: (f) => ({ text: f.finance.iban({ formatted: f.datatype.boolean() }), type: 'IBAN_CODE' }),
  ssn: (f) => ({ text: f.helpers.replaceSymbols(`${f.number.int({ min: 101, max: 665 })}-##-####`).replace(/-00-/, '-01-').replace(/0000$/, '0101'), type: 'US_SSN' }),
  // ---- hard negatives: rendered, never labeled
  product: (f) => ({ text: f.commerce.productName() }),
  product_brand: (f) => ({ text: `${f.commerce.productAdjective()} ${f.commerce.product()}` }),
  order_no: (f) => ({ text: f.string.numeric(f.number.int({ min: 6, max: 12 })) }),
  ticket: (f) => ({ text: `${f.string.alpha({ length: 3, casing: 'upper' })}-${f.string.numeric(5)}` }),
  amount: (f) => ({ text: f.finance.amount({ min: 5, max: 5000, dec: 2 }) }),
  qty: (f) => ({ text: String(f.number.int({ min: 2, max: 500 })) }),
  version: (f) => ({ text: f.system.semver() }),
  sku: (f) => ({ text: f.string.alphanumeric({ length: 8, casing: 'upper' }) }),
  department: (f) => ({ text: f.commerce.department() }),
  job: (f) => ({ text: f.person.jobTitle() }),
  percent: (f) => ({ text: `${f.number.int({ min: 1, max: 99 })}%` }),
  file: (f) => ({ text: f.system.fileName() }),
}
