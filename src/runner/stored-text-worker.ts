import { parentPort, workerData } from 'node:worker_threads'
import { defaultStoredTextDetectors } from '../../evaluators/stored-text-detectors.js'
import { createStoredSampler } from '../evidence/stored-sample.js'
import type { StoredTextJob, StoredTextReply, StoredTextWorkerData } from './stored-text-pool.js'

/**
 * The thread that redacts stored text for `storedTextPool`: the run's sampler (default detectors,
 * the run's salt, its text cache) applied to each batch of jobs, replies in the same order.
 */
const { salt } = workerData as StoredTextWorkerData
const sampler = createStoredSampler({ storage: 'redacted', salt, detectors: defaultStoredTextDetectors() })

parentPort!.on('message', (batch: StoredTextJob[]) => {
  const replies: StoredTextReply[] = batch.map((job) => {
    try {
      return { ok: true, value: job.kind === 'text' ? sampler.text(job.text) : sampler(job.sample) }
    } catch (error) {
      return { ok: false, message: (error as Error)?.message ?? String(error) }
    }
  })
  parentPort!.postMessage(replies)
})
