// A child process for the PostgreSQL tests, running the BUILT package (npm test builds first):
// a guarded model (mock provider) writing its evidence to one shared store.
//   node guard-worker.mjs URL TABLE INSTANCE calls N   N concurrent guarded calls after "go" on stdin, then exit 0
//   node guard-worker.mjs URL TABLE INSTANCE endless   appends batches of 20 records, printing each committed seq, until killed
import { generateText, wrapLanguageModel } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { defineEvaluator, guardrail, resolveSigner } from '../../dist/index.js'
import { postgresEvidence } from '../../dist/src/evidence/postgres/postgres-evidence.js'

const [url, table, instance, mode, n] = process.argv.slice(2)
// VOUCH_SIGNING_KEY set: the writer signs a checkpoint every 100 records and on close.
const signer = await resolveSigner({ env: process.env, cwd: process.cwd() })
const evidence = postgresEvidence({ connectionString: url, table, instanceId: instance, ...(signer ? { signer, checkpointEvery: { records: 100 } } : {}) })

const entry = (i) => ({
  ts: new Date(Date.UTC(2026, 0, 1, 0, 0, i % 60)).toISOString(),
  runId: 'run-1',
  caseId: `${instance}-${i}`,
  evaluator: { name: 'pii', version: '1.0.0', configHash: 'b'.repeat(64) },
  result: { evaluator: 'pii', version: '1.0.0', status: 'pass', passed: true, score: 1, reason: 'no PII found', findings: [] },
})

if (mode === 'endless') {
  process.stdout.write('ready\n')
  for (let i = 0; ; i += 20) {
    const records = await Promise.all(Array.from({ length: 20 }, (_, j) => evidence.append(entry(i + j))))
    process.stdout.write(`${records.at(-1).seq}\n`)
  }
}

const inputOk = defineEvaluator({ name: 'input-ok', version: '1.0.0', evaluate: () => ({ passed: true, score: 1, reason: 'fine' }) })
const emailCheck = defineEvaluator({
  name: 'email-check',
  version: '1.0.0',
  controls: ['P4.2'],
  evaluate(sample) {
    const text = sample.output ?? ''
    const at = text.search(/[\w.+-]{1,64}@[\w-]{1,63}\.[a-z]{2,24}/i)
    if (at === -1) return { passed: true, score: 1, reason: 'no e-mail' }
    const end = at + text.slice(at).search(/\s|$/)
    return { passed: false, score: 0, reason: 'found 1 EMAIL_ADDRESS in output', findings: [{ type: 'EMAIL_ADDRESS', field: 'output', start: at, end, score: 1 }] }
  },
})
let k = 0
const model = wrapLanguageModel({
  model: new MockLanguageModelV4({
    provider: 'mock-provider',
    modelId: 'mock-model',
    doGenerate: async () => ({
      content: [{ type: 'text', text: ++k % 10 === 0 ? 'write to jane.doe@example.com' : 'Happy to help.' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } },
      warnings: [],
    }),
  }),
  middleware: guardrail({
    input: [inputOk],
    output: [emailCheck],
    onOutput: 'redact',
    evidence,
    instanceId: instance,
    route: 'support',
    salt: 'test-salt-0123456789abcdef',
    // These tests prove correctness across processes, not latency (that is bench/postgres.bench.ts):
    // on a shared 2-core machine under load a process can be starved for over 10 s.
    evidenceTimeoutMs: 120_000,
    metadata: { cohort: instance.endsWith('1') ? 'beta' : 'ga' },
  }),
})
process.stdout.write('ready\n')
await new Promise((resolve) => process.stdin.once('data', () => resolve()))
process.stdin.pause()
const results = await Promise.allSettled(Array.from({ length: Number(n) }, (_, i) => generateText({ model, prompt: `question ${i}` })))
const failed = results.filter((r) => r.status === 'rejected')
await evidence.close()
if (failed.length) {
  process.stderr.write(`${failed.length} calls failed: ${String(failed[0].reason)}\n`)
  process.exit(1)
}
