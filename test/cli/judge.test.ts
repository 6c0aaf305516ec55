// `vouch eval` (the built CLI) with an LLM judge served by a local OpenAI-compatible server
// (127.0.0.1, port 0, started here): the judge is recorded, sees no raw PII, replays without
// provider variables, a garbage answer keeps the deterministic verdicts, and --require-judge holds.
import { appendFileSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeProject, runCli } from '../helpers/cli.js'
import { criterionOf, startOpenAiServer, verdictText, type OpenAiServer, type ReplyFn } from '../helpers/openai-server.js'

const rubric = `---
id: support-judged
version: 1.0.0
owner: compliance@example.com
controls: [C1.1, PI1.3]
judge:
  maxRetries: 1
  initialDelayMs: 1
criteria:
  - id: no-card
    severity: critical
    kind: no-pii
    field: output
    entities: [CREDIT_CARD]
    description: The answer never repeats a card number.
  - id: polite
    severity: medium
    kind: judge
    requirement: The answer is polite and addresses the customer's question.
    description: Polite, on-topic answers.
---
A rubric with one rule and one judge criterion.
`

const config = `
import { defineConfig, isCompliant } from 'vouch'
export default defineConfig({
  suites: [{
    name: 'support',
    dataset: 'data/cases.jsonl',
    model: { provider: 'acme-llm', id: 'app-model-7' },
    evaluators: [isCompliant({ rubric: 'rubrics/support-judged.md' })],
  }],
})
`

const EMAILS = ['maria.gonzalez@example.com', 'kenji.tanaka@example.org']
const CARD = '4111 1111 1111 1111'
const rows = [
  { id: 'c1', input: `I am ${EMAILS[0]}, where is my refund?`, output: 'Your refund was issued yesterday; it arrives within 5 days.' },
  { id: 'c2', input: `Please charge card ${CARD} and mail ${EMAILS[1]}.`, output: `Done: charged ${CARD}, receipt sent to ${EMAILS[1]}.` },
  { id: 'c3', input: 'Can I change my delivery address?', output: 'Yes, you can change it in your account settings.' },
]
const jsonl = (list: object[]) => list.map((r) => JSON.stringify(r)).join('\n') + '\n'
const env = { SOURCE_DATE_EPOCH: '1767225600' }

let server: OpenAiServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const judgeReply: ReplyFn = (r) => ({ text: verdictText('pass', { criterion: criterionOf(r), reason: 'polite and on topic' }) })

interface Evidence {
  caseId: string
  model?: { provider: string; id: string }
  result: { status: string; details?: { criteria?: { id: string; status: string }[]; judge?: Record<string, unknown> } }
}
const readEvidence = (cwd: string, dir: string): Evidence[] =>
  readFileSync(join(cwd, dir, 'evidence.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => {
      // record format 2: the fields are in `payload`; format 1 lines hold them at the top level
      const r = JSON.parse(l) as { payload?: Evidence } & Evidence
      return r.payload ?? r
    })
const verdicts = (records: Evidence[]) => records.map((r) => [r.caseId, r.result.status, ...(r.result.details?.criteria ?? []).map((c) => `${c.id}:${c.status}`)])

