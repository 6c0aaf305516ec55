import { lexiconTags } from '../compromise-model.js'
import { inNameList } from '../name-list.js'
import { matchesOf } from './matches-of.js'
import type { Recognizer } from './recognizer.js'
import { trimWord } from './trim-word.js'

/**
 * Cues after which a name follows: self-introductions (also "me llamo", "ich heiße", "je m'appelle"…), greetings and sign-offs, form labels, JSON
 * keys, and speaker labels at the start of a line in a transcript ("Maria: I need…"). Bounded
 * alternatives: linear.
 */
const STRONG =
  /\b(?:my name is|my name's|name is|i am|i'm|this is|it is|it's|call me|signed|yours truly|sincerely|regards|dear|hi|hello|hey|thanks|thank you|me llamo|mi nombre es|ich heiße|ich heisse|mein name ist|je m'appelle|mon nom est|mi chiamo|il mio nome è|me chamo|meu nome é|mijn naam is|ik heet|jeg heter|jag heter|mitt namn är|nazywam się|jmenuji se|benim adım|a nevem)[,:]? {1,3}/gi
const LABEL = /(?:^|\n)[ \t]*(?:full name|name|first name|last name|surname|given name|customer|client|applicant|card ?holder|account holder|holder|contact|lead|user|payer|payee|beneficiary|employee|patient|caller|guest|passenger|recipient|sender|owner)[ \t]*[:=][ \t]*|"(?:name|full_?name|fullName|first_?name|firstName|last_?name|lastName|customer|contact|user|payer|payee|owner|author|holder|recipient)"[ \t]*:[ \t]*"/gi
const SPEAKER = /(?:^|\n|\] )[ \t]*(\p{Lu}[\p{L}\p{M}'’-]{1,24}(?: \p{Lu}[\p{L}\p{M}'’-]{1,24}){0,2}):[ \t]/gu
const NAME_TOKEN = /(?:\p{Lu}[\p{L}\p{M}'’-]{0,30}|\p{Ll}[\p{L}\p{M}'’-]{1,30})/uy
const PARTICLES = new Set(['de', 'van', 'von', 'der', 'den', 'da', 'del', 'della', 'di', 'du', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'dos', 'das', 'do', 'y', 'ten', 'ter', 'zu'])
/** Speaker labels that are roles, not names. */
const ROLES = new Set(['agent', 'customer', 'caller', 'user', 'assistant', 'system', 'bot', 'operator', 'support', 'note', 'notes', 'subject', 'from', 'to', 'cc', 'bcc', 'date', 'time', 'name', 'phone', 'email', 'address', 're', 'q', 'a', 'question', 'answer', 'summary', 'status', 'error', 'warning', 'info', 'debug', 'lead', 'contact', 'nationality', 'residence', 'employer', 'iban', 'ssn', 'tel', 'mobile', 'fax', 'desk', 'interviewer', 'host', 'moderator', 'speaker', 'client', 'patient', 'doctor', 'nurse', 'manager', 'admin', 'human', 'ai', 'model', 'input', 'output', 'result', 'total', 'price', 'update', 'reminder', 'tip', 'step', 'example'])

/**
 * A single given name or a full name after a cue ("My name is …", "Name:", "Dear …", a
 * transcript's speaker label), also in lower case after a self-introduction ("this is maria
 * lopez"). Tokens are taken while they look like a name: capitalised and not a common word, or
 * on the name list; particles (van, de, da…) join. Score 0.85 (speaker labels 0.8).
 */
export const personCueRecognizer: Recognizer = {
  types: ['PERSON'],
  detector: 'names',
  find(text, push) {
    const common = (word: string) => memo(commonCache, word, isCommonWord)
    const isCommonWord = (word: string) => {
      const tags = lexiconTags(word)
      return tags.length > 0 && !tags.some((t) => t === 'FirstName' || t === 'LastName' || t === 'MaleName' || t === 'FemaleName' || t === 'Person' || t === 'Honorific')
    }
    const isKnownName = (word: string) => lexiconTags(word).some((t) => t === 'FirstName' || t === 'LastName' || t === 'MaleName' || t === 'FemaleName')
    const take = (from: number, allowLower: boolean): { start: number; end: number } | undefined => {
      let pos = from
      let start = -1
      let end = -1
      let count = 0
      let lowerAll = true
      while (count < 4) {
        NAME_TOKEN.lastIndex = pos
        const m = NAME_TOKEN.exec(text)
        if (!m) break
        const word = trimWord(m[0])
        const lower = /^\p{Ll}/u.test(word)
        if (PARTICLES.has(word.toLowerCase()) && start >= 0) {
          pos += m[0].length
          if (text[pos] !== ' ') break
          pos++
          continue
        }
        if (lower && !(allowLower && listed(word) && !common(word))) break
        if (!lower && common(word) && !listed(word)) break
        if (!lower && common(word) && count === 0 && !allowLower) break
        if (start < 0) start = pos
        end = pos + word.length
        lowerAll &&= lower
        count++
        pos = end
        if (text[pos] !== ' ' || !/[\p{L}]/u.test(text[pos + 1] ?? '')) break
        pos++
      }
      if (start < 0) return undefined
      return { start, end }
    }
    for (const m of matchesOf(STRONG, text)) {
      const found = take(m.index + m[0].length, /^(?:my name|name is|i am|i'm|this is|it is|it's|call me)/i.test(m[0]))
      if (found) push({ type: 'PERSON', ...found, score: 0.85, detector: 'names' })
    }
    for (const m of matchesOf(LABEL, text)) {
      const found = take(m.index + m[0].length, true)
      if (found) push({ type: 'PERSON', ...found, score: 0.85, detector: 'names' })
    }
    for (const m of matchesOf(SPEAKER, text)) {
      const label = m[1]!
      if (ROLES.has(label.toLowerCase()) || label.split(' ').some((w) => w === w.toUpperCase() || !inNameList(w) || (common(w) && !isKnownName(w)))) continue
      const start = m.index + m[0].indexOf(label)
      push({ type: 'PERSON', start, end: start + label.length, score: 0.8, detector: 'names' })
    }
  },
}

/** Per-word answers of the lexicon and name list, memoised (they never change); cleared past `MEMO_MAX` words. */
const commonCache = new Map<string, boolean>()
const listedCache = new Map<string, boolean>()
const MEMO_MAX = 20_000
function memo(cache: Map<string, boolean>, word: string, compute: (word: string) => boolean): boolean {
  let v = cache.get(word)
  if (v === undefined) {
    v = compute(word)
    if (cache.size >= MEMO_MAX) cache.clear()
    cache.set(word, v)
  }
  return v
}
const listed = (word: string) => memo(listedCache, word, inNameList)
