// PII detection, redaction and the `pii()` evaluator.
export { pii, type PiiOptions } from './pii.js'
export { detectPii, createPiiDetector, type PiiMatch, type PiiDetectOptions, type PiiDetector } from './detect-pii.js'
export { redact, maskValue, type RedactOptions, type RedactableSpan } from './redact.js'
export { pseudonym } from './pseudonym.js'
export { normalizePiiValue } from './normalize-pii-value.js'
export { PII_ENTITIES, type PiiEntity } from './pii-entity.js'
export { DEFAULT_PII_ENTITIES } from './default-entities.js'
export type { CustomRecognizer } from './custom-recognizer.js'
