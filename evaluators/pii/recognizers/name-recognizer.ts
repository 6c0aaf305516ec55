import { compromiseModel, type CompromiseModel } from '../compromise-model.js'
import { foldDiacritics, inNameList } from '../name-list.js'
import type { Recognizer } from './recognizer.js'
import { trimWord } from './trim-word.js'

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
  /** `F_*` bits: what the lexicon and name list say about the word (memoised per word). */
  f: number
}

type Decision = { type: 'PERSON' | 'LOCATION' | 'ORGANIZATION'; start: number; end: number; score: number } | undefined

export const nameRecognizer: Recognizer = {
  types: ['PERSON', 'LOCATION', 'ORGANIZATION'],
  detector: 'names',
  find(text, push) {
    if (!/\p{Lu}/u.test(text)) return
    const model = compromiseModel()
    const run: Token[] = []
    const flush = () => {
      if (run.length === 0) return
      const decision = decide(text, model, run)
      if (decision) push({ type: decision.type, start: decision.start, end: decision.end, score: decision.score, detector: 'names' })
      run.length = 0
    }
    let lastEnd = -1
    TOKEN.lastIndex = 0
    for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
      const word = trimWord(m[0])
      if (word.length === 0) continue
      const start = m.index
      const prev = run[run.length - 1]
      if (prev === undefined || run.length >= MAX_RUN || !joins(text, lastEnd, start, prev.word)) flush()
      const info = infoOf(model, word)
      run.push({ start, end: start + word.length, word, tags: info.tags, f: info.f })
      lastEnd = start + word.length
    }
    flush()
  },
}

const HONORIFIC_ABBR = /^(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sr|Jr|St|Rev|Hon|Capt|Gen|Sgt|Lt)$/
const PARTICLE_GAP = /^ (?:[a-z&]{1,5} ){1,2}$/
/** Does the token at `start` continue the run ending at `lastEnd`? One space, `. ` after an initial or honorific, or a particle. */
function joins(text: string, lastEnd: number, start: number, prevWord: string): boolean {
  const gap = start - lastEnd
  if (gap === 1) return text.charCodeAt(lastEnd) === 32
  if (gap === 2) return text.charCodeAt(lastEnd) === 46 && text.charCodeAt(lastEnd + 1) === 32 && (prevWord.length === 1 || HONORIFIC_ABBR.test(prevWord))
  if (gap < 3 || gap > 13 || text.charCodeAt(lastEnd) !== 32) return false
  const between = text.slice(lastEnd, start)
  return PARTICLE_GAP.test(between) && between.trim().split(' ').every((p) => PARTICLES.has(p))
}

const F_NAME = 1
const F_FIRST = 2
const F_PLACE = 4 // a place tag, and not a name
const F_ORG = 8
const F_HONORIFIC = 16
const F_NOT_NAME = 32
const F_PARTICLE = 64
const F_LISTED = 128
const F_UNKNOWN = 256
const F_ACRONYM = 512
const F_COMMON = 1024
const F_PLACE_TAG = 2048
const F_ROLE = 4096
const F_DIRECTION = 8192

interface WordInfo {
  tags: readonly string[]
  f: number
  /** The lexicon's own entry for the lower-cased word (what a one-word phrase lookup returns). */
  lex: readonly string[]
}

