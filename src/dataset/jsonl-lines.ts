
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
  // Strict decoding: invalid UTF-8 is an error naming its line, never silently replaced by U+FFFD.
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  const decoder = {
    write: (chunk: Buffer): string => {
      try {
        return strict.decode(chunk, { stream: true })
      } catch {
        throw invalidUtf8(line + firstBadLine(chunk))
      }
    },
    end: (): string => {
      try {
        return strict.decode()
      } catch {
        throw invalidUtf8(line)
      }
    },
  }
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
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk)
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
  pending += decoder.end()
  if (pending !== '') emit(pending)
  if (batch.length > 0) yield batch
}

/** Newlines before the first line of `chunk` that is not valid UTF-8 on its own (0: the first). */
function firstBadLine(chunk: Buffer): number {
  const check = new TextDecoder('utf-8', { fatal: true })
  let start = 0
  for (let n = 0; ; n++) {
    const end = chunk.indexOf(10, start)
    try {
      check.decode(chunk.subarray(start, end === -1 ? chunk.length : end))
    } catch {
      return n
    }
    if (end === -1) return n
    start = end + 1
  }
}
