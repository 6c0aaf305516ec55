/** Every built-in entity, in a stable order (the one reasons and details list them in). */
export const PII_ENTITIES = [
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'CREDIT_CARD',
  'US_SSN',
  'IBAN_CODE',
  'IP_ADDRESS',
  'URL',
  'CRYPTO',
  'US_BANK_NUMBER',
  'US_PASSPORT',
  'US_DRIVER_LICENSE',
  'DATE_TIME',
  'PERSON',
  'STREET_ADDRESS',
  'LOCATION',
  'ORGANIZATION',
] as const

/**
 * The entity types vouch detects. Names follow Microsoft Presidio's, so users can move between the
 * two. The type is string-extensible: custom recognizers add their own entity names.
 */
export type PiiEntity = (typeof PII_ENTITIES)[number] | (string & {})

/** Entities found by the name detector (compromise's lexicon and tagger); `names: false` turns them off. */
export const NAME_ENTITIES: ReadonlySet<string> = new Set(['PERSON', 'LOCATION', 'ORGANIZATION'])
