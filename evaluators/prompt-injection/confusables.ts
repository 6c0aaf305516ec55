/**
 * Look-alike letters attackers swap into Latin words to slip past keyword filters ("іgnоrе" with
 * Cyrillic і and о). A focused subset of Unicode's confusables.txt: Cyrillic, Greek, Armenian and
 * a few Latin-extended letters that render as basic Latin. Fullwidth and mathematical letters are
 * handled by NFKD, so they are not listed.
 */
const PAIRS: [string, string][] = [
  // Cyrillic lower / upper
  ['а', 'a'], ['в', 'b'], ['е', 'e'], ['ё', 'e'], ['к', 'k'], ['м', 'm'], ['н', 'h'], ['о', 'o'], ['р', 'p'], ['с', 'c'],
  ['т', 't'], ['у', 'y'], ['х', 'x'], ['і', 'i'], ['ї', 'i'], ['ј', 'j'], ['ѕ', 's'], ['ԁ', 'd'], ['һ', 'h'], ['ӏ', 'l'],
  ['ԛ', 'q'], ['ԝ', 'w'], ['ɡ', 'g'], ['ո', 'n'], ['ս', 'u'], ['օ', 'o'], ['ց', 'g'], ['զ', 'q'],
  ['А', 'a'], ['В', 'b'], ['Е', 'e'], ['К', 'k'], ['М', 'm'], ['Н', 'h'], ['О', 'o'], ['Р', 'p'], ['С', 'c'], ['Т', 't'],
  ['У', 'y'], ['Х', 'x'], ['І', 'i'], ['Ј', 'j'], ['Ѕ', 's'], ['Ԛ', 'q'], ['Ԝ', 'w'], ['Ү', 'y'],
  // Greek lower / upper
  ['α', 'a'], ['ο', 'o'], ['ρ', 'p'], ['ε', 'e'], ['ι', 'i'], ['κ', 'k'], ['ν', 'v'], ['τ', 't'], ['υ', 'u'], ['χ', 'x'],
  ['Α', 'a'], ['Β', 'b'], ['Ε', 'e'], ['Ζ', 'z'], ['Η', 'h'], ['Ι', 'i'], ['Κ', 'k'], ['Μ', 'm'], ['Ν', 'n'], ['Ο', 'o'],
  ['Ρ', 'p'], ['Τ', 't'], ['Υ', 'y'], ['Χ', 'x'],
  // Latin extended and symbols
  ['ı', 'i'], ['ȷ', 'j'], ['ℓ', 'l'], ['ɑ', 'a'], ['ο', 'o'], ['ǀ', 'l'], ['ꓲ', 'i'], ['ꓳ', 'o'], ['ꓴ', 'u'], ['ꓢ', 's'],
]

export const confusables: ReadonlyMap<string, string> = new Map(PAIRS)
