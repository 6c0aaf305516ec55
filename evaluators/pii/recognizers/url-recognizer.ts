import { matchesOf } from './matches-of.js'
import type { Recognizer } from './recognizer.js'

/** A scheme or `www.` then up to 2 KB of non-space URL characters. */
const WITH_SCHEME = /\b(?:(?:https?|ftp|sftp|wss?):\/\/|www\.)[^\s<>"'`{}|\\^]{1,2048}/gi
/** Bare domains are found from their top-level domain: a `.com`-style suffix, then the labels to its left. */
const TLD = /\.(?:com|org|net|edu|gov|mil|io|co|ai|app|dev|info|biz|us|uk|de|fr|es|it|nl|eu|ca|au|jp|cn|in|br|ru|ch|se|no|me|tv|ly|xyz)(?![\w-]|\.[a-z0-9])/gi
const LABELS = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,4}$/i
const PATH = /\/[^\s<>"'`{}|\\^]{0,2048}/y
const TRAILING = /[.,;:!?)\]}'"]+$/

/**
 * URLs: with a scheme (`https://…`, `ftp://…`), starting `www.`, or a bare domain under a common
 * top-level domain. Trailing sentence punctuation is dropped. Score 0.5, as in Presidio: a URL can
 * identify a person (profile links, tokens in query strings) but usually does not — allow your own
 * domains with `ignore: [/^https:\/\/docs\.example\.com\//]`.
 */
export const urlRecognizer: Recognizer = {
  types: ['URL'],
  detector: 'url',
  find(text, push) {
    const emit = (start: number, raw: string) => {
      const trail = TRAILING.exec(raw)
      if (trail) raw = raw.slice(0, raw.length - trail[0].length)
      // keep a closing parenthesis that closes one opened inside the URL (Wikipedia links)
      if (trail && trail[0].startsWith(')') && raw.includes('(') && !raw.includes(')')) raw += ')'
      if (raw.length < 4 || /^(?:https?|ftp|sftp|wss?):\/\/$|^www\.$/i.test(raw)) return
      push({ type: 'URL', start, end: start + raw.length, score: 0.5, detector: 'url' })
    }
    for (const m of matchesOf(WITH_SCHEME, text)) emit(m.index, m[0])
    let lastEnd = 0
    for (const m of matchesOf(TLD, text)) {
      // grow left over domain characters (bounded: one domain name is at most 253 characters)
      let start = m.index
      while (start > 0 && m.index - start < 253 && start > lastEnd && /[a-z0-9.-]/i.test(text[start - 1]!)) start--
      while (start < m.index && (text[start] === '.' || text[start] === '-')) start++
      if (start === m.index) continue
      const before = start > 0 ? text[start - 1]! : ''
      if (/[\w@.\-/]/.test(before)) continue // part of an e-mail, a longer token or a scheme URL
      if (!LABELS.test(text.slice(start, m.index + 1))) continue
      let end = m.index + m[0].length
      PATH.lastIndex = end
      const path = PATH.exec(text)
      if (path) end += path[0].length
      lastEnd = end
      emit(start, text.slice(start, end))
    }
  },
}
