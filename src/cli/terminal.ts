import type { CliIO } from './cli-io.js'

/** Colour only on a TTY and never with NO_COLOR set. */
export function colors(stream: CliIO['stderr'], env: CliIO['env']) {
  const on = Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb'
  const wrap = (code: number) => (s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s)
  return { green: wrap(32), red: wrap(31), yellow: wrap(33), dim: wrap(2), bold: wrap(1) }
}

/** A fixed-width text table. */
export function table(rows: string[][], align: ('l' | 'r')[] = []): string {
  // strip ANSI codes when measuring
  const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').length
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => visible(r[i] ?? ''))))
  return rows
    .map((r) =>
      r
        .map((c, i) => {
          const pad = ' '.repeat(widths[i]! - visible(c))
          return align[i] === 'r' ? pad + c : c + pad
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}
