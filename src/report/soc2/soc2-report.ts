import type { KeyObject } from 'node:crypto'
import { z } from 'zod'
import { parseOptions } from '../../core/parse-options.js'
import { collectControlEvidence, type ControlEvidence } from './collect-control-evidence.js'
import { renderSoc2Html } from './render-soc2-html.js'
import { renderSoc2Markdown } from './render-soc2-markdown.js'
import { resolveEvidenceSources } from './resolve-evidence-sources.js'

export interface Soc2ReportOptions {
  /** Run directories (single or merged), report.json files, evidence JSONL files or `postgres://…?table=NAME` stores. */
  inputs: string[]
  /** Anchors relative inputs (default: process cwd). */
  cwd?: string
  format?: 'md' | 'html'
  /** Failing records sampled per criterion (default 10). */
  sampleSize?: number
  /** How files are named in the report (default: as resolved). */
  display?: (path: string) => string
  toolVersion?: string
  /** Check PostgreSQL stores' signed checkpoints with this key; only verified checkpoints supply request counts. */
  publicKey?: KeyObject
  _internal?: { now?: () => Date }
}

export interface Soc2ReportResult {
  text: string
  evidence: ControlEvidence
}

const schema = z
  .object({
    inputs: z.array(z.string().min(1)).min(1, 'name at least one run directory or evidence file'),
    cwd: z.string().optional(),
    format: z.enum(['md', 'html']).default('md'),
    sampleSize: z.number().int().min(0).max(1000).default(10),
    display: z.custom<(p: string) => string>((v) => typeof v === 'function', 'must be a function').optional(),
    toolVersion: z.string().default('unknown'),
  })
  .strict()

/**
 * The SOC 2 control report: evidence logs read once as streams and verified on the way, organised
 * by Trust Services Criteria category and criterion (see `collectControlEvidence`).
 */
export async function soc2Report({ _internal: { now = () => new Date() } = {}, publicKey, ...options }: Soc2ReportOptions): Promise<Soc2ReportResult> {
  const { inputs, cwd = process.cwd(), format, sampleSize, display, toolVersion } = parseOptions(schema, options, 'soc2Report')
  const resolved = resolveEvidenceSources(inputs, cwd)
  const evidence = await collectControlEvidence(resolved, { sampleSize, ...(display ? { display } : {}), ...(publicKey ? { publicKey } : {}) })
  const meta = { generatedAt: now().toISOString(), toolVersion }
  return { text: format === 'html' ? renderSoc2Html(evidence, meta) : renderSoc2Markdown(evidence, meta), evidence }
}
