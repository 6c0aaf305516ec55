// The SOC 2 control report: evidence by Trust Services Criteria.
export { soc2Report, type Soc2ReportOptions, type Soc2ReportResult } from './soc2-report.js'
export {
  collectControlEvidence,
  type ControlEvidence,
  type ControlOperation,
  type ControlSection,
  type CategorySection,
  type SampledRecord,
  type SourceVerification,
} from './collect-control-evidence.js'
export { resolveEvidenceSources, type EvidenceSource, type ResolvedSources } from './resolve-evidence-sources.js'
export { renderSoc2Markdown, type Soc2ReportMeta } from './render-soc2-markdown.js'
export { renderSoc2Html } from './render-soc2-html.js'
export { TSC_CATEGORIES, categoryOf, type TscCategoryId } from './trust-services-criteria.js'
