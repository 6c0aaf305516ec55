import { createReadStream } from 'node:fs'

export interface FileLine {
  /** 1-based line number. */
  line: number
  /** The line without its `\n`; undefined when it is not valid UTF-8. */
  text: string | undefined
  /** False for a last line with no trailing newline (a torn write). */
  terminated: boolean
}

/**
 * Streams a file's lines in bounded memory: one line at a time (at most the longest line is held),
 * never the file. Splits on `\n` bytes, decodes each line as strict UTF-8. A byte order mark is
 * kept in the text (never silently stripped), so callers can reject it.
 */
export async function* readLines(path: string): AsyncGenerator<FileLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  let pending: Buffer[] = []
  let line = 0
  const decode = (buf: Buffer): string | undefined => {
    try {
      return decoder.decode(buf)
    } catch {
      return undefined
    }
  }
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer
    let start = 0
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      const piece = buf.subarray(start, nl)
      const whole = pending.length ? Buffer.concat([...pending, piece]) : piece
      pending = []
      yield { line: ++line, text: decode(whole), terminated: true }
      start = nl + 1
    }
    if (start < buf.length) pending.push(buf.subarray(start))
  }
  if (pending.length) yield { line: ++line, text: decode(Buffer.concat(pending)), terminated: false }
}
