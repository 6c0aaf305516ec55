import { compromiseModel, type CompromiseModel } from '../compromise-model.js'
import { inNameList } from '../name-list.js'
import type { Recognizer } from './recognizer.js'

/**
 * PERSON, LOCATION and ORGANIZATION from compromise's lexicon and the `humannames` list, without
 * running compromise's tagger (its fixed cost, about 1–2 ms a call, is the whole latency budget of
 * a 2 KB text; on the dev split it added 1 % recall for 3 % of false positives). Two steps:
 *
 * 1. Candidates: runs of capitalised words (with name particles such as `van`, `de`, initials and
 *    honorifics), found by one linear regex. Text without capitals costs one regex scan.
 * 2. Each run is decided from compromise's lexicon (first and last names, honorifics, cities,
 *    countries, regions, organisations, and its organisation/place suffix words such as `Bank`,
 *    `University`, `County`, `Street`), with sentence-initial common words peeled off. A run the
 *    lexicon cannot settle is read from its neighbours: a verb after it ("George said", "Juan
 *    asked"), a person cue before it ("met", "named", "account holder"); without one it is
 *    left alone ("Mark the order…").
 */
const TOKEN = /(?<![\p{L}\p{N}_'’-])\p{Lu}[\p{L}\p{M}'’-]{0,30}(?![\p{L}\p{N}])/gu
const PARTICLES = new Set(['de', 'van', 'von', 'der', 'den', 'da', 'del', 'della', 'di', 'du', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'of', '&'])
const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'ListedName'])
const FIRST_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'Person'])
const PLACE_TAGS = new Set(['City', 'Country', 'Region', 'Place'])
const NOT_NAME_TAGS = new Set(['Month', 'WeekDay', 'Date', 'Demonym', 'Pronoun', 'Determiner', 'Preposition', 'Conjunction', 'Expression', 'Modal', 'Copula', 'QuestionWord'])
const MAX_RUN = 6
/**
 * Capitalised function and courtesy words of the languages support text is often in (German,
 * Dutch, French, Spanish, Italian, Portuguese) that compromise's English lexicon does not know and
 * a broad name list may hold: read as pronouns/expressions, never as names ("Sie", "Ihre", "Vielen Dank").
 */
const FOREIGN_FUNCTION_WORDS = new Set(
  (
    'sie ihr ihre ihrem ihren ihrer ihres ihnen wir uns unser unsere euch du dich dein deine ich mich mein meine er es ' +
    'vielen dank danke bitte gerne gern hallo liebe lieber sehr geehrte geehrter mit freundlichen grüßen grüssen herzliche beste viele ' +
    'u jij je jullie wij onze uw bedankt graag groeten vriendelijke ' +
    'vous nous votre vos notre nos merci bonjour bonsoir cordialement madame monsieur ' +
    'usted ustedes nosotros vuestra vuestro su sus gracias hola saludos atentamente ' +
    'lei voi noi vostro vostra suo sua grazie ciao saluti cordiali ' +
    'você vocês nós obrigado obrigada olá atenciosamente'
  ).split(' '),
)
const PLACE_BEFORE = /\b(?:in|at|from|near|to|of)\s+$/i
/** Words before a lone unknown capitalised word that make it a person: "met Okafor", "named Ifeoma". */
const PERSON_CUE_BEFORE = /\b(?:met|named|called|dear|hi|hello)\s+$/i
/** Verb tags of the word after a name that make the name a person ("George said", "Sarah will"). */
const VERB_TAGS = new Set(['PastTense', 'Modal', 'PresentTense', 'Verb', 'Auxiliary'])
const NEXT_WORD = /^[ ,]{1,2}(\p{Ll}{2,20})(?![\p{L}])/u

interface Token {
  start: number
  end: number
  word: string
  tags: readonly string[]
}

type Decision = { type: 'PERSON' | 'LOCATION' | 'ORGANIZATION'; start: number; end: number; score: number } | undefined

