import { compromiseModel, type CompromiseModel } from '../compromise-model.js'
import { inNameList } from '../name-list.js'
import type { PiiCandidate, Recognizer } from './recognizer.js'

/**
 * PERSON, LOCATION and ORGANIZATION, through compromise — without running compromise over the
 * whole text (0.1–0.2 MB/s, 10–20 ms per 2 KB answer). Three steps:
 *
 * 1. Candidates: runs of capitalised words (with name particles such as `van`, `de`, initials and
 *    honorifics), found by one linear regex. Text without capitals costs one regex scan.
 * 2. Most runs are decided from compromise's own lexicon (first and last names, honorifics,
 *    cities, countries, regions, organisations, and its organisation/place suffix words such as
 *    `Bank`, `University`, `County`, `Street`), with sentence-initial common words peeled off.
 * 3. Runs the lexicon cannot settle (unknown capitalised words in mid-sentence, a lone first name
 *    that opens a sentence — "Mark the order…") are cut into small windows with a few words of
 *    context and handed to compromise's full tagger in ONE call; its people, places and
 *    organisations that overlap a candidate are kept.
 *
 * Recall is at least that of whole-text compromise on the labeled set (the bench measures both),
 * because compromise still sees every run it would have tagged from context.
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
const CUE_BEFORE = /\b(?:in|at|from|near|named|called|dear|hi|hello|met)\s+$/i
const PLACE_BEFORE = /\b(?:in|at|from|near|to|of)\s+$/i
/** compromise slows down on long documents: undecided windows go to it in batches of about this many characters. */
const BATCH = 1500
/** compromise sees at most this many characters per text, plus this share of the text's length. */
const COMPROMISE_BUDGET_BASE = 1024
const COMPROMISE_BUDGET_SHARE = 0.005
const WINDOW_BEFORE = 20
const WINDOW_AFTER = 14

interface Token {
  start: number
  end: number
  word: string
  tags: readonly string[]
}

type Decision = { type: 'PERSON' | 'LOCATION' | 'ORGANIZATION'; start: number; end: number; score: number } | 'ask' | undefined

export const nameRecognizer: Recognizer = {
  types: ['PERSON', 'LOCATION', 'ORGANIZATION'],
  detector: 'names',
  find(text, push) {
    const runs = capitalisedRuns(text)
    if (runs.length === 0) return
    const model = compromiseModel()
    const ask: Token[][] = []
    for (const run of runs) {
      const tokens = run.map((t) => ({ ...t, tags: tagsOf(model, t.word) }))
      const decision = decide(text, model, tokens)
      if (decision === 'ask') ask.push(tokens)
      else if (decision) push({ ...decision, detector: 'names' })
    }
    if (ask.length === 0) return
    // Bound compromise's share of the work, so a hostile text (a megabyte of "Aaaa Aaaa …") cannot
    // turn a millisecond check into seconds: beyond the budget, undecided runs get the lexicon's answer.
    let budget = COMPROMISE_BUDGET_BASE + text.length * COMPROMISE_BUDGET_SHARE
    const asked: Token[][] = []
    for (const run of ask) {
      const cost = run[run.length - 1]!.end - run[0]!.start + WINDOW_BEFORE + WINDOW_AFTER
      if (budget >= cost) {
        asked.push(run)
        budget -= cost
      } else if (has(run[0]!.tags, FIRST_TAGS)) {
        push({ type: 'PERSON', start: run[0]!.start, end: run[run.length - 1]!.end, score: 0.6, detector: 'names' })
      }
    }
    askCompromise(text, model, asked, push)
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
    // "Austin": a city or a man. After in/at/from/near, or before ", Texas", a place; otherwise ask.
    if (PLACE_BEFORE.test(text.slice(Math.max(0, first.start - 8), first.start)) || /^, \p{Lu}/u.test(text.slice(first.end, first.end + 3))) {
      return span('LOCATION', first, 0.7)
    }
    return 'ask'
  }
  if (tokens.length >= 2 && tokens.length <= 3 && has(first.tags, FIRST_TAGS) && !isCommon(first) && tokens.slice(1).every((t) => !isPlace(t) && !isOrg(t))) {
    return span('PERSON', first, 0.8) // "Michael Brown", "Grace Kim": a first name and a capitalised surname
  }
  // only the broad name list vouches for the run, and a word reads as an English adjective or noun: a product ("Practical Rubber Salad")
  if (tokens.every((t) => t.tags === LISTED || t.tags.length === 0 || PARTICLES.has(t.word.toLowerCase())) && tokens.some((t) => t.tags === LISTED && ENGLISH_WORD.test(t.word))) return undefined
  if (tokens.length > 1 && tokens.some(isName) && (has(first.tags, FIRST_TAGS) || first.tags.length === 0 || isName(first))) {
    // a run vouched for only by the broad name list scores below a cued place ("Lake Tahoe")
    const listedOnly = !tokens.some((t) => t.tags !== LISTED && isName(t))
    return tokens.every((t) => isName(t) || (t.tags.length === 0 && !isAcronym(t)) || PARTICLES.has(t.word.toLowerCase()) || t.word.length === 1) ? span('PERSON', first, listedOnly ? 0.7 : 0.85) : 'ask'
  }
  if (tokens.some(isPlace) && !tokens.some(isName)) return span('LOCATION', first, tokens.length === 1 ? 0.7 : 0.6)
  if (tokens.length === 1 && isName(first)) {
    if (!initial) return span('PERSON', first, first.tags === LISTED ? 0.55 : 0.7)
    return 'ask' // "Mark the order as shipped" vs "Sarah called": compromise reads the sentence
  }
  if (tokens.some((t) => t.tags.length === 0)) {
    if (tokens.length > 1) return 'ask'
    // a lone unknown capitalised word: compromise only tags it from a cue ("met Okafor", "in Springfield")
    return !initial && CUE_BEFORE.test(text.slice(Math.max(0, first.start - 12), first.start)) ? 'ask' : undefined
  }
  return undefined
}

