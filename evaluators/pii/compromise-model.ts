import { createRequire } from 'node:module'

/** What the name detector uses from compromise: its tagger and its lexicon. */
export interface CompromiseModel {
  /** Run compromise's full tagger over `text`; spans of people, places and organisations. */
  tag(text: string): { type: 'PERSON' | 'LOCATION' | 'ORGANIZATION'; start: number; length: number }[]
  /** compromise's lexicon: lower-case word or phrase -> tag(s). */
  lexicon: Readonly<Record<string, string | string[]>>
  orgWords: ReadonlySet<string>
  placeWords: ReadonlySet<string>
}

interface Doc {
  people(): View
  places(): View
  organizations(): View
}
interface View {
  json(options: { offset: true }): { offset: { start: number; length: number } }[]
}
interface Nlp {
  (text: string): Doc
  model(): {
    one: { lexicon: Record<string, string | string[]> }
    two: { orgWords: Record<string, boolean>; placeWords: Record<string, boolean> }
  }
}

const require = createRequire(import.meta.url)
let model: CompromiseModel | undefined

/**
 * compromise, loaded on first use (it takes a few hundred milliseconds to import, and callers with
 * `names: false` never pay for it). Loaded through `require` so `detectPii` can stay synchronous.
 */
export function compromiseModel(): CompromiseModel {
  if (model) return model
  const nlp = require('compromise') as Nlp
  const m = nlp.model()
  const spans = (view: View, type: 'PERSON' | 'LOCATION' | 'ORGANIZATION') =>
    view.json({ offset: true }).map(({ offset }) => ({ type, start: offset.start, length: offset.length }))
  model = {
    tag(text) {
      const doc = nlp(text)
      return [...spans(doc.people(), 'PERSON'), ...spans(doc.places(), 'LOCATION'), ...spans(doc.organizations(), 'ORGANIZATION')]
    },
    lexicon: m.one.lexicon,
    orgWords: new Set(Object.keys(m.two.orgWords)),
    placeWords: new Set(Object.keys(m.two.placeWords)),
  }
  return model
}

const NO_TAGS: readonly string[] = []
/** compromise's tags for a word (looked up lower-cased), as a list: `[]` when the lexicon does not know it. */
export function lexiconTags(word: string): readonly string[] {
  const raw = compromiseModel().lexicon[word.toLowerCase()]
  return raw === undefined ? NO_TAGS : Array.isArray(raw) ? raw : [raw]
}