/** Per-word tags and flags, memoised (the lexicon and name list never change); cleared when it grows past `TAG_CACHE_MAX` words. */
const infoCache = new Map<string, WordInfo>()
const TAG_CACHE_MAX = 50_000
const NO_TAGS: readonly string[] = []
function infoOf(model: CompromiseModel, word: string): WordInfo {
  const cached = infoCache.get(word)
  if (cached !== undefined) return cached
  const lower = word.toLowerCase()
  let raw = model.lexicon[lower]
  if (raw === undefined) {
    // "Lucía", "Fernández": compromise's lexicon knows the names without accents; take only name tags from the folded word
    const folded = model.lexicon[foldDiacritics(lower)]
    if (folded !== undefined && (Array.isArray(folded) ? folded : [folded]).every((t) => NAME_TAGS.has(t))) raw = folded
  }
  const lex = raw === undefined ? NO_TAGS : Array.isArray(raw) ? raw : [raw]
  let tags: readonly string[]
  if (raw === undefined && FOREIGN_FUNCTION_WORDS.has(lower)) tags = FUNCTION_WORD
  else if (raw === undefined) tags = word !== word.toUpperCase() && inNameList(word) ? LISTED : NO_TAGS
  else tags = lex
  let f = 0
  if (has(tags, NAME_TAGS)) f |= F_NAME
  if (has(tags, FIRST_TAGS)) f |= F_FIRST
  if (has(tags, PLACE_TAGS)) f |= F_PLACE_TAG
  if (has(tags, PLACE_TAGS) && !(f & F_NAME)) f |= F_PLACE
  if (tags.includes('Organization')) f |= F_ORG
  if (tags.includes('Honorific')) f |= F_HONORIFIC
  if (has(tags, NOT_NAME_TAGS)) f |= F_NOT_NAME
  if (PARTICLES.has(lower)) f |= F_PARTICLE
  if (tags === LISTED) f |= F_LISTED
  if (tags.length === 0) f |= F_UNKNOWN
  if (word.length <= 4 && word === word.toUpperCase()) f |= F_ACRONYM
  if (tags.length > 0 && !(f & (F_NAME | F_PLACE | F_ORG | F_HONORIFIC))) f |= F_COMMON
  if (ROLE_WORDS.has(lower)) f |= F_ROLE
  if (DIRECTION_WORDS.has(lower)) f |= F_DIRECTION
  const info = { tags, f, lex }
  if (infoCache.size >= TAG_CACHE_MAX) infoCache.clear()
  infoCache.set(word, info)
  return info
}
const FUNCTION_WORD: readonly string[] = ['Pronoun']
/** Role nouns written before a name in forms, notes and tickets ("Applicant Davi Saraiva", "Patient Ana Ruiz"): peeled from a run's start. */
const ROLE_WORDS = new Set(
  (
    'applicant customer client patient user member employee candidate caller agent contact lead tenant guest passenger student buyer seller ' +
    'owner holder cardholder driver beneficiary recipient sender subscriber manager director officer author reviewer requester assignee ' +
    'reporter witness resident visitor vendor supplier consultant contractor intern account representative rep technician engineer ' +
    'kunde kundin bewerber bewerberin client cliente paciente solicitante klant aanvrager kund sökande asiakas hakija klient wnioskodawca müşteri'
  ).split(' '),
)
/** Compass and town-prefix words that make a run a place ("Moreira do Norte", "Süd Greta", "Neu Carmen"), never a person. */
const DIRECTION_WORDS = new Set(
  'norte sul sur este oeste nord süd sued ost west north south east nordre søndre vester øster norra södra östra västra pohjois etelä itä länsi neu alt bad sankt'.split(' '),
)
/** A word compromise does not know but the name list does: a name, not known as first or last. */
const LISTED: readonly string[] = ['ListedName']
const ENGLISH_WORD = /(?:al|ic|ed|ing|ous|ful|less|able|ible|ive|ly|ish|ary|ory|ness|ment|ware|wood|ber|ton)$/i

const has = (tags: readonly string[], set: ReadonlySet<string>) => tags.some((t) => set.has(t))
const isName = (t: Token) => (t.f & F_NAME) !== 0
const isPlace = (t: Token) => (t.f & F_PLACE) !== 0
const isOrg = (t: Token) => (t.f & F_ORG) !== 0
const isHonorific = (t: Token) => (t.f & F_HONORIFIC) !== 0
/** BTC, SKU, API: short all-capital tokens are codes far more often than organisations. */
const isAcronym = (t: Token) => (t.f & F_ACRONYM) !== 0
/** A word compromise knows as something other than a name, place or organisation. */
const isCommon = (t: Token) => (t.f & F_COMMON) !== 0
const isParticle = (t: Token) => (t.f & F_PARTICLE) !== 0
const isFirst = (t: Token) => (t.f & F_FIRST) !== 0
const isListed = (t: Token) => (t.f & F_LISTED) !== 0
const isUnknown = (t: Token) => (t.f & F_UNKNOWN) !== 0

