/**
 * ~1 MB strings built to trigger catastrophic backtracking or quadratic rescans in a PII detector
 * (long digit runs, `a@a.a.a…`, nested separators, long capitalised runs…). Used by
 * `evaluators/pii/hostile-input.test.ts` (every detector completes, linearly) and
 * `bench/pii.bench.ts` (seconds per MB).
 */
export const MB = 1_000_000
export const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB)
export const HOSTILE: Record<string, string> = {
  digits: fill('1'),
  digitsWithSpaces: fill('1 '),
  digitsWithDashes: fill('12-'),
  nestedSeparators: fill('1 -.(1) '),
  emailDots: `${fill('a.')}@`,
  emailChain: fill('a@a.a.'),
  atSigns: fill('@'),
  localPartNoAt: fill('abc.def+'),
  ipv4ish: fill('1.1.'),
  ipv6ish: fill('a:'),
  colons: fill('::1'),
  urlish: `http://${fill('a.')}`,
  schemes: fill('http://'),
  ibanish: fill('DE89'),
  capitalisedRun: fill('Aaaa '),
  capitalisedNoSpace: fill('A'),
  honorifics: fill('Dr. '),
  base58: fill('1A'),
  bech32: `bc1${fill('q')}`,
  dates: fill('01/01/'),
  monthNames: fill('March 1, '),
  phonePlus: fill('+1 ('),
  cardGroups: fill('4111 1111 1111 1111 '),
  cardMixed: fill('4111.1111-1111  1111 '),
  digitGroups: fill('1234 '),
  fullwidthDigits: fill('４１１１\u200b'),
  spelledEmail: fill('a [at] b [dot] '),
  streets: fill('12 Main Street Apt. 4, '),
  addressBlocks: fill('Rua Augusta 1250, 01304-001 São Paulo\n'),
  streetWords: fill('Hauptstraße 1 '),
  placeCues: fill('in Paris from Berlin '),
  nameCues: fill('Name: Anna Berg\n'),
  speakerLabels: fill('\nMaria: hi'),
  weekdays: fill('Monday Freitag 10:30 '),
  years: fill('since 1999 '),
  // the name recognizer's neighbour checks: an article before, a verb after, a cue before, particles between
  articleBrands: fill('the Summit Alpine '),
  verbAfterName: fill('George said '),
  cuedUnknown: fill('met Okafor '),
  nameStretch: fill('Customer Paula Lira Porras called '),
  particleGaps: fill('Jan van der Berg de la '),
  placeCueWords: fill('throughout the Aaaa '),
  // organisations: joined surnames and legal forms, the connectors the organisation recognizer starts from
  firmLists: fill('Rowe, Glover and '),
  firmDashes: fill('Malik - Marar - '),
  firmForms: fill('Gratzky GmbH & Co. KG '),
  // countries of several words read word by word from their first word
  countryWords: fill('Wallis and Futuna and '),
  houseAfterName: fill('Lainepolku 868 C 9, '),
}