export const nameRecognizer: Recognizer = {
  types: ['PERSON', 'LOCATION', 'ORGANIZATION'],
  detector: 'names',
  find(text, push) {
    const runs = capitalisedRuns(text)
    if (runs.length === 0) return
    const model = compromiseModel()
    for (const run of runs) {
      const tokens = run.map((t) => ({ ...t, tags: tagsOf(model, t.word) }))
      const decision = decide(text, model, tokens)
      if (decision) push({ ...decision, detector: 'names' })
    }
  },
}

/** Runs of capitalised tokens joined by one space, `. ` after an initial or honorific, a hyphen, or a particle. */
function capitalisedRuns(text: string): { start: number; end: number; word: string }[][] {
  const runs: { start: number; end: number; word: string }[][] = []
  let current: { start: number; end: number; word: string }[] = []
  let lastEnd = -1
  for (const m of text.matchAll(TOKEN)) {
    let word = m[0]
    if (/['’]s$/.test(word)) word = word.slice(0, -2)
    word = word.replace(/['’-]+$/, '')
    if (word.length === 0) continue
    const token = { start: m.index, end: m.index + word.length, word }
    const gap = lastEnd >= 0 ? text.slice(lastEnd, token.start) : ''
    const prev = current[current.length - 1]
    const joins =
      prev !== undefined &&
      current.length < MAX_RUN &&
      (gap === ' ' ||
        (gap === '. ' && (prev.word.length === 1 || /^(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sr|Jr|St|Rev|Hon|Capt|Gen|Sgt|Lt)$/.test(prev.word))) ||
        (/^ (?:[a-z&]{1,5} ){1,2}$/.test(gap) && gap.trim().split(' ').every((p) => PARTICLES.has(p))))
    if (joins) current.push(token)
    else {
      if (current.length > 0) runs.push(current)
      current = [token]
    }
    lastEnd = token.end
  }
  if (current.length > 0) runs.push(current)
  return runs
}

/** Per-word tags, memoised (the lexicon and name list never change); cleared when it grows past `TAG_CACHE_MAX` words. */
const tagCache = new Map<string, readonly string[]>()
const TAG_CACHE_MAX = 50_000
const NO_TAGS: readonly string[] = []
function tagsOf(model: CompromiseModel, word: string): readonly string[] {
  let cached = tagCache.get(word)
  if (cached !== undefined) return cached
  const tags = model.lexicon[word.toLowerCase()]
  if (tags === undefined && FOREIGN_FUNCTION_WORDS.has(word.toLowerCase())) cached = FUNCTION_WORD
  else if (tags === undefined) cached = word !== word.toUpperCase() && inNameList(word) ? LISTED : NO_TAGS
  else cached = Array.isArray(tags) ? tags : [tags]
  if (tagCache.size >= TAG_CACHE_MAX) tagCache.clear()
  tagCache.set(word, cached)
  return cached
}
const FUNCTION_WORD: readonly string[] = ['Pronoun']
/** A word compromise does not know but the name list does: a name, not known as first or last. */
const LISTED: readonly string[] = ['ListedName']
const ENGLISH_WORD = /(?:al|ic|ed|ing|ous|ful|less|able|ible|ive|ly|ish|ary|ory|ness|ment|ware|wood|ber|ton)$/i

const has = (tags: readonly string[], set: ReadonlySet<string>) => tags.some((t) => set.has(t))
const isName = (t: Token) => has(t.tags, NAME_TAGS)
const isPlace = (t: Token) => has(t.tags, PLACE_TAGS) && !isName(t)
const isOrg = (t: Token) => t.tags.includes('Organization')
const isHonorific = (t: Token) => t.tags.includes('Honorific')
/** BTC, SKU, API: short all-capital tokens are codes far more often than organisations. */
const isAcronym = (t: Token) => t.word.length <= 4 && t.word === t.word.toUpperCase()
/** A word compromise knows as something other than a name, place or organisation. */
const isCommon = (t: Token) => t.tags.length > 0 && !isName(t) && !isPlace(t) && !isOrg(t) && !isHonorific(t)

function sentenceInitial(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0 && start - i < 8; i--) {
    const ch = text[i]!
    if (ch === ' ' || ch === '"' || ch === '“' || ch === '‘' || ch === "'" || ch === '(' || ch === '*' || ch === '-' || ch === '\t') continue
    return ch === '.' || ch === '!' || ch === '?' || ch === '\n' || ch === ':' || ch === ';' || ch === '>' || ch === '#'
  }
  return true
}

function decide(text: string, model: CompromiseModel, run: Token[]): Decision {
  let tokens = run
  let initial = sentenceInitial(text, tokens[0]!.start)
  // peel sentence-initial common words ("However", "Thanks", "The") and non-name words
  while (tokens.length > 0 && (has(tokens[0]!.tags, NOT_NAME_TAGS) || (initial && isCommon(tokens[0]!)) || PARTICLES.has(tokens[0]!.word.toLowerCase()))) {
    tokens = tokens.slice(1)
    initial = false
  }
  while (tokens.length > 0 && (has(tokens[tokens.length - 1]!.tags, NOT_NAME_TAGS) || PARTICLES.has(tokens[tokens.length - 1]!.word.toLowerCase()))) {
    tokens = tokens.slice(0, -1)
  }
  if (tokens.length === 0) return undefined
  const first = tokens[0]!
  // "Ablauf der Frist": a German/Dutch article joins two nouns; in a name it follows van / von ("van der Berg")
  if (tokens.length > 1 && /(?<!\b(?:van|von))\s(?:der|den)\s/i.test(text.slice(first.start, tokens[tokens.length - 1]!.end))) return undefined
  const last = tokens[tokens.length - 1]!
  const span = (type: 'PERSON' | 'LOCATION' | 'ORGANIZATION', from: Token, score: number) => ({ type, start: from.start, end: last.end, score })
  const phrase = tokens.map((t) => t.word.toLowerCase()).join(' ')
  const phraseTags = model.lexicon[phrase]
  const phraseList = phraseTags === undefined ? [] : Array.isArray(phraseTags) ? phraseTags : [phraseTags]

  if (isHonorific(first) && tokens.length > 1) return span('PERSON', tokens[1]!, 0.9)
  if (isHonorific(first)) return undefined
  const inner = tokens.slice(0, -1).filter((t) => !PARTICLES.has(t.word.toLowerCase()))
  const properHead = inner.some((t) => !isCommon(t)) || inner.length >= 2
  if (tokens.length > 1 && ((model.orgWords.has(last.word.toLowerCase()) && properHead) || phraseList.includes('Organization'))) {
    return span('ORGANIZATION', first, 0.6)
  }
  if (tokens.some((t) => isOrg(t) && !isAcronym(t)) && !tokens.some(isName)) return span('ORGANIZATION', first, 0.6)
  if (has(phraseList, PLACE_TAGS)) return span('LOCATION', first, 0.7)
  if (tokens.length > 1 && model.placeWords.has(last.word.toLowerCase()) && properHead && !has(first.tags, FIRST_TAGS)) {
    return span('LOCATION', first, 0.6)
  }
  if (tokens.length === 1 && isName(first) && has(first.tags, PLACE_TAGS)) {
    // "Austin": a city or a man. After in/at/from/near, or before ", Texas", a place; before a verb, a man.
    if (PLACE_BEFORE.test(text.slice(Math.max(0, first.start - 8), first.start)) || /^, \p{Lu}/u.test(text.slice(first.end, first.end + 3))) {
      return span('LOCATION', first, 0.7)
    }
    return verbFollows(text, model, last.end) ? span('PERSON', first, 0.6) : undefined
  }
  if (tokens.length >= 2 && tokens.length <= 3 && has(first.tags, FIRST_TAGS) && !isCommon(first) && tokens.slice(1).every((t) => !isPlace(t) && !isOrg(t))) {
    return span('PERSON', first, 0.8) // "Michael Brown", "Grace Kim": a first name and a capitalised surname
  }
  // only the broad name list vouches for the run, and a word reads as an English adjective or noun: a product ("Practical Rubber Salad")
  if (tokens.every((t) => t.tags === LISTED || t.tags.length === 0 || PARTICLES.has(t.word.toLowerCase())) && tokens.some((t) => t.tags === LISTED && ENGLISH_WORD.test(t.word))) return undefined
  if (tokens.length > 1 && tokens.some(isName) && (has(first.tags, FIRST_TAGS) || first.tags.length === 0 || isName(first))) {
    // a run vouched for only by the broad name list scores below a cued place ("Lake Tahoe")
    const listedOnly = !tokens.some((t) => t.tags !== LISTED && isName(t))
    if (tokens.every((t) => isName(t) || (t.tags.length === 0 && !isAcronym(t)) || PARTICLES.has(t.word.toLowerCase()) || t.word.length === 1)) return span('PERSON', first, listedOnly ? 0.7 : 0.85)
    return nameCore(text, model, tokens)
  }
  if (tokens.some(isPlace) && !tokens.some(isName)) return span('LOCATION', first, tokens.length === 1 ? 0.7 : 0.6)
  if (tokens.length === 1 && isName(first)) {
    if (!initial) return span('PERSON', first, first.tags === LISTED ? 0.55 : 0.7)
    // "Mark the order as shipped" vs "Sarah called": the next word decides
    return verbFollows(text, model, last.end) ? span('PERSON', first, 0.6) : undefined
  }
  // a lone unknown capitalised word is a person only after a cue ("met Okafor"); places after "in" are the place recognizer's
  if (tokens.length === 1 && first.tags.length === 0 && !initial && PERSON_CUE_BEFORE.test(text.slice(Math.max(0, first.start - 8), first.start))) {
    return span('PERSON', first, 0.6)
  }
  return undefined
}

/** Is the word after `end` a verb ("George said", "Juan asked", "Sarah will")? Lexicon tags, or an unknown word in -ed; or "from" and a name. */
function verbFollows(text: string, model: CompromiseModel, end: number): boolean {
  const after = text.slice(end, end + 24)
  if (/^ from \p{Lu}/u.test(after)) return true // "Barbara from Acme Bank"
  const m = NEXT_WORD.exec(after)
  if (!m || text[end] === ',') return false
  const tags = model.lexicon[m[1]!]
  if (tags === undefined) return /ed$/.test(m[1]!)
  const list = Array.isArray(tags) ? tags : [tags]
  return list.some((t) => VERB_TAGS.has(t)) && !list.includes('Copula')
}

/**
 * The longest stretch of two or more name-like words inside a run the lexicon reads otherwise
 * ("Customer Ángel Lira Porras" less "Customer"), when one of them is a first name and a verb follows
 * or the stretch ends the run. Otherwise nothing: product names ("Rustic Aluminum Tuna") stay out.
 */
function nameCore(text: string, model: CompromiseModel, tokens: Token[]): Decision {
  const nameLike = (t: Token) => isName(t) || (t.tags.length === 0 && !isAcronym(t)) || (t.word.length > 2 && !has(t.tags, NOT_NAME_TAGS) && inNameList(t.word))
  let best: [number, number] | undefined
  for (let i = 0; i < tokens.length; ) {
    let j = i
    while (j < tokens.length && nameLike(tokens[j]!)) j++
    if (j - i >= 2 && (!best || j - i > best[1] - best[0])) best = [i, j]
    i = Math.max(j, i + 1)
  }
  if (!best) return undefined
  const core = tokens.slice(best[0], best[1])
  if (core.some((t) => t.tags === LISTED && ENGLISH_WORD.test(t.word))) return undefined
  const end = core[core.length - 1]!.end
  const verb = verbFollows(text, model, end)
  if (!verb && (best[1] !== tokens.length || !core.some((t) => has(t.tags, FIRST_TAGS)))) return undefined
  return { type: 'PERSON', start: core[0]!.start, end, score: 0.6 }
}
