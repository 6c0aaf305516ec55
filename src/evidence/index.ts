// The evidence log: write (jsonl, memory), verify, export, and what stored text may hold.
export {
  evidenceEntrySchema,
  evidenceRecordSchema,
  storedResultSchema,
  storedSampleSchema,
  GENESIS_HASH,
  type EvidenceEntry,
  type EvidenceRecord,
  type EvidenceSink,
  type StoredResult,
  type StoredSample,
} from './evidence-record.js'
export { chainRecord } from './chain-record.js'
export { jsonlEvidence, type FsyncPolicy, type JsonlEvidenceOptions, type JsonlEvidenceSink } from './jsonl-evidence.js'
export { memoryEvidence, type MemoryEvidenceSink } from './memory-evidence.js'
export { verifyEvidence, type EvidenceBreak, type VerifyEvidenceOptions, type VerifyEvidenceResult } from './verify-evidence.js'
export { exportEvidence, type ExportEvidenceOptions, type ExportEvidenceSummary } from './export-evidence.js'
export { EVIDENCE_CSV_COLUMNS, evidenceCsvHeader, evidenceCsvRow } from './evidence-csv.js'
export { storedSample, type StoredSampleOptions, type StoredTextDetector } from './stored-sample.js'
export { resolveSalt, resolveSaltInfo, saltId, SALT_ENV, SALT_FILE, type ResolveSaltOptions, type ResolvedSalt } from './resolve-salt.js'
export { postgresEvidence, GLOBAL_CHAIN_ID, type PostgresEvidenceOptions, type PostgresEvidenceSink, type PostgresChainMode } from './postgres/postgres-evidence.js'
export { scanPostgresEvidence, verifyPostgresEvidence, type PostgresVerifyResult, type PostgresChainResult } from './postgres/scan-postgres-evidence.js'
export { isPostgresUrl, parsePostgresUrl, type PostgresLocation } from './postgres/postgres-url.js'
export { scanEvidenceLocation, type LocationScan, type LocationChain } from './scan-evidence-location.js'
export { erasePostgresPayloads, type ErasePostgresResult } from './postgres/erase-postgres-payloads.js'
export { fileSigner, signerFromKey, readPublicKey, type EvidenceSigner } from './signer.js'
export { resolveSigner, SIGNING_KEY_ENV } from './resolve-signer.js'
export { CheckpointMatcher, requestsSeen, type SignatureCheck } from './checkpoint-matcher.js'
