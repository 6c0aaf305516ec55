import type { FileHandle } from 'node:fs/promises'

// Small file helpers of the JSONL evidence sink (tail reads, line counts, strict UTF-8).

export async function readFully(h: FileHandle, buf: Buffer, position: number): Promise<void> {
  let off = 0
  while (off < buf.length) {
    const { bytesRead } = await h.read(buf, off, buf.length - off, position + off)
    if (bytesRead === 0) break
    off += bytesRead
  }
}

/** Newlines in the first `size` bytes (error path only: names the line of a bad tail). */
export async function countNewlines(h: FileHandle, size: number): Promise<number> {
  const buf = Buffer.alloc(1 << 20)
  let count = 0
  for (let pos = 0; pos < size; ) {
    const { bytesRead } = await h.read(buf, 0, Math.min(buf.length, size - pos), pos)
    if (bytesRead === 0) break
    for (let i = buf.indexOf(10); i !== -1 && i < bytesRead; i = buf.indexOf(10, i + 1)) count++
    pos += bytesRead
  }
  return count
}

export function decodeStrict(buf: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf)
  } catch {
    return undefined
  }
}
