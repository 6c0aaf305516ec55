import { createRequire } from 'node:module'
import { hasContext } from '../context-words.js'
import { isSpace } from './is-space.js'
import type { PiiCandidate, Recognizer } from './recognizer.js'

interface ChronoResult {
  index: number
  text: string
  start: { isCertain(component: string): boolean }
  end?: unknown
}
type ChronoParse = (text: string, ref?: Date) => ChronoResult[]

const require = createRequire(import.meta.url)
let chronoParse: ChronoParse | undefined
/** chrono-node, loaded on first use (callers that never see a date never pay for it). */
function chrono(): ChronoParse {
  if (!chronoParse) {
    const casual = (require('chrono-node') as { casual: { parse: ChronoParse } }).casual
    chronoParse = (text, ref) => casual.parse(text, ref)
  }
  return chronoParse
}

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?'
const WEEKDAYS = 'mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?'
/**
 * Where a date or time can be: a month or weekday name, a clock time, a numeric date. chrono-node
 * (a maintained natural-language date parser) reads only a window around each trigger, so text
 * without dates costs one regex scan, and the windows chrono reads per text are bounded.
 */
const TRIGGER = new RegExp(`\\b(?:${MONTHS}|${WEEKDAYS})\\b|\\b(?:today|tomorrow|yesterday|tonight|noon|midnight)\\b|\\d{1,2}:\\d{2}|\\d{1,2} ?[ap]\\.?m\\b|\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,4}[/.]\\d{1,2}[/.]\\d{2,4}`, 'gi')
const WINDOW_BEFORE = 24
const WINDOW_AFTER = 40
const MAX_WINDOW = 240
/** chrono reads at most this many characters per text, plus this share of its length; the rest gets the plain patterns. */
const BUDGET_BASE = 4096
const BUDGET_SHARE = 0.02
/** Years in prose, only after a cue: "founded in 1977", "since 2019", "born 1984". */
const YEAR = /\b(?:in|since|from|until|till|by|of|year|born|founded|established|joined|graduated|married|moved|retired|circa|around|c\.)(?: the year)? ((?:1[89]|20)\d{2})(?![\w/.:-]\d|\w|-\d)/gi
/**
 * Weekday names in the languages of the region list (chrono-node reads English ones). No
 * lookbehind (it stops the regex engine's fast scan): the match is dropped in code when a letter
 * precedes it, which finds the same names, since a match inside a word ends where the word ends.
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
  ].join('|')})(?![\\p{L}])`,
  'giu',
)
const LETTER_BEFORE = /\p{L}$/u
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
    const windows = triggerWindows(text)
    let budget = BUDGET_BASE + text.length * BUDGET_SHARE
    for (const w of windows) {
      if (budget < w.end - w.start) break
      budget -= w.end - w.start
      for (const r of chrono()(text.slice(w.start, w.end), REF)) emit(text, w.start + r.index, r.text, push)
    }
    for (const m of text.matchAll(FOREIGN_WEEKDAY)) {
      if (m.index > 0 && LETTER_BEFORE.test(text.slice(Math.max(0, m.index - 2), m.index))) continue
      if (m[0] === 'Domingo') continue // also a given name
      push({ type: 'DATE_TIME', start: m.index, end: m.index + m[0].length, score: score(text, m.index, m.index + m[0].length, 0.75), detector: 'date-time' })
    }
    for (const m of text.matchAll(YEAR)) {
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

/** Windows around triggers, merged when they overlap, each at most `MAX_WINDOW` characters, cut at spaces. */
function triggerWindows(text: string): { start: number; end: number }[] {
  const windows: { start: number; end: number }[] = []
  for (const m of text.matchAll(TRIGGER)) {
    let start = Math.max(0, m.index - WINDOW_BEFORE)
    while (start > 0 && start < m.index && !isSpace(text.charCodeAt(start - 1))) start++
    let end = Math.min(text.length, m.index + m[0].length + WINDOW_AFTER)
    while (end < text.length && end > m.index + m[0].length && !isSpace(text.charCodeAt(end))) end--
    const prev = windows[windows.length - 1]
    if (prev && start <= prev.end && end - prev.start <= MAX_WINDOW) prev.end = Math.max(prev.end, end)
    else windows.push({ start, end })
  }
  return windows
}

function plausibleNumericDate(raw: string): boolean {
  const [a, b, c] = raw.split(/[-/.]/).map(Number) as [number, number, number]
  if (raw.search(/[-/.]/) === 4) return a >= 1800 && a <= 2200 && b >= 1 && b <= 12 && c >= 1 && c <= 31
  const dm = (a >= 1 && a <= 31 && b >= 1 && b <= 12) || (a >= 1 && a <= 12 && b >= 1 && b <= 31)
  return dm && (c < 100 || (c >= 1800 && c <= 2200))
}
