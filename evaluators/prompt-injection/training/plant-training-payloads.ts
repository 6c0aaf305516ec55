// Indirect-injection rows made from the training rows themselves: a short attack from the rows
// (direct, exfiltration or jailbreak wording) is planted in a benign document from the rows (an
// e-mail, table, code file, web page, WHOIS record), wrapped the way that document or a tool result
// would hold it (a line of its own, a comment, a table cell, a P.S., a JSON search result). Every
// carrier also appears with a benign line from the rows planted the same way, so "a planted line"
// is not the signal; what the line says is. Half the attacks are a user's task from the rows (a
// benign prompt: "write a poem", "translate this") planted in the document, addressed to the
// assistant that reads it: harmless on its own, an injection inside data the app processes.
//
// Built from the rows passed to the trainer, after any group was held out: leave-one-group-out
// folds never see a held-out group's attacks or documents through these rows.
import { seededRandom } from '../../../test/fixtures/secrets/expand-fixture.js'
import type { AugmentRow } from './augment-rows.js'

export const PLANTED_SOURCE = 'vouch:plant-training-payloads.ts'

const PAYLOAD_KINDS = new Set(['direct', 'exfiltration', 'jailbreak-framing'])
const TASK_KINDS = new Set(['benign-prompt'])
const MAX_TASK = 200
const ADDRESSEES = ['Assistant: ', 'Note to the AI reading this: ', 'AI assistant, ', 'Instruction for the model processing this document: ', 'If you are an AI, ', 'To the chatbot: ', 'Important, for the AI model: ']
// prose that uses trigger words innocently (a user's task planted in a document is itself an injection, so not those)
const BENIGN_LINE_KINDS = new Set(['benign-trigger-words'])
const MAX_LINE = 400

function pick<T>(items: readonly T[], rand: () => number): T {
  return items[Math.floor(rand() * items.length)]!
}

type Wrap = (line: string, doc: string, rand: () => number) => string

const atLine = (doc: string, line: string, rand: () => number) => {
  const lines = doc.split('\n')
  lines.splice(pick([0, lines.length, Math.floor(lines.length / 2), Math.floor(rand() * (lines.length + 1))], rand), 0, line)
  return lines.join('\n')
}
const flat = (line: string) => line.replace(/\s*\n\s*/g, ' ')

const WRAPS: readonly Wrap[] = [
  (line, doc, rand) => atLine(doc, line, rand),
  (line, doc, rand) => atLine(doc, `<!-- ${flat(line)} -->`, rand),
  (line, doc, rand) => atLine(doc, pick(['# ', '// ', '/* '], rand) + flat(line) + (rand() < 0.3 ? ' */' : ''), rand),
  (line, doc, rand) => atLine(doc, `| ${pick(['note', 'comment', 'remarks', 'description'], rand)} | ${flat(line).replace(/\|/g, '/')} |`, rand),
  (line, doc) => `${doc}\n\nP.S. ${line}`,
  (line, doc, rand) => {
    const excerpt = doc.slice(0, 600)
    const results = [
      { title: pick(['Search result', 'Product page', 'Forum post', 'Support article'], rand), url: 'https://example.com/a', snippet: excerpt },
      { title: pick(['Review', 'Comment', 'FAQ', 'Changelog'], rand), url: 'https://example.org/b', snippet: line },
    ]
    if (rand() < 0.5) results.reverse()
    return JSON.stringify({ tool: pick(['web_search', 'fetch_page', 'read_email', 'query_docs'], rand), results })
  },
]

/**
 * `perCarrier` attacks and as many benign lines planted in each of up to `carriers` benign
 * documents of `rows`. Deterministic for a given seed and row order.
 */
export function plantTrainingPayloads(rows: readonly AugmentRow[], { seed, carriers = 300, perCarrier = 2 }: { seed: number; carriers?: number; perCarrier?: number }): AugmentRow[] {
  const rand = seededRandom(seed)
  const payloads = rows.filter((r) => r.label === 'injection' && PAYLOAD_KINDS.has(r.kind) && r.text.length <= MAX_LINE)
  const tasks = rows.filter((r) => r.label === 'benign' && TASK_KINDS.has(r.kind) && r.text.length <= MAX_TASK && !r.text.includes('\n'))
  const benignLines = rows.filter((r) => r.label === 'benign' && BENIGN_LINE_KINDS.has(r.kind) && r.text.length <= MAX_LINE)
  const docs = rows.filter((r) => r.label === 'benign' && r.kind === 'benign-document' && r.text.length >= 120 && r.text.length <= 4000)
  if (payloads.length === 0 || benignLines.length === 0 || docs.length === 0) return []
  const attack = () => {
    if (tasks.length === 0 || rand() < 0.5) return pick(payloads, rand).text
    const to = pick(ADDRESSEES, rand)
    const task = pick(tasks, rand).text
    return to && !to.endsWith(': ') ? `${to}${task[0]!.toLowerCase()}${task.slice(1)}` : `${to}${task}`
  }
  const out: AugmentRow[] = []
  for (let c = 0; c < Math.min(carriers, docs.length * 2); c++) {
    const doc = pick(docs, rand).text
    for (let k = 0; k < perCarrier; k++) {
      const wrap = pick(WRAPS, rand)
      out.push({ text: wrap(attack(), doc, rand), label: 'injection', kind: 'indirect', source: PLANTED_SOURCE })
      out.push({ text: wrap(pick(benignLines, rand).text, doc, rand), label: 'benign', kind: 'benign-document', source: PLANTED_SOURCE })
    }
  }
  return out
}
