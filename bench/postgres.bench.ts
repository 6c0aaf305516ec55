/**
 * PostgreSQL evidence store under contention, beside the JSONL sink in the same run:
 * - writers: 1, 4 and 16 concurrent writers in ONE process, each its own sink (own connection,
 *   own instance), each appending sequential awaited records (a guardrail decision waits for its
 *   record), for a fixed number of records per writer;
 * - modes: one chain per writer instance (no cross-writer lock) vs one global chain serialised by
 *   an advisory lock; JSONL: every writer a jsonlEvidence sink on ONE shared file (fsync batch),
 *   so they contend on its lock file;
 * - signed: chain per instance with a signer (Ed25519, node:crypto), a checkpoint every 100
 *   records in the records' transaction: the cost of signed checkpoints;
 * - figures: records/s overall and the p50/p99 latency of one append (what a guarded call waits for).
 * Needs the local PostgreSQL (VOUCH_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/test).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeEntry } from '../test/evidence/make-entry.js'
import { dropStore, PG_URL, uniqueTable } from '../test/postgres/pg-test-db.js'
import { jsonlEvidence } from '../src/evidence/jsonl-evidence.js'
import { postgresEvidence } from '../src/evidence/postgres/postgres-evidence.js'
import type { EvidenceSink } from '../src/evidence/evidence-record.js'
import { generateKeyPairSync } from 'node:crypto'
import { signerFromKey } from '../src/evidence/signer.js'
import { median } from './measure.js'

const PER_WRITER = Number(process.env.BENCH_PG_RECORDS ?? 400)
const RUNS = 3
const dir = mkdtempSync(join(tmpdir(), 'vouch-bench-pg-'))
const signer = signerFromKey(generateKeyPairSync('ed25519').privateKey)

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!
}

type Kind = 'jsonl' | 'instance' | 'signed' | 'global'

async function run(kind: Kind, writers: number): Promise<{ rps: number; p50: number; p99: number }> {
  const table = uniqueTable('vouch_bench')
  const file = join(dir, `${table}.jsonl`)
  const sinks: EvidenceSink[] = Array.from({ length: writers }, (_, w) =>
    kind === 'jsonl'
      ? jsonlEvidence(file, { fsync: 'batch' })
      : postgresEvidence({
          connectionString: PG_URL,
          table,
          instanceId: `w${w}`,
          chain: kind === 'global' ? 'global' : 'instance',
          ...(kind === 'signed' ? { signer, checkpointEvery: { records: 100 } } : {}),
        }),
  )
  // Open (connect, migrate, register) before the clock starts.
  await Promise.all(sinks.map((s) => s.lastHash()))
  const latencies: number[] = []
  const t0 = performance.now()
  await Promise.all(
    sinks.map(async (sink, w) => {
      for (let i = 0; i < PER_WRITER; i++) {
        const a = performance.now()
        await sink.append(makeEntry(i, { caseId: `w${w}-${i}` }))
        latencies.push(performance.now() - a)
      }
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  await Promise.all(sinks.map((s) => s.close()))
  if (kind !== 'jsonl') await dropStore(table)
  return { rps: (writers * PER_WRITER) / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) }
}

console.log(`PostgreSQL evidence store vs JSONL, ${PER_WRITER} sequential appends per writer, median of ${RUNS} runs (${PG_URL.replace(/:[^:@/]*@/, ':***@')})`)
console.log(`${'sink'.padEnd(34)} ${'writers'.padStart(7)} ${'records/s'.padStart(10)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  vs JSONL`)
const KINDS: Kind[] = ['jsonl', 'instance', 'signed', 'global']
const label: Record<Kind, string> = {
  jsonl: 'jsonlEvidence (one shared file)',
  instance: 'postgres, chain per instance',
  signed: 'postgres, per instance, signed/100',
  global: 'postgres, one global chain',
}
for (const writers of [1, 4, 16]) {
  const rows: Record<string, { rps: number; p50: number; p99: number }> = {}
  for (const kind of KINDS) {
    const runs = []
    for (let r = 0; r < RUNS; r++) runs.push(await run(kind, writers))
    rows[kind] = { rps: median(runs.map((x) => x.rps)), p50: median(runs.map((x) => x.p50)), p99: median(runs.map((x) => x.p99)) }
  }
  for (const kind of KINDS) {
    const x = rows[kind]!
    const ratio = kind === 'jsonl' ? '' : `${(x.rps / rows.jsonl!.rps).toFixed(2)}×`
    console.log(`${label[kind].padEnd(34)} ${String(writers).padStart(7)} ${Math.round(x.rps).toLocaleString('en-US').padStart(10)} ${x.p50.toFixed(2).padStart(8)} ${x.p99.toFixed(2).padStart(8)}  ${ratio}`)
  }
}
rmSync(dir, { recursive: true, force: true })
