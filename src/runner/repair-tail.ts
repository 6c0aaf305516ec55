import { open } from 'node:fs/promises'
import { countNewlines } from '../evidence/log-file-io.js'

export interface TailRepair {
  file: string
  /** Bytes cut: the partial last line a killed process left behind. */
  bytes: number
  /** 1-based line number of the torn line that was cut. */
  line: number
}

/**
 * Cuts a file back to its last complete line (`\n`-terminated) when a killed writer left a partial
 * line at the end, so the next append starts on a fresh line instead of gluing onto the torn one.
 * Returns what was cut, or undefined when the file ends cleanly (or does not exist).
 * Reads only the tail of the file (64 KiB steps back to the previous newline).
 */
export async function repairTail(file: string): Promise<TailRepair | undefined> {
  let handle
  try {
    handle = await open(file, 'r+')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  try {
    const { size } = await handle.stat()
    if (size === 0) return undefined
    const last = Buffer.alloc(1)
    await handle.read(last, 0, 1, size - 1)
    if (last[0] === 10) return undefined
    let cut = 0
    for (let end = size; end > 0 && cut === 0; ) {
      const from = Math.max(0, end - 65536)
      const buf = Buffer.alloc(end - from)
      await handle.read(buf, 0, buf.length, from)
      const nl = buf.lastIndexOf(10)
      if (nl !== -1) cut = from + nl + 1
      else if (from === 0) break
      end = from
    }
    await handle.truncate(cut)
    await handle.datasync()
    return { file, bytes: size - cut, line: (await countNewlines(handle, cut)) + 1 }
  } finally {
    await handle.close()
  }
}