describe('vouch eval with an LLM judge on a local server', () => {
  it('records the judge in evidence and reports, sends no raw PII, and replays with no provider variables', async () => {
    server = await startOpenAiServer({ reply: judgeReply })
    const cwd = makeProject({ 'vouch.config.ts': config, 'rubrics/support-judged.md': rubric, 'data/cases.jsonl': jsonl(rows) })
    const judgeEnv = { ...env, OPENAI_BASE_URL: server.baseURL, VOUCH_JUDGE_MODEL: 'local-judge-8b' }
    const recorded = await runCli(['eval', '--record', '--run-id', 'r1', '--out', 'out'], { cwd, env: judgeEnv })
    expect(recorded.code, recorded.stderr).toBe(1) // c2 repeats a card number
    expect(server.requests).toHaveLength(3)

    // no raw e-mail or card number reached the judge
    const sent = server.requests.map((r) => r.raw).join('\n')
    for (const value of [...EMAILS, CARD, CARD.replace(/ /g, '')]) expect(sent).not.toContain(value)
    expect(sent).toContain('<EMAIL_ADDRESS_1>')
    expect(sent).toContain('<CREDIT_CARD_1>')

    // evidence: the judge (model, endpoint host, API) is recorded apart from the app's model
    const evidence = readEvidence(cwd, 'out/r1')
    expect(evidence).toHaveLength(3)
    for (const record of evidence) {
      expect(record.model).toEqual({ provider: 'acme-llm', id: 'app-model-7' })
      expect(record.result.details!.judge).toMatchObject({ provider: 'openai', modelId: 'local-judge-8b', api: 'chat-completions', endpoint: server.host, temperature: 0, redaction: { mode: 'pseudonymize' } })
      expect(JSON.stringify(record)).not.toContain('not-needed')
    }
    expect(verdicts(evidence)).toEqual([
      ['c1', 'pass', 'no-card:pass', 'polite:pass'],
      ['c2', 'fail', 'no-card:fail', 'polite:pass'],
      ['c3', 'pass', 'no-card:pass', 'polite:pass'],
    ])

    // summary.md and report.html name the judge per criterion
    const summary = readFileSync(join(cwd, 'out/r1/summary.md'), 'utf8')
    expect(summary).toMatch(/\| is-compliant \| polite \| `openai:local-judge-8b` \| chat-completions \| `127\.0\.0\.1:\d+` \| 0 \| 1 \| `[0-9a-f]{12}` \| pseudonymised \(\d+ values\) \| 3 \| 0 \| 0 \| 0 \| 0 \| 100\.0% \|/)
    const html = readFileSync(join(cwd, 'out/r1/report.html'), 'utf8')
    expect(html).toContain('<h3>LLM judge</h3>')
    expect(html).toContain('openai:local-judge-8b')
    expect(html).toContain(server.host)
    const report = JSON.parse(readFileSync(join(cwd, 'out/r1/report.json'), 'utf8'))
    expect(report.suites[0].judges[0]).toMatchObject({ criterion: 'polite', judge: { modelId: 'local-judge-8b', endpoint: server.host }, pass: 3 })
    const cassettes = readdirSync(join(cwd, 'data/cassettes'))
    expect(cassettes).toHaveLength(3)
    const stored = cassettes.map((f) => readFileSync(join(cwd, 'data/cassettes', f), 'utf8')).join('\n')
    for (const value of [...EMAILS, CARD]) expect(stored).not.toContain(value)

    // replay with NO provider variables: the judge's cassettes answer, same verdicts, no request sent
    const replayed = await runCli(['eval', '--replay', '--run-id', 'r2', '--out', 'out', '--require-judge'], { cwd, env: { ...env, VOUCH_JUDGE_MODEL: 'local-judge-8b' } })
    expect(replayed.code, replayed.stderr).toBe(1)
    expect(server.requests).toHaveLength(3)
    const again = readEvidence(cwd, 'out/r2')
    expect(verdicts(again)).toEqual(verdicts(evidence))
    expect(again[0]!.result.details!.judge).toMatchObject({ provider: 'openai', modelId: 'local-judge-8b', api: 'none', endpoint: null, source: 'none' })
    expect(readFileSync(join(cwd, 'out/r2/summary.md'), 'utf8')).toContain('judge criteria not run (requireJudge): 0')

    // a judge call with no cassette under --replay stops the run (exit 2) naming the key
    appendFileSync(join(cwd, 'data/cases.jsonl'), jsonl([{ id: 'c4', input: 'New question?', output: 'A new answer.' }]))
    const miss = await runCli(['eval', '--replay', '--run-id', 'r3', '--out', 'out'], { cwd, env: { ...env, VOUCH_JUDGE_MODEL: 'local-judge-8b' } })
    expect(miss.code).toBe(2)
    expect(miss.stderr).toMatch(/no cassette for this openai:local-judge-8b call/)
    expect(miss.stderr).toMatch(/[0-9a-f]{64}/)
    expect(server.requests).toHaveLength(3)
  })

  it('a garbage judge answer keeps the failed deterministic rule visible; the gate counts failures and errors apart', async () => {
    server = await startOpenAiServer({ reply: () => ({ text: 'Sure! The answer looks fine to me.' }) })
    const cwd = makeProject({ 'vouch.config.ts': config, 'rubrics/support-judged.md': rubric, 'data/cases.jsonl': jsonl(rows) })
    const r = await runCli(['eval', '--run-id', 'g1', '--out', 'out'], { cwd, env: { ...env, OPENAI_BASE_URL: server.baseURL } })
    expect(r.code, r.stderr).toBe(1)
    expect(server.requests).toHaveLength(6) // each criterion asked once more with the schema problem
    const evidence = readEvidence(cwd, 'out/g1')
    expect(verdicts(evidence)).toEqual([
      ['c1', 'error', 'no-card:pass', 'polite:error'],
      ['c2', 'fail', 'no-card:fail', 'polite:error'],
      ['c3', 'error', 'no-card:pass', 'polite:error'],
    ])
    const polite = evidence[1]!.result.details!.criteria!.find((c) => c.id === 'polite') as unknown as { judge: { error: { code: string; problem: string; answer: string } } }
    expect(polite.judge.error).toMatchObject({ code: 'judge_malformed_output', problem: 'not valid JSON', answer: 'Sure! The answer looks fine to me.' })
    expect(r.stdout).toContain('suite maxFailures = 3 (1 failed, 2 errors, 0 skipped) (threshold 0)')
    const summary = readFileSync(join(cwd, 'out/g1/summary.md'), 'utf8')
    expect(summary).toContain('suite maxFailures: 3 (1 failed, 2 errors, 0 skipped) (needs ≤ 0)')
    expect(summary).toContain('| is-compliant | polite | `openai:gpt-4o-mini` | chat-completions |')
  })

  it('--require-judge fails the gate when no judge is configured, even when the gate allows skipped results', async () => {
    const allowing = config.replace("evaluators: [", "gate: { allowSkipped: true },\n    evaluators: [")
    const clean = rows.filter((r) => r.id !== 'c2')
    const cwd = makeProject({ 'vouch.config.ts': allowing, 'rubrics/support-judged.md': rubric, 'data/cases.jsonl': jsonl(clean) })
    const lenient = await runCli(['eval', '--run-id', 'n1', '--out', 'out'], { cwd, env })
    expect(lenient.code, lenient.stderr).toBe(0) // what CI without the secret used to get: green, judge never ran
    const strict = await runCli(['eval', '--run-id', 'n2', '--out', 'out', '--require-judge'], { cwd, env })
    expect(strict.code).toBe(1)
    expect(strict.stdout).toContain('suite judge criteria not run (--require-judge / requireJudge) = 2 (threshold 0)')
    const summary = readFileSync(join(cwd, 'out/n2/summary.md'), 'utf8')
    expect(summary).toContain('❌ suite judge criteria not run (requireJudge): 2 (needs ≤ 0)')
  })
})
