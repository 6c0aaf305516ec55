// PII detection, redaction and the `pii()` evaluator.
export { pii, type PiiOptions } from './pii.js'
export { detectPii, createPiiDetector, type PiiMatch, type PiiDetectOptions, type PiiDetector } from './detect-pii.js'
export { redact, maskValue, type RedactOptions, type RedactableSpan } from '../../src/redaction/redact.js'
export { pseudonym } from '../../src/redaction/pseudonym.js'
export { normalizePiiValue } from '../../src/redaction/normalize-pii-value.js'
export { PII_ENTITIES, type PiiEntity } from './pii-entity.js'
export { DEFAULT_PII_ENTITIES } from './default-entities.js'
export type { CustomRecognizer } from './custom-recognizer.js'