function sentenceInitial(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0 && start - i < 8; i--) {
    const ch = text[i]!
    if (ch === ' ' || ch === '"' || ch === '“' || ch === '‘' || ch === "'" || ch === '(' || ch === '*' || ch === '-' || ch === '\t') continue
    return ch === '.' || ch === '!' || ch === '?' || ch === '\n' || ch === ':' || ch === ';' || ch === '>' || ch === '#'
  }
  return true
}

function decide(text: string, model: CompromiseModel, run: readonly Token[]): Decision {
  let from = 0
  let to = run.length
  let initial = sentenceInitial(text, run[0]!.start)
  // peel sentence-initial common words ("However", "Thanks", "The") and non-name words
  while (from < to && (run[from]!.f & (F_NOT_NAME | F_ROLE) || (initial && isCommon(run[from]!)) || isParticle(run[from]!))) {
    from++
    initial = false
  }
  while (from < to && (run[to - 1]!.f & F_NOT_NAME || isParticle(run[to - 1]!))) to--
  if (from === to) return undefined
  const tokens = from === 0 && to === run.length ? run : run.slice(from, to)
  if (tokens.some((t) => t.f & F_DIRECTION)) return undefined // a place ("Süd Greta", "… do Norte"): the place recognizer's
  const first = tokens[0]!
  // "Ablauf der Frist": a German/Dutch article joins two nouns; in a name it follows van / von ("van der Berg")
  if (tokens.length > 1 && /(?<!\b(?:van|von))\s(?:der|den)\s/i.test(text.slice(first.start, tokens[tokens.length - 1]!.end))) return undefined
  const last = tokens[tokens.length - 1]!
  const span = (type: 'PERSON' | 'LOCATION' | 'ORGANIZATION', from: Token, score: number) => ({ type, start: from.start, end: last.end, score })
  let phraseList = infoOf(model, first.word).lex
  if (tokens.length > 1) {
    const phraseTags = model.lexicon[tokens.map((t) => t.word.toLowerCase()).join(' ')]
    phraseList = phraseTags === undefined ? NO_TAGS : Array.isArray(phraseTags) ? phraseTags : [phraseTags]
  }

  if (isHonorific(first) && tokens.length > 1) return span('PERSON', tokens[1]!, 0.9)
  if (isHonorific(first)) return undefined
  const inner = tokens.slice(0, -1).filter((t) => !isParticle(t))
  const properHead = inner.some((t) => !isCommon(t)) || inner.length >= 2
  if (tokens.length > 1 && ((model.orgWords.has(last.word.toLowerCase()) && properHead) || phraseList.includes('Organization'))) {
    return span('ORGANIZATION', first, 0.6)
  }
  if (tokens.some((t) => isOrg(t) && !isAcronym(t)) && !tokens.some(isName)) return span('ORGANIZATION', first, 0.6)
  if (has(phraseList, PLACE_TAGS)) return span('LOCATION', first, 0.7)
  if (tokens.length > 1 && model.placeWords.has(last.word.toLowerCase()) && properHead && !isFirst(first)) {
    return span('LOCATION', first, 0.6)
  }
  if (tokens.length === 1 && isName(first) && first.f & F_PLACE_TAG) {
    // "Austin": a city or a man. After in/at/from/near, or before ", Texas", a place; before a verb, a man.
    if (PLACE_BEFORE.test(text.slice(Math.max(0, first.start - 8), first.start)) || /^, \p{Lu}/u.test(text.slice(first.end, first.end + 3))) {
      return span('LOCATION', first, 0.7)
    }
    return verbFollows(text, model, last.end) ? span('PERSON', first, 0.6) : undefined
  }
  if (tokens.length >= 2 && tokens.length <= 3 && isFirst(first) && !isCommon(first) && tokens.slice(1).every((t) => !isPlace(t) && !isOrg(t))) {
    return span('PERSON', first, 0.8) // "Michael Brown", "Grace Kim": a first name and a capitalised surname
  }
  // only the broad name list vouches for the run, and a word reads as an English adjective or noun: a product ("Practical Rubber Salad")
  if (tokens.every((t) => isListed(t) || isUnknown(t) || isParticle(t)) && tokens.some((t) => isListed(t) && ENGLISH_WORD.test(t.word))) return undefined
  if (tokens.length > 1 && tokens.some(isName) && (isFirst(first) || isUnknown(first) || isName(first))) {
    // a run vouched for only by the broad name list scores below a cued place ("Lake Tahoe")
    const listedOnly = !tokens.some((t) => !isListed(t) && isName(t))
    if (listedOnly && afterDeterminer(text, run, from)) return undefined // "the Summit Alpine": a product or brand
    // "heb de Elegante Houten Stoel": Dutch "de"/"het" after a lower-case word is an article, not the particle of "Jan de Vries"
    if (listedOnly && from === 0 && DUTCH_ARTICLE_BEFORE.test(text.slice(Math.max(0, first.start - 24), first.start))) return undefined
    // "Mesa Pequeño de Plástico", "Souris Rustique en Caoutchouc": more words no list knows than names, or an unknown word after a particle, is a product
    if (listedOnly && (tokens.filter(isUnknown).length > tokens.filter(isListed).length || tokens.some((t, i) => i > 0 && isParticle(tokens[i - 1]!) && isUnknown(t)))) return undefined
    if (tokens.every((t) => isName(t) || (isUnknown(t) && !isAcronym(t)) || isParticle(t) || t.word.length === 1)) return span('PERSON', first, listedOnly ? 0.7 : 0.85)
    return nameCore(text, model, tokens)
  }
  if (tokens.some(isPlace) && !tokens.some(isName)) return span('LOCATION', first, tokens.length === 1 ? 0.7 : 0.6)
  if (tokens.length === 1 && isName(first)) {
    if (isListed(first) && afterDeterminer(text, run, from)) return undefined // "The Summit is a tent"
    if (!initial) return span('PERSON', first, isListed(first) ? 0.55 : 0.7)
    // "Mark the order as shipped" vs "Sarah called": the next word decides
    return verbFollows(text, model, last.end) ? span('PERSON', first, 0.6) : undefined
  }
  // a lone unknown capitalised word is a person only after a cue ("met Okafor"); places after "in" are the place recognizer's
  if (tokens.length === 1 && isUnknown(first) && !initial && PERSON_CUE_BEFORE.test(text.slice(Math.max(0, first.start - 8), first.start))) {
    return span('PERSON', first, 0.6)
  }
  return undefined
}

