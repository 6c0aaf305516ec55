import type { KeyObject } from 'node:crypto'
import { scanEvidenceLocation, type LocationScan } from '../../evidence/scan-evidence-location.js'
import { coverageCollector, type CoverageBucket, type CoverageMetrics } from './collect-coverage.js'
import { renderCoverageMarkdown } from './render-coverage-markdown.js'

export interface CoverageReportOptions {
  /** Evidence JSONL files and/or `postgres://…?table=NAME` stores. */
  inputs: string[]
  cwd?: string
  format?: 'md' | 'json'
  bucket?: CoverageBucket
  /** Check every chain's signed checkpoints (and the request counts they carry) against this key. */
  publicKey?: KeyObject
  _internal?: { now?: () => Date }
}

export interface CoverageReportResult {
  text: string
  metrics: CoverageMetrics
  sources: LocationScan[]
  /** Every chain of every source verified intact. */
  intact: boolean
}

/**
 * The production coverage report: audit-log coverage (requests with a record ÷ requests the
 * guardrail saw), fail rate by route and cohort, privacy failures per 1,000 requests over time,
 * model and provider drift, and LLM-judge agreement, from evidence read as a stream and verified
 * on the way (a broken chain is reported, and only the intact records before it are counted).
 */
export async function coverageReport({ inputs, cwd = process.cwd(), format = 'md', bucket = 'week', publicKey, _internal: { now = () => new Date() } = {} }: CoverageReportOptions): Promise<CoverageReportResult> {
  const collector = coverageCollector({ bucket })
  const sources: LocationScan[] = []
  for (const input of inputs) {
    const scan = await scanEvidenceLocation(input, (r) => collector.add(r), { cwd, publicKey })
    collector.addRequestsSeen(scan.requests)
    sources.push(scan)
  }
  const metrics = collector.result()
  const intact = sources.every((s) => s.ok)
  const meta = { generatedAt: now().toISOString(), bucket, sources, intact, signed: publicKey !== undefined }
  const text = format === 'json' ? `${JSON.stringify({ ...meta, metrics }, null, 2)}\n` : renderCoverageMarkdown(metrics, meta)
  return { text, metrics, sources, intact }
}
