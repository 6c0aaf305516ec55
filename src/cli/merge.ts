import { UsageError } from '../core/errors/usage-error.js'
import { reporterNames, writeReports } from '../report/index.js'
import { mergeRuns } from '../runner/merge-runs.js'
import type { Command } from './cli-io.js'
import { parseFlagTable, usageText, type FlagTable } from './flag-table.js'
import { EXIT } from './exit-codes.js'
import { summaryTable } from './summary-table.js'

const flags = {
  out: { type: 'string', value: 'DIR', help: 'where the merged run goes (default: merged-<hash> next to the first shard)' },
  'run-id': { type: 'string', value: 'ID', help: 'name of the merged run (default: merged- + a hash of the shard run ids)' },
} as const satisfies FlagTable

const usage = usageText({
  synopsis: 'vouch merge DIR... [--out DIR] [--run-id ID]',
  description: `Joins the run directories of one sharded run (vouch eval --shard I/N, one per shard) into one run:
report.json, summary.md, junit.xml and report.html over all cases, with each suite's gate
recomputed from the merged counts. Each shard's evidence chain is copied as is, verified, to
evidence/shard-<I>.jsonl; manifest.json names every shard's run id, evidence file, record count
and last hash (report.json names the manifest's sha256).

Refuses, with exit 2: shards of different configs (config sha256), suites, evaluators or commits;
a missing or duplicate shard; an incomplete shard; evidence that does not verify (names the shard,
line and reason).
Exit 0: every merged gate passed. 1: a merged gate failed. 2: bad input. 3: internal error.`,
  flags,
})

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'join the shard runs of --shard I/N into one report, one verified evidence chain per shard',
  usage,
  flags,
  async run(argv, io) {
    const { values, positionals } = parseFlagTable(flags, argv, { positionals: true })
    if (positionals.length === 0) throw new UsageError({ message: 'merge takes the shard run directories (at least one DIR)' })
    const runId = values['run-id']
    if (runId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(runId)) throw new UsageError({ message: '--run-id takes letters, digits, ".", "_" and "-"' })
    const { report, outDir } = await mergeRuns({
      dirs: positionals,
      cwd: io.cwd,
      ...(values.out !== undefined ? { outDir: values.out } : {}),
      ...(runId ? { runId } : {}),
    })
    writeReports(report, outDir, reporterNames)
    io.stdout.write(summaryTable(report, outDir, io, io.stdout))
    io.stdout.write(`merged ${report.shards?.length ?? 0} shards: ${report.evidence.count} evidence records in ${report.shards?.length ?? 0} verified chains (manifest.json)\n`)
    return report.exitCode === 0 ? EXIT.ok : EXIT.failed
  },
}
