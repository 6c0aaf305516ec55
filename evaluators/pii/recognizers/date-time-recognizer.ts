import { createRequire } from 'node:module'
import { hasContext } from '../context-words.js'
import { isSpace } from './is-space.js'
import { matchesOf } from './matches-of.js'
import type { PiiCandidate, Recognizer } from './recognizer.js'

interface ChronoResult {
  index: number
  text: string
}
interface ChronoParser {
  constructor: { name: string }
}
interface ChronoInstance {
  parse(text: string, ref?: Date): ChronoResult[]
}
interface ChronoModule {
  casual: { parsers: ChronoParser[]; refiners: unknown[] }
  Chrono: new (configuration: { parsers: ChronoParser[]; refiners: unknown[] }) => ChronoInstance
}

const require = createRequire(import.meta.url)
/** What a window holds, from its triggers: a bit per kind. */
const K_MONTH = 1
const K_WEEKDAY = 2
const K_TIME = 4
const K_CASUAL = 8
/** A numeric date: no parser is gated on it (the numeric parsers always run); it keeps a window from reading as weekdays alone. */
const K_NUMERIC = 16
/** Relative forms ("in 3 days", "two weeks ago", "next month") are read in windows that hold a word or a time, not around a bare numeric date. */
const K_WORDS = K_MONTH | K_WEEKDAY | K_TIME | K_CASUAL
/**
 * chrono-node's casual English parsers that only find something when the window holds a trigger of
 * one kind; every other parser (ISO and numeric dates, all cheap) runs on every window.
 * Running only the parsers a window can need keeps chrono's results for that window (its refiners,
 * which merge a date and a time, all run) at a fraction of the cost: the time-expression parser
 * alone is about a third of chrono's time. A parser missing from this map runs always.
 */
const PARSER_KIND: Readonly<Record<string, number>> = {
  ENTimeExpressionParser: K_TIME,
  ENMonthNameParser: K_MONTH,
  ENMonthNameMiddleEndianParser: K_MONTH,
  ENMonthNameLittleEndianParser: K_MONTH,
  ENYearMonthNameParser: K_MONTH,
  ENEndOfCurrentMonthParser: K_MONTH,
  ENWeekdayParser: K_WEEKDAY,
  ENCasualDateParser: K_CASUAL,
  ENCasualTimeParser: K_CASUAL,
  ENTimeUnitWithinFormatParser: K_WORDS,
  ENTimeUnitAgoFormatParser: K_WORDS,
  ENTimeUnitLaterFormatParser: K_WORDS,
  ENRelativeDateFormatParser: K_WORDS,
  ENTimeUnitCasualRelativeFormatParser: K_WORDS,
}
let chronoModule: ChronoModule | undefined
const byKinds = new Map<number, ChronoInstance>()
/** chrono-node with the parsers `kinds` needs, loaded on first use (callers that never see a date never pay for it). */
function chrono(kinds: number): ChronoInstance {
  let instance = byKinds.get(kinds)
  if (!instance) {
    chronoModule ??= require('chrono-node') as ChronoModule
    const { casual, Chrono } = chronoModule
    const parsers = casual.parsers.filter((p) => {
      const kind = PARSER_KIND[p.constructor.name]
      return kind === undefined || (kind & kinds) !== 0
    })
    instance = new Chrono({ parsers, refiners: casual.refiners })
    byKinds.set(kinds, instance)
  }
  return instance
}

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?'
const WEEKDAYS = 'mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?'
/**
 * Where a date or time can be: a month or weekday name, a clock time, a numeric date. chrono-node
 * (a maintained natural-language date parser) reads only a window around each trigger, so text
 * without dates costs one regex scan, and the windows chrono reads per text are bounded.
 */
const TRIGGER = new RegExp(`\\b(?:${MONTHS}|${WEEKDAYS})\\b|\\b(?:today|tomorrow|yesterday|tonight|noon|midnight)\\b|\\d{1,2}:\\d{2}|\\d{1,2} ?[ap]\\.?m\\b|\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,4}[/.]\\d{1,2}[/.]\\d{2,4}`, 'gi')
/**
 * Characters chrono reads before and after a trigger, by the trigger's kind (its cost grows with
 * the characters it reads): a numeric date needs only a lead word ("on") and an ISO time part
 * after it; a month name the day before it ("the 5th of") and the day and year after it. A
 * date's other parts are triggers of their own ("Monday, March 5 at 10:30"), and windows merge.
 */
