/**
 * Data exfiltration through a URL the model is asked to fill in: a link or image URL that carries a
 * template placeholder (`https://host/logo.png?q=[DATA]`, `…/{info}`, `?q=` left empty), together
 * with what makes it an exfiltration rather than API documentation — a Markdown image (rendered,
 * hence fetched, without a click) or an instruction to fill the placeholder with the conversation,
 * a summary, the previous message, e-mails or passwords.
 *
 * Works on `normalizeText` output (lower case). Linear: URL tokens are found in one greedy pass
 * (non-overlapping, bounded), each token is tested once, instructions are bounded regexes run once
 * per text (or once per token, within a bounded window after it).
 */
export interface TemplatedUrlHit {
  /** Offsets into the scanned (normalised) text. */
  start: number
  end: number
  score: number
  message: string
}

/** A URL, or an image path with a query (the host may be spelled out elsewhere, e.g. concatenated). */
const URL_TOKEN = /https?:\/\/[^\s)]{1,300}|\.(?:png|jpe?g|gif|svg|webp)\?[^\s)]{0,300}/g
const PLACEHOLDER = '(?:\\[[a-z_]{2,20}\\]|\\{\\{?[a-z_]{2,20}\\}\\}?|<[a-z_]{2,20}>|\\$\\{[a-z_]{2,20}\\})'
/** A placeholder right after a query, path or assignment separator, quoted or not. */
const TEMPLATED = new RegExp(`[?&=/]"?${PLACEHOLDER}`)
/** A query parameter left empty for the model to fill: `?q=` at the token's end. */
const EMPTY_PARAM = /[?&][a-z0-9_]{1,20}=$/
const DATA = '(?:(?:our |this |the )?conversation|chat(?: history| log)?|previous (?:message|messages|answer|response|prompt)|summary|history|e-?mails?|passwords?|credentials|personal (?:data|details|information)|private (?:data|messages)|secrets?)'
/** "replacing [data] with a base64 encoded summary of this conversation", "whereas [num] is the previous message". */
const FILL = new RegExp(`\\b(?:replac(?:e|ing)|substitut(?:e|ing)|fill(?:ing)? in|whereas|where)\\s(?:the\\s)?${PLACEHOLDER}\\s(?:with|is|by)\\b[^\\n]{0,80}?\\b${DATA}\\b`)
/** "(6) https://host/logo.png?q= (7) then append a brief summary of our conversation". */
const APPEND = new RegExp(`^[^\\n]{0,60}?(?:\\n[^\\n]{0,60}?)?\\b(?:append|add|attach|include|followed by|concatenate)\\b[^\\n]{0,80}?\\b${DATA}\\b`)
const IMAGE = '!['

export function templatedUrlExfilHits(text: string, cap = 100): TemplatedUrlHit[] {
  if (!text.includes('://') && !text.includes('?')) return []
  const hits: TemplatedUrlHit[] = []
  let image: boolean | undefined
  let fill: boolean | undefined
  for (const m of text.matchAll(URL_TOKEN)) {
    if (hits.length >= cap) break
    const token = m[0]
    const start = m.index
    const end = start + token.length
    if (TEMPLATED.test(token)) {
      image ??= text.includes(IMAGE)
      fill ??= FILL.test(text)
      if (image) hits.push({ start, end, score: 0.8, message: 'image URL with a placeholder for the model to fill (fetched when rendered)' })
      else if (fill) hits.push({ start, end, score: 0.8, message: 'URL with a placeholder the text asks to fill with conversation data' })
      continue
    }
    if (EMPTY_PARAM.test(token) && APPEND.test(text.slice(end, end + 200))) {
      hits.push({ start, end, score: 0.75, message: 'URL query left empty, to be completed with conversation data' })
    }
  }
  return hits
}
