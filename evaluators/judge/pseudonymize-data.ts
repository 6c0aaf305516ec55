import { mergeSpans, normalizePiiValue } from '../../src/redaction/index.js'
import type { DataSection } from './fence-data.js'
import { sensitiveSpans, type SensitiveSpan } from './sensitive-spans.js'

/** One replaced value: where it was in the original text and where its pseudonym is in the sent text. */
interface Replacement {
  start: number
  end: number
  sentStart: number
  sentEnd: number
}

export interface PseudonymizedData {
  /** The sections as sent to the judge. */
  sections: DataSection[]
  /** Distinct values replaced, by entity type, e.g. `{ EMAIL_ADDRESS: 2 }`. Never the values. */
  replaced: Record<string, number>
  /** Entity types detected but sent as they are (opted out, or allowed for this judge by policy). */
  sentRaw: string[]
  /** Map a span of a sent section back to the original text of that section (a pseudonym maps to its whole value). */
  toOriginal(label: string, start: number, end: number): { start: number; end: number }
}

/**
 * Replace PII and secrets in the data sent to a judge by consistent pseudonyms: the same value
 * (after `normalizePiiValue`, so `Ana@X.com` and `ana@x.com` are one value) gets the same
 * pseudonym in every section of the call, numbered in order of first appearance —
 * `<EMAIL_ADDRESS_1>`, `<EMAIL_ADDRESS_2>` — so the judge can still reason about "the same
 * e-mail" without seeing it. Numbering depends only on the data, so the same data gives the same
 * prompt (replay cassettes match) and nothing about the value (no hash) leaves the process.
 * Types for which `sendRaw(type)` is true are left in place and listed in `sentRaw`.
 */
export function pseudonymizeData(
  sections: readonly DataSection[],
  { sendRaw = () => false, detect = sensitiveSpans }: { sendRaw?: (type: string) => boolean; detect?: (text: string) => SensitiveSpan[] } = {},
): PseudonymizedData {
  const names = new Map<string, string>()
  const perType = new Map<string, number>()
  const raw = new Set<string>()
  const maps = new Map<string, Replacement[]>()
  const out = sections.map((section) => {
    const spans = mergeSpans(detect(section.text), section.text.length).filter((s) => {
      if (!sendRaw(s.type)) return true
      raw.add(s.type)
      return false
    })
    const replacements: Replacement[] = []
    let text = ''
    let cursor = 0
    for (const span of spans) {
      text += section.text.slice(cursor, span.start)
      const key = `${span.type}\u0000${normalizePiiValue(section.text.slice(span.start, span.end), span.type)}`
      let name = names.get(key)
      if (name === undefined) {
        const n = (perType.get(span.type) ?? 0) + 1
        perType.set(span.type, n)
        name = `<${span.type}_${n}>`
        names.set(key, name)
      }
      replacements.push({ start: span.start, end: span.end, sentStart: text.length, sentEnd: text.length + name.length })
      text += name
      cursor = span.end
    }
    text += section.text.slice(cursor)
    maps.set(section.label, replacements)
    return { label: section.label, text }
  })
  return {
    sections: out,
    replaced: Object.fromEntries([...perType].sort(([a], [b]) => a.localeCompare(b))),
    sentRaw: [...raw].sort(),
    toOriginal(label, start, end) {
      const replacements = maps.get(label) ?? []
      return { start: mapPosition(replacements, start, 'start'), end: mapPosition(replacements, end, 'end') }
    },
  }
}

function mapPosition(replacements: readonly Replacement[], pos: number, edge: 'start' | 'end'): number {
  let shift = 0
  for (const r of replacements) {
    if (pos < r.sentStart || (edge === 'end' && pos === r.sentStart)) break
    if (pos < r.sentEnd || (edge === 'end' && pos === r.sentEnd)) return edge === 'start' ? r.start : r.end
    shift = r.end - r.sentEnd
  }
  return pos + shift
}