const WINDOW: Readonly<Record<number, readonly [before: number, after: number]>> = {
  [K_NUMERIC]: [8, 18],
  [K_TIME]: [14, 16],
  [K_MONTH]: [20, 24],
  [K_WEEKDAY]: [14, 18],
  [K_CASUAL]: [10, 18],
}
const MAX_WINDOW = 240
/** chrono reads at most this many characters per text, plus this share of its length; the rest gets the plain patterns. */
const BUDGET_BASE = 4096
const BUDGET_SHARE = 0.02
/** Years in prose, only after a cue: "founded in 1977", "since 2019", "born 1984". */
const YEAR = /\b(?:in|since|from|until|till|by|of|year|born|founded|established|joined|graduated|married|moved|retired|circa|around|c\.)(?: the year)? ((?:1[89]|20)\d{2})(?![\w/.:-]\d|\w|-\d)/gi
/**
 * Weekday names in the languages of the region list (chrono-node reads English ones). No
 * lookaround and no `u` flag (either makes the scan about three times slower): a match with a
 * letter before or after it is dropped in code. The names are BMP characters, so the `i` flag
 * without `u` folds their case ("Środa", "środa").
 */
const FOREIGN_WEEKDAY = new RegExp(
  `(?:${[
    'Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Sonnabend',
    'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche',
    'lunes|martes|miércoles|jueves|viernes|sábado|domingo',
    'lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica',
    'segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|terça',
    'maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag',
    'måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|mandag|tirsdag|lørdag|søndag',
    'maanantai|tiistai|keskiviikko|torstai|perjantai|lauantai|sunnuntai',
    'poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela',
    'pondělí|úterý|středa|čtvrtek|pátek|neděle',
    'pazartesi|salı|çarşamba|perşembe|cumartesi',
    'hétfő|kedd|szerda|csütörtök|péntek|szombat|vasárnap',
  ].join('|')})`,
  'gi',
)
const LETTER = /\p{L}/u
const LEADING = /^(?:(?:at|on|in|by|from|since|until|till|of|the|this|next|last)\s+)+/i
const MONTH_OR_WEEKDAY = new RegExp(`\\b(?:${MONTHS}|${WEEKDAYS})\\b`, 'i')
const MONTH = new RegExp(`\\b(?:${MONTHS})\\b`, 'i')
const NUMERIC_DATE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/
const PERSONAL = ['born', 'birth', 'birthday', 'dob', 'd.o.b', 'date of birth', 'birthdate', 'died', 'death', 'deceased', 'admitted', 'admission', 'discharged', 'appointment', 'visit', 'surgery', 'diagnosed', 'hired', 'terminated', 'age']

/**
 * Dates and times: ISO timestamps, numeric dates, written-out dates, weekdays, clock times (via
 * chrono-node) and years in prose after a cue. Scores: 0.85 with personal context (born, DOB,
 * admitted, appointment…), 0.6 for a full date or timestamp, 0.55 for a weekday, a time or a year
 * after a cue, 0.4 for relative expressions ("last month"). The default `pii()` entity set keeps
 * only the personal ones (see `default-entities.ts`).
 */
export const dateTimeRecognizer: Recognizer = {
  types: ['DATE_TIME'],
  detector: 'date-time',
  find(text, push) {
    let budget = BUDGET_BASE + text.length * BUDGET_SHARE
    for (const w of triggerWindows(text, budget)) {
      if (budget < w.end - w.start) break
      budget -= w.end - w.start
      if (w.kinds === K_WEEKDAY) {
        // weekday names alone: chrono would return each name ("on Monday" less its lead word), nothing more
        for (let i = 0; i < w.triggers.length; i += 2) emit(text, w.triggers[i]!, text.slice(w.triggers[i]!, w.triggers[i]! + w.triggers[i + 1]!), push)
        continue
      }
      for (const r of chrono(w.kinds).parse(text.slice(w.start, w.end), REF)) emit(text, w.start + r.index, r.text, push)
    }
    for (const m of matchesOf(FOREIGN_WEEKDAY, text)) {
      const end = m.index + m[0].length
      if ((m.index > 0 && LETTER.test(text[m.index - 1]!)) || (end < text.length && LETTER.test(text[end]!))) continue
      if (m[0] === 'Domingo') continue // also a given name
      push({ type: 'DATE_TIME', start: m.index, end: m.index + m[0].length, score: score(text, m.index, m.index + m[0].length, 0.75), detector: 'date-time' })
    }
    for (const m of matchesOf(YEAR, text)) {
      const start = m.index + m[0].length - 4
      push({ type: 'DATE_TIME', start, end: start + 4, score: score(text, start, start + 4, 0.55), detector: 'date-time' })
    }
  },
}

/** A fixed reference date: the detector's output must not depend on today's date. */
const REF = new Date('2025-01-01T00:00:00Z')

