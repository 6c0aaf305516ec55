import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { defaultStoredTextDetectors } from '../../evaluators/stored-text-detectors.js'
import { generatePiiSet } from '../../test/helpers/pii-synthetic/generate-pii-set.js'
import { createStoredSampler } from '../evidence/stored-sample.js'
import { storedTextPool } from './stored-text-pool.js'

const salt = 'pool-test-salt-0123456789'
// The worker runs compiled code: tests run after `npm run build` (see COMMON.md).
const workerUrl = pathToFileURL(join(import.meta.dirname, '../../dist/src/runner/stored-text-worker.js'))
const built = existsSync(workerUrl)

describe.runIf(built)('storedTextPool on a worker thread', () => {
  it('stores the same text as the in-thread sampler: PII dev set (faker, 15 locales) as input, output, context and ids', async () => {
    const items = generatePiiSet({ split: 'dev', perTemplate: 3 })
    const sampler = createStoredSampler({ storage: 'redacted', salt, detectors: defaultStoredTextDetectors() })
    const pool = storedTextPool({ sampler: createStoredSampler({ storage: 'redacted', salt, detectors: defaultStoredTextDetectors() }), storage: 'redacted', salt, thread: true, _internal: { workerUrl } })
    try {
      const samples = items.map((item, i) => ({ input: item.text, output: items[(i + 1) % items.length]!.text, ...(i % 3 === 0 ? { context: [item.text, item.locale] } : {}) }))
      const [stored, ids] = await Promise.all([Promise.all(samples.map((s) => pool.store(s))), Promise.all(items.map((item) => pool.text(item.text.slice(0, 40))))])
      expect(stored).toEqual(samples.map((s) => sampler(s)))
      expect(ids).toEqual(items.map((item) => sampler.text(item.text.slice(0, 40))))
      // the comparison is not vacuous: most texts had PII replaced
      expect(stored.filter((s, i) => s.input !== samples[i]!.input).length).toBeGreaterThan(items.length / 2)
    } finally {
      await pool.close()
    }
  })

  it('stores a sample with tool calls in-thread (arguments a thread message cannot always carry)', async () => {
    const sampler = createStoredSampler({ storage: 'redacted', salt, detectors: defaultStoredTextDetectors() })
    const pool = storedTextPool({ sampler, storage: 'redacted', salt, thread: true, _internal: { workerUrl } })
    try {
      const sample = { output: 'done', toolCalls: [{ name: 'call', args: { phone: 4155550132, at: new Date(0), fn: () => 1 } }] }
      const stored = pool.store(sample)
      expect(stored).not.toBeInstanceOf(Promise)
      expect(stored).toEqual(sampler(sample))
    } finally {
      await pool.close()
    }
  })

  it('fails every pending and later job when the thread dies, naming why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-pool-'))
    const broken = join(dir, 'worker.mjs')
    writeFileSync(broken, "throw new Error('cannot load the detectors')\n")
    const sampler = createStoredSampler({ storage: 'redacted', salt, detectors: defaultStoredTextDetectors() })
    const pool = storedTextPool({ sampler, storage: 'redacted', salt, thread: true, _internal: { workerUrl: pathToFileURL(broken) } })
    await expect(pool.text('alice@example.com')).rejects.toThrow(/cannot load the detectors/)
    await expect(pool.text('bob@example.com')).rejects.toThrow(/cannot load the detectors/)
    await pool.close()
  })
})

describe('storedTextPool in-thread', () => {
  it('is the sampler itself when storage is not redacted, or no thread is wanted', async () => {
    const raw = createStoredSampler({ storage: 'raw' })
    const pool = storedTextPool({ sampler: raw, storage: 'raw', thread: true })
    expect(pool.store({ output: 'alice@example.com' })).toEqual({ storage: 'raw', output: 'alice@example.com' })
    const redacted = createStoredSampler({ storage: 'redacted', salt, detectors: defaultStoredTextDetectors() })
    const off = storedTextPool({ sampler: redacted, storage: 'redacted', salt, thread: false })
    expect(off.text('mail alice@example.com')).toBe(redacted.text('mail alice@example.com'))
    await Promise.all([pool.close(), off.close()])
  })
})
