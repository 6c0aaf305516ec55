import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateText, wrapLanguageModel } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { describe, expect, it } from 'vitest'
import { defineEvaluator, guardrail, jsonlEvidence } from '../../src/index.js'
import { signerFromKey } from '../../src/evidence/signer.js'
import { runCli } from '../helpers/cli.js'

const outputOk = defineEvaluator({ name: 'output-ok', version: '1.0.0', evaluate: () => ({ passed: true, score: 1, reason: 'fine' }) })

describe('requests seen in the file log’s signed checkpoints', () => {
  it('a guardrail’s request count is signed on close, and coverage counts the requests after the last record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-reqseen-'))
    const { privateKey, publicKey } = generateKeyPairSync('ed25519')
    writeFileSync(join(dir, 'k.pub'), publicKey.export({ type: 'spki', format: 'pem' }))
    const log = join(dir, 'guard.jsonl')
    const sink = jsonlEvidence(log, { signer: signerFromKey(privateKey), fsync: 'never' })
    let k = 0
    const model = wrapLanguageModel({
      model: new MockLanguageModelV4({
        doGenerate: async () => {
          // The last two requests fail at the provider: no output check, no record.
          if (++k > 4) throw new Error('provider unavailable')
          return { content: [{ type: 'text', text: 'ok' }], finishReason: { unified: 'stop', raw: 'stop' }, usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } }, warnings: [] }
        },
      }),
      middleware: guardrail({ output: [outputOk], evidence: sink, instanceId: 'g1', storeSample: 'none' }),
    })
    for (let i = 0; i < 6; i++) await generateText({ model, prompt: 'hi' }).catch(() => undefined)
    await sink.close()
    const checkpoints = readFileSync(join(dir, 'guard.checkpoints.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    expect(checkpoints.at(-1)).toMatchObject({ count: 4, requests: { g1: 6 } })

    const r = await runCli(['report', 'coverage', 'guard.jsonl', '--key', 'k.pub', '--format', 'json'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).metrics.audit.instances).toEqual([{ instance: 'g1', seen: 6, seenFrom: 'checkpoint', recorded: 4, missing: [5, 6], coverage: 4 / 6 }])
    expect((await runCli(['verify', 'guard.jsonl', '--key', 'k.pub'], { cwd: dir })).code).toBe(0)
  }, 60_000)
})
