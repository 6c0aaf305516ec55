import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
let names: Readonly<Record<string, number>> | undefined

/**
 * Is `word` (capitalised as written in a name: "Aaliyah"; acute, grave, tilde… accents folded when the
 * word as written is not there: "Lucía") a given name or
 * surname in `humannames` (about 197,000 first and last names across cultures from censuses and
 * social media; MIT)? Loaded on first use. The list also holds some English words ("The", "Can"),
 * so callers combine it with compromise's lexicon: a word compromise knows as something else is
 * not a name on this list's word alone.
 */
export function inNameList(word: string): boolean {
  names ??= require('humannames') as Record<string, number>
  if (word.length < 2) return false
  const cap = word[0]!.toUpperCase() + word.slice(1).toLowerCase()
  if (names[cap] === 1) return true
  // the list is mostly written without accents: "Lucía" is there as "Lucia", "Fernández" as "Fernandez".
  // Not an umlaut or diaeresis: "Gründen" is a German noun, not the surname "Grunden" (and "Müller" is "Mueller")
  const decomposed = NON_ASCII.test(cap) ? cap.normalize('NFD') : cap
  if (decomposed === cap || decomposed.includes('\u0308')) return false
  return names[decomposed.replace(MARKS, '')] === 1
}

const NON_ASCII = /[^\x00-\x7f]/
const MARKS = /\p{M}/gu
/** "Lucía" -> "Lucia", "Müller" -> "Muller": combining marks dropped after canonical decomposition; ASCII returned as is. */
export function foldDiacritics(word: string): string {
  return NON_ASCII.test(word) ? word.normalize('NFD').replace(MARKS, '') : word
}
