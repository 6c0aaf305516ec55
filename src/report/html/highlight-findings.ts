import type { Finding } from '../../core/types.js'
import { FIRST_PSEUDONYM_MARKER } from '../../redaction/redaction-marker.js'
import { escapeHtml } from './escape-html.js'

/** A finding with the evaluator that reported it. */
export interface LabelledFinding extends Finding {
  evaluator: string
}

export interface HighlightResult {
  /** Escaped HTML of the text, with the findings that could be placed wrapped in `<mark>`. */
  html: string
  /** Findings that could not be placed in this text (listed instead). */
  unplaced: LabelledFinding[]
}


/** Most findings highlighted in one text; more are listed. */
const MAX_MARKS = 500

/**
 * Where a finding's offsets (into the *original* text) can be trusted in the *stored* text.
 *
 * - `raw` storage: the stored text is the original, every offset holds.
 * - `redacted` storage: the stored text is the original with each redacted span replaced by a
 *   marker such as `<EMAIL_ADDRESS:3f9a1c2e>`. Text before the first marker is unchanged, so a
 *   finding that ends before it is placed exactly; later offsets are shifted by markers of unknown
 *   original length, so those findings are listed, not guessed. (A text with no marker was not
 *   changed at all.)
 * - `none` or no text: nothing can be placed.
 */
export function trustedPrefix(text: string | undefined, storage: 'raw' | 'redacted' | 'none' | undefined): number {
  if (text === undefined || storage === undefined || storage === 'none') return 0
  if (storage === 'raw') return text.length
  const marker = FIRST_PSEUDONYM_MARKER.exec(text)
  return marker ? marker.index : text.length
}

/**
 * Escape `text` and wrap each placeable finding's span in `<mark>`; overlapping findings split the
 * text at every boundary so each piece lists all findings covering it. Findings outside the trusted
 * prefix, empty or out of range are returned in `unplaced`.
 */
export function highlightFindings(text: string, findings: readonly LabelledFinding[], trusted: number): HighlightResult {
  const placed: LabelledFinding[] = []
  const unplaced: LabelledFinding[] = []
  for (const f of findings) {
    const ok = Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 0 && f.end > f.start && f.end <= trusted && f.end <= text.length
    if (ok && placed.length < MAX_MARKS) placed.push(f)
    else unplaced.push(f)
  }
  if (placed.length === 0) return { html: escapeHtml(text), unplaced }
  const cuts = [...new Set([0, text.length, ...placed.flatMap((f) => [f.start, f.end])])].sort((a, b) => a - b)
  let html = ''
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!
    const to = cuts[i + 1]!
    const piece = escapeHtml(text.slice(from, to))
    const covering = placed.filter((f) => f.start <= from && f.end >= to)
    if (covering.length === 0) {
      html += piece
      continue
    }
    const title = covering.map((f) => `${f.type} (${f.evaluator}${f.detector ? `/${f.detector}` : ''}, score ${f.score})${f.message ? `: ${f.message}` : ''}`).join('; ')
    html += `<mark class="f" data-type="${escapeHtml(covering.map((f) => f.type).join(' '))}" title="${escapeHtml(title)}">${piece}</mark>`
  }
  return { html, unplaced }
}
