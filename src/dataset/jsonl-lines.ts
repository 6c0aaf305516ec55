import { strictUtf8Chunks } from './strict-utf8-chunks.js'

/** One non-blank line of a JSONL stream with its 1-based line number. Yielded in per-chunk batches. */
export interface JsonlLine {
  text: string
  line: number
}

/**
 * Split a byte stream into lines without collecting it: chunks are pulled one at a time (so the
 * source's backpressure holds) and only the current partial line is kept between chunks. Splits on
 * `\n`; a trailing `\r` is left to JSON.parse, which treats it as whitespace. Blank lines are
 * skipped but counted, so `line` is exact. A UTF-8 BOM at the start is dropped.
 */
export async function* jsonlLines(
  source: AsyncIterable<Buffer | string>,
  invalidUtf8: (line: number) => Error = (line) => new Error(`line ${line}: not valid UTF-8`),
): AsyncGenerator<JsonlLine[]> {
  let pending = ''
  let line = 1
  let first = true
  let batch: JsonlLine[] = []
  const emit = (text: string): void => {
    if (first) {
      first = false
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    if (text.trim() !== '') batch.push({ text, line })
    line++
  }
  // Strict decoding: invalid UTF-8 is an error naming its line, never silently replaced by U+FFFD;
  // the lines before it are delivered first. Each checked chunk ends on a character boundary.
  const checked = strictUtf8Chunks(source, (bad) => {
    throw invalidUtf8(bad)
  })
  for await (const chunk of checked) {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8')
    // Search only the new text, so a very long line spread over many chunks stays linear.
    let newline = text.indexOf('\n')
    if (newline === -1) {
      pending += text
      continue
    }
    emit(pending + text.slice(0, newline))
    let start = newline + 1
    newline = text.indexOf('\n', start)
    while (newline !== -1) {
      emit(text.slice(start, newline))
      start = newline + 1
      newline = text.indexOf('\n', start)
    }
    pending = text.slice(start)
    yield batch
    batch = []
  }
  if (pending !== '') emit(pending)
  if (batch.length > 0) yield batch
}