/** One compromise call over small windows around the undecided runs, mapped back to text offsets. */
function askCompromise(text: string, model: CompromiseModel, runs: Token[][], push: (c: PiiCandidate) => void): void {
  const windows: { start: number; end: number; runs: { start: number; end: number }[] }[] = []
  for (const run of runs) {
    const runStart = run[0]!.start
    const runEnd = run[run.length - 1]!.end
    let start = Math.max(0, runStart - WINDOW_BEFORE)
    while (start > 0 && start < runStart && !/\s/.test(text[start - 1]!)) start++
    let end = Math.min(text.length, runEnd + WINDOW_AFTER)
    while (end < text.length && end > runEnd && !/\s/.test(text[end]!)) end--
    const prev = windows[windows.length - 1]
    if (prev && start <= prev.end) {
      prev.end = Math.max(prev.end, end)
      prev.runs.push({ start: runStart, end: runEnd })
    } else windows.push({ start, end, runs: [{ start: runStart, end: runEnd }] })
  }
  for (let i = 0; i < windows.length; ) {
    let size = 0
    let j = i
    while (j < windows.length && (j === i || size + windows[j]!.end - windows[j]!.start < BATCH)) size += windows[j]!.end - windows[j++]!.start
    tagBatch(text, model, windows.slice(i, j), push)
    i = j
  }
}

function tagBatch(text: string, model: CompromiseModel, windows: { start: number; end: number; runs: { start: number; end: number }[] }[], push: (c: PiiCandidate) => void): void {
  const SEP = '\n\n'
  let joined = ''
  const offsets: number[] = []
  for (const w of windows) {
    offsets.push(joined.length)
    joined += text.slice(w.start, w.end).replace(/\n/g, ' ') + SEP
  }
  for (const found of model.tag(joined)) {
    // find the window this span falls in
    let lo = 0
    let hi = offsets.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (offsets[mid]! <= found.start) lo = mid
      else hi = mid - 1
    }
    const window = windows[lo]!
    let start = window.start + (found.start - offsets[lo]!)
    let end = Math.min(window.end, start + found.length)
    if (!window.runs.some((r) => start < r.end && end > r.start)) continue
    let value = text.slice(start, end)
    const honorific = /^(?:Mr|Mrs|Ms|Mx|Dr|Prof|Rev|Sir|Dame|Capt|Sgt|Lt)\.? /.exec(value)
    if (found.type === 'PERSON' && honorific) {
      start += honorific[0].length
      value = value.slice(honorific[0].length)
    }
    const trail = /(?:['’]s)?[\s.,;:!?'’"]*$/.exec(value)
    if (trail) end -= trail[0].length
    if (end <= start) continue
    if (found.type === 'ORGANIZATION' && /^[A-Z0-9]{1,4}$/.test(text.slice(start, end))) continue // BTC, SKU: codes, not organisations
    // compromise reads any capitalised pair as a person ("Practical Rubber Salad"): keep it only when a word is a known name
    if (found.type === 'PERSON' && !text.slice(start, end).split(/[\s-]+/).some((w) => has(tagsOf(model, w), NAME_TAGS))) continue
    push({ type: found.type, start, end, score: found.type === 'PERSON' ? 0.75 : 0.6, detector: 'names' })
  }
}
