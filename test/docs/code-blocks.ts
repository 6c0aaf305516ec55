import { readFileSync } from 'node:fs'

export interface CodeBlock {
  file: string
  /** 1-based line of the opening fence. */
  line: number
  /** The fence's info string, e.g. `ts` or `ts no-run`. */
  info: string
  code: string
  /** The nearest heading above the block. */
  heading: string
}

/**
 * The fenced code blocks of a Markdown file, with the heading each sits under. Fences are ``` or
 * ~~~ (three or more), closed by the same kind at least as long.
 */
export function codeBlocks(file: string): CodeBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n')
  const blocks: CodeBlock[] = []
  let heading = ''
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    const h = /^#{1,6}\s+(.*)$/.exec(line)
    if (h) heading = (h[1] as string).trim()
    const open = /^(`{3,}|~{3,})\s*(.*)$/.exec(line)
    if (!open) continue
    const fence = open[1] as string
    const body: string[] = []
    let j = i + 1
    while (j < lines.length && !((lines[j] as string).startsWith(fence[0]!.repeat(fence.length)) && /^(`{3,}|~{3,})\s*$/.test(lines[j] as string))) body.push(lines[j++] as string)
    blocks.push({ file, line: i + 1, info: (open[2] as string).trim(), code: body.join('\n'), heading })
    i = j
  }
  return blocks
}
