import { writeFileSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve } from 'node:path'
import { UsageError } from '../core/errors/usage-error.js'
import { soc2Report } from '../report/soc2/index.js'
import type { Command } from './cli-io.js'
import { parseFlags } from './parse-flags.js'
import { EXIT } from './exit-codes.js'
import { toolVersion } from './tool-version.js'
import { coverageUsage, runCoverage } from './report-coverage.js'

const usage = `Usage: vouch report soc2 [RUN_DIR | REPORT_JSON | EVIDENCE_FILE]... [--format md|html] [--out FILE] [--sample N]

Writes a SOC 2 control report from evidence: by Trust Services Criteria category (Security CC*,
Availability A*, Processing Integrity PI*, Confidentiality C*, Privacy P*) and criterion, the
evaluators and rubrics that evidence it (versions, owners), records, coverage (cases or requests
with a record), pass/fail/error rates, each log's hash-chain verification, and a reproducible sample
of failing records with their file, line, seq and hash.

Inputs: a run directory (its report.json names the log, last hash and count), a merged run
directory (vouch merge: every shard's chain), a report.json, or evidence JSONL files (guardrail
logs). Logs are read as streams.

Options:
  --format md|html   output format (default: md)
  --out FILE         write to FILE (default: stdout)
  --sample N         failing records sampled per criterion (default: 10)

Exit 0: report written, every log intact. 1: report written, but a log failed verification (the
report says where). 2: bad usage or unreadable input.

${coverageUsage}`

export const reportCommand: Command = {
  name: 'report',
  summary: 'write a SOC 2 control report (by Trust Services Criteria) or a production coverage report from evidence',
  usage,
  async run(argv, io) {
    const [kind, ...rest] = argv
    if (kind === 'coverage') return runCoverage(rest, io)
    if (kind !== 'soc2') throw new UsageError({ message: kind === undefined ? 'report needs a kind: soc2 or coverage' : `unknown report "${kind}"; the kinds are soc2 and coverage` })
    const parsed = parseFlags({ args: rest, allowPositionals: true, options: { format: { type: 'string' }, out: { type: 'string' }, sample: { type: 'string' } } })
    const { values, positionals } = parsed
    const format = values.format ?? 'md'
    if (format !== 'md' && format !== 'html') throw new UsageError({ message: `--format takes md or html (got "${format}")` })
    if (values.sample !== undefined && !/^\d{1,4}$/.test(values.sample)) throw new UsageError({ message: `--sample takes a whole number (got "${values.sample}")` })
    const out = values.out === undefined ? undefined : resolve(io.cwd, values.out)
    // Files are named relative to where the report is read from, so its links open the records.
    const base = out ? dirname(out) : io.cwd
    const display = (path: string) => {
      const r = relative(base, path)
      return r === '' || r.startsWith('..') || isAbsolute(r) ? path : r
    }
    const { text, evidence } = await soc2Report({
      inputs: positionals,
      cwd: io.cwd,
      format,
      display,
      toolVersion: await toolVersion(),
      ...(values.sample !== undefined ? { sampleSize: Number(values.sample) } : {}),
    })
    if (out) {
      writeFileSync(out, text)
      io.stderr.write(`vouch report: ${evidence.records} records from ${evidence.sources.length} logs → ${out}\n`)
    } else {
      io.stdout.write(text)
    }
    if (!evidence.intact) {
      for (const s of evidence.sources.filter((x) => !x.ok)) io.stderr.write(`vouch report: TAMPERED ${s.file}: line ${s.firstBad!.line} (seq ${s.firstBad!.seq}): ${s.firstBad!.reason}\n`)
      for (const p of evidence.problems) io.stderr.write(`vouch report: ${p.file}: ${p.reason}\n`)
      return EXIT.failed
    }
    return EXIT.ok
  },
}
