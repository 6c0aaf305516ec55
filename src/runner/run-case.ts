import type { SuiteConfig, TaskContext, TaskOutput } from '../config/config-schema.js'
import { errorResult, runEvaluator } from '../core/run-evaluator.js'
import type { EvalResult, ModelRef, Sample } from '../core/types.js'
import type { StoredSample } from '../evidence/evidence-record.js'
import type { CaseRecord } from './run-report.js'

export interface RunCaseOptions {
  suite: SuiteConfig
  sample: Sample
  /** Index of the dataset within the suite, row within it (0-based), and 1-based line. */
  dataset: number
  row: number
  line: number
  /** The case id as stored (redacted), or the redaction under way. */
  caseId: string | Promise<string>
  /** The suite's model when the row names none. */
  suiteModel?: ModelRef
  /** Applied to every model the task and the evaluators call (record/replay cassettes). */
  wrapModel: <M>(model: M) => M
  /** The judged sample as stored with the case (redacted by default; possibly on another thread). */
  store: (judged: Sample) => StoredSample | Promise<StoredSample>
  /** The stored sample already asked for (recorded outputs: the sample is the judged text). */
  stored?: StoredSample | Promise<StoredSample>
  /** Throws when the run must stop after this case (e.g. a cassette miss during replay). */
  checkAbort?: () => void
}

/**
 * One case: run the task (unless the suite's outputs are recorded), then every evaluator on the
 * judged sample. A task that fails or times out gives each evaluator an `error` result, with the
 * task's message; a verdict is data, so a failing case never throws.
 */
export async function runCase({ suite, sample, dataset, row, line, caseId, suiteModel, wrapModel, store, stored: storedEarly, checkAbort }: RunCaseOptions): Promise<CaseRecord> {
  const model = sample.model ?? suiteModel
  let judged: Sample = model ? { ...sample, model } : sample
  let taskError: unknown
  if (suite.task !== 'recorded') {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(new Error(`task timed out after ${suite.taskTimeoutMs} ms`)), suite.taskTimeoutMs)
    try {
      const ctx: TaskContext = { wrapModel, signal: controller.signal, ...(suite.prompt ? { prompt: suite.prompt } : {}) }
      const produced = await Promise.race([
        Promise.resolve(suite.task(judged, ctx)),
        new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true })),
      ])
      judged = mergeTaskOutput(judged, produced)
    } catch (error) {
      taskError = error
    } finally {
      clearTimeout(timer)
    }
  }
  const results: EvalResult[] = taskError
    ? suite.evaluators.map((e) => errorResult(e, new Error(`task failed: ${(taskError as Error)?.message ?? String(taskError)}`), 0))
    : await Promise.all(suite.evaluators.map((e) => runEvaluator(e, judged, { timeoutMs: suite.timeoutMs, wrapModel })))
  checkAbort?.()
  const stored = await (storedEarly ?? store(judged))
  const storedId = await caseId
  // A case passes when every result passes, or is a skip / error the suite's gate allows.
  const allowSkipped = suite.gate.allowSkipped ?? false
  const allowErrors = suite.gate.allowErrors ?? false
  return {
    suite: suite.name,
    caseId: storedId,
    dataset,
    row,
    line,
    ...(judged.model ? { model: judged.model } : {}),
    ...(stored ? { sample: stored } : {}),
    results,
    passed: results.every((r) => r.status === 'pass' || (r.status === 'skipped' && allowSkipped) || (r.status === 'error' && allowErrors)),
  }
}

function mergeTaskOutput(sample: Sample, produced: TaskOutput): Sample {
  if (typeof produced === 'string') return { ...sample, output: produced }
  if (!produced || typeof produced.output !== 'string') throw new TypeError('task must return a string or { output: string }')
  return {
    ...sample,
    output: produced.output,
    ...(produced.toolCalls ? { toolCalls: produced.toolCalls } : {}),
    ...(produced.model ? { model: produced.model as ModelRef } : {}),
  }
}
