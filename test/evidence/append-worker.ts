// A child process for the two-process test: appends N records to one log as fast as it can, in
// bursts of concurrent appends. Loaded through jiti (node bench/load.js this-file LOG N TAG).
import { jsonlEvidence } from '../../src/evidence/jsonl-evidence.js'
import { makeEntry } from './make-entry.js'

const [path, n, tag, mode = 'bursts'] = process.argv.slice(3)
const total = Number(n)
const sink = jsonlEvidence(path!, { fsync: 'never' })
// Start together with the other worker: say ready, wait for the parent's "go".
process.stdout.write('ready\n')
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()))
process.stdin.pause()
if (mode === 'sequential') {
  // One awaited append after another, no pauses (the release gate's pattern): the lock lease must
  // still let the other process in.
  for (let j = 0; j < total; j++) await sink.append(makeEntry(j, { runId: tag!, caseId: `${tag}-${j}` }))
}
// Bursts of concurrent appends with short pauses, so the two processes' writes overlap in time.
else for (let i = 0; i < total; i += 10) {
  const burst = []
  for (let j = i; j < Math.min(total, i + 10); j++) burst.push(sink.append(makeEntry(j, { runId: tag!, caseId: `${tag}-${j}` })))
  await Promise.all(burst)
  await new Promise((r) => setTimeout(r, 2))
}
await sink.close()
