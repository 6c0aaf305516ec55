import { isUtf8 } from 'node:buffer'

/**
 * Pass a byte stream through, checking that it is UTF-8, without collecting more than one line.
 *
 * Bytes are yielded in whole lines (a newline byte never occurs inside a multi-byte character, so
 * each yielded Buffer decodes on its own; a long line is held until its end, in parts, and joined
 * once). At the first invalid sequence the lines before the bad one are yielded, then
 * `onInvalid(line)` is called with the 1-based line that holds it and the stream ends: nothing is
 * silently replaced by U+FFFD, nothing before the bad line is lost, and no part of the bad line is
 * passed on. `onInvalid` may throw (the error then leaves the generator) or record the failure for
 * the caller. String chunks are already text and pass through unchanged.
 */
export async function* strictUtf8Chunks(
  source: AsyncIterable<Buffer | string>,
  onInvalid: (line: number) => void,
): AsyncGenerator<Buffer | string> {
  let line = 1
  let held: Buffer[] = []
  /** Check whole lines; yield what is valid; true when the stream must stop. */
  function* pass(lines: Buffer): Generator<Buffer, boolean> {
    if (isUtf8(lines)) {
      line += countNewlines(lines)
      if (lines.length > 0) yield lines
      return false
    }
    const { offset, lines: before } = firstBadLine(lines)
    if (offset > 0) yield lines.subarray(0, offset)
    onInvalid(line + before)
    return true
  }
  for await (const chunk of source) {
    if (typeof chunk === 'string') {
      line += countNewlines(chunk)
      yield chunk
      continue
    }
    const lastNewline = chunk.lastIndexOf(10)
    if (lastNewline === -1) {
      held.push(chunk)
      continue
    }
    const head = chunk.subarray(0, lastNewline + 1)
    const lines = held.length > 0 ? Buffer.concat([...held, head]) : head
    held = lastNewline + 1 < chunk.length ? [chunk.subarray(lastNewline + 1)] : []
    if (yield* pass(lines)) return
  }
  if (held.length > 0) yield* pass(Buffer.concat(held))
}

/** Offset of the start of the first line that is not valid UTF-8 on its own, and the newlines before it. */
function firstBadLine(bytes: Buffer): { offset: number; lines: number } {
  let start = 0
  for (let lines = 0; ; lines++) {
    const end = bytes.indexOf(10, start)
    if (!isUtf8(bytes.subarray(start, end === -1 ? bytes.length : end))) return { offset: start, lines }
    if (end === -1) return { offset: start, lines }
    start = end + 1
  }
}

function countNewlines(chunk: Buffer | string): number {
  let count = 0
  if (typeof chunk === 'string') {
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) count++
  } else {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count++
  }
  return count
}
