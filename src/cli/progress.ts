import type { RunEvent } from '../runner/run-events.js'
import type { CliIO } from './cli-io.js'
import { colors } from './terminal.js'

/**
 * Progress on stderr: a redrawn bar on a TTY, one plain line per suite otherwise (CI logs).
 * Never writes to stdout, which stays clean for machine-readable output.
 */
export function createProgress(io: CliIO, { now = () => Date.now() }: { now?: () => number } = {}) {
  const out = io.stderr
  const c = colors(out, io.env)
  const tty = Boolean(out.isTTY)
  let suite = ''
  let total: number | undefined
  let started = 0
  let lastDraw = 0
  let done = 0
  let failed = 0
  let skippedRows = 0

  const draw = (force = false) => {
    const t = now()
    if (!force && t - lastDraw < 80) return
    lastDraw = t
    const seconds = Math.max(0.001, (t - started) / 1000)
    const rate = done / seconds
    const width = Math.max(10, Math.min(30, (out.columns ?? 80) - 60))
    const share = total ? Math.min(1, done / total) : 0
    const bar = total ? `[${'█'.repeat(Math.round(share * width)).padEnd(width, '░')}] ` : ''
    const count = total ? `${done}/${total}` : `${done}`
    const fail = failed ? c.red(` ${failed} failed`) : ''
    out.write(`\r\x1b[2K${c.bold(suite)} ${bar}${count}${fail} ${c.dim(`${rate.toFixed(rate < 10 ? 1 : 0)} cases/s`)}`)
  }

  return (event: RunEvent) => {
    switch (event.type) {
      case 'run-start':
        out.write(`${c.dim(`vouch: run ${event.runId}${event.resumed ? ' (resumed)' : ''} → ${event.runDir}`)}\n`)
        for (const r of event.repaired ?? []) out.write(`vouch: ${r.file}:${r.line}: cut a torn last line (${r.bytes} bytes) left by an interrupted run\n`)
        if (event.salt?.source === 'generated') {
          out.write(
            `${c.yellow('note')} created ${event.salt.file ?? 'a project evidence salt'}: it keys the pseudonyms of redacted values in evidence. Keep it, or set VOUCH_EVIDENCE_SALT from your secret store in CI, so \`vouch export --subject\` finds a person across runs.\n`,
          )
        }
        break
      case 'suite-start':
        suite = event.suite
        total = event.estimatedRows
        started = now()
        done = 0
        failed = 0
        skippedRows = 0
        if (tty) draw(true)
        break
      case 'case-done':
        done = event.done
        failed = event.failed
        if (tty) draw()
        break
      case 'row-skipped':
        skippedRows++
        if (tty) out.write('\r\x1b[2K')
        out.write(`${c.yellow('skipped')} ${event.error.message}\n`)
        break
      case 'suite-done': {
        if (tty) out.write('\r\x1b[2K')
        const r = event.report
        const seconds = ((now() - started) / 1000).toFixed(1)
        const mark = r.gate.passed ? c.green('✓') : c.red('✗')
        out.write(
          `${mark} ${r.name}: ${r.counts.cases} cases, ${r.counts.total} results, ${r.counts.fail} failed, ${r.counts.error} errors, ${r.counts.skipped} skipped${skippedRows ? `, ${skippedRows} bad rows skipped` : ''} (${seconds}s)\n`,
        )
        break
      }
      case 'run-done':
        break
    }
  }
}