function emit(text: string, at: number, found: string, push: (c: PiiCandidate) => void): void {
  const lead = LEADING.exec(found)
  let start = at + (lead ? lead[0].length : 0)
  let value = text.slice(start, at + found.length)
  // chrono keeps a trailing "." from "… 10 a.m." and a leading "(": trim punctuation at the edges
  const trail = /[\s,.;:)\]]+$/.exec(value)
  if (trail && !/[ap]\.m\.$/i.test(value)) value = value.slice(0, value.length - trail[0].length)
  if (value.length === 0) return
  if (/^[a-z]/.test(value) && /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|mar|may|jan|jun|jul|aug|sep|oct|nov|dec)$/i.test(value)) return // "the sun", "may"
  if (NUMERIC_DATE.test(value) && !plausibleNumericDate(value)) return
  const relative = !/\d/.test(value) && !MONTH_OR_WEEKDAY.test(value)
  const weekdayOrTime = !/\d{4}|\d{1,2}[/.-]\d{1,2}/.test(value) && !MONTH.test(value)
  const base = relative ? 0.4 : weekdayOrTime ? 0.55 : 0.6
  push({ type: 'DATE_TIME', start, end: start + value.length, score: score(text, start, start + value.length, base), detector: 'date-time' })
}

function score(text: string, start: number, end: number, base: number): number {
  return hasContext(text, start, end, PERSONAL) ? 0.85 : base
}

interface TriggerWindow {
  start: number
  end: number
  kinds: number
  /** The triggers inside: offset, length, offset, length… */
  triggers: number[]
}
/** Lower-case short forms that are English words far more often than dates ("you may", "the sun", "march on"): a trigger only with a digit close by. */
const AMBIGUOUS = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'jan', 'feb', 'mar', 'march', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'])
const CASUAL_WORD = /^(?:today|tomorrow|yesterday|tonight|noon|midnight)$/i
const MONTH_WORD = new RegExp(`^(?:${MONTHS})$`, 'i')

/** The kind of a trigger (-1: not worth a chrono call). */
function triggerKind(text: string, trigger: string, at: number): number {
  const c = trigger.charCodeAt(0)
  if (c >= 48 && c <= 57) {
    if (!/:\d\d$|[ap]\.?m$/i.test(trigger)) return K_NUMERIC // a numeric date: chrono's always-on parsers read it
    // a clock time inside an ISO timestamp ("2025-03-01T10:22"): the ISO parser reads it
    return at >= 11 && text.charCodeAt(at - 1) === 84 && /\d{4}-\d\d-\d\dT$/.test(text.slice(at - 11, at)) ? K_NUMERIC : K_TIME
  }
  if (CASUAL_WORD.test(trigger)) return K_CASUAL
  if (c >= 97 && c <= 122 && AMBIGUOUS.has(trigger) && !/\d/.test(text.slice(Math.max(0, at - 6), at + trigger.length + 6))) return -1
  return MONTH_WORD.test(trigger) ? K_MONTH : K_WEEKDAY
}

/**
 * Windows around triggers, merged when they overlap, each at most `MAX_WINDOW` characters, cut at
 * spaces. The scan stops once the finished windows exceed `budget` characters: chrono reads no more.
 */
function triggerWindows(text: string, budget: number): TriggerWindow[] {
  const windows: TriggerWindow[] = []
  let total = 0
  for (const m of matchesOf(TRIGGER, text)) {
    const kinds = triggerKind(text, m[0], m.index)
    if (kinds < 0) continue
    const [before, after] = WINDOW[kinds]!
    let start = Math.max(0, m.index - before)
    while (start > 0 && start < m.index && !isSpace(text.charCodeAt(start - 1))) start++
    let end = Math.min(text.length, m.index + m[0].length + after)
    while (end < text.length && end > m.index + m[0].length && !isSpace(text.charCodeAt(end))) end--
    const prev = windows[windows.length - 1]
    if (prev && start <= prev.end && end - prev.start <= MAX_WINDOW) {
      prev.end = Math.max(prev.end, end)
      prev.kinds |= kinds
      prev.triggers.push(m.index, m[0].length)
    } else {
      if (prev) total += prev.end - prev.start
      if (total > budget) break
      // a window cut at MAX_WINDOW overlaps the previous one and may hold its triggers' words too
      windows.push({ start, end, kinds: prev && start < prev.end ? kinds | prev.kinds : kinds, triggers: [m.index, m[0].length] })
    }
  }
  return windows
}

function plausibleNumericDate(raw: string): boolean {
  const [a, b, c] = raw.split(/[-/.]/).map(Number) as [number, number, number]
  if (raw.search(/[-/.]/) === 4) return a >= 1800 && a <= 2200 && b >= 1 && b <= 12 && c >= 1 && c <= 31
  const dm = (a >= 1 && a <= 31 && b >= 1 && b <= 12) || (a >= 1 && a <= 12 && b >= 1 && b <= 31)
  return dm && (c < 100 || (c >= 1800 && c <= 2200))
}