/** Articles and possessives in English and the languages of the function-word list; not name particles (de, da, der, la) nor "a" (Spanish "llamar a Lucía"). */
const DETERMINER_BEFORE =
  /(?<![\p{L}])(?:the|an|our|your|their|its|this|that|these|those|le|les|un|une|votre|notre|el|los|las|su|sus|il|lo|gli|os|um|uma|seu|sua|die|das|dem|ein|eine|einen|einem|ihre|unsere|het|een|uw|onze)\s+$/iu
const DUTCH_ARTICLE_BEFORE = /(?<![\p{L}])\p{Ll}{2,20} (?:de|het) $/u
/**
 * Does a determiner come right before the run's kept words — a peeled "The" in the run or "the " in
 * the text? A person's name rarely follows one; a product, brand or place often does.
 */
function afterDeterminer(text: string, run: readonly Token[], from: number): boolean {
  if (from > 0) return run[from - 1]!.tags.includes('Determiner')
  const start = run[0]!.start
  return DETERMINER_BEFORE.test(text.slice(Math.max(0, start - 9), start))
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
function nameCore(text: string, model: CompromiseModel, tokens: readonly Token[]): Decision {
  const nameLike = (t: Token) => isName(t) || (isUnknown(t) && !isAcronym(t)) || (t.word.length > 2 && !(t.f & F_NOT_NAME) && inNameList(t.word))
  let best: [number, number] | undefined
  for (let i = 0; i < tokens.length; ) {
    let j = i
    while (j < tokens.length && nameLike(tokens[j]!)) j++
    if (j - i >= 2 && (!best || j - i > best[1] - best[0])) best = [i, j]
    i = Math.max(j, i + 1)
  }
  if (!best) return undefined
  const core = tokens.slice(best[0], best[1])
  if (core.some((t) => isListed(t) && ENGLISH_WORD.test(t.word))) return undefined
  const end = core[core.length - 1]!.end
  const verb = verbFollows(text, model, end)
  if (!verb && (best[1] !== tokens.length || !core.some(isFirst))) return undefined
  return { type: 'PERSON', start: core[0]!.start, end, score: 0.6 }
}
