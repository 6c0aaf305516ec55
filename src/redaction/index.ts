// The redaction layer: what every other layer uses to keep raw values out of text it writes or
// sends (reports, evidence, guardrail answers). It depends on core only.
export { redact, maskValue, type RedactOptions, type RedactableSpan } from './redact.js'
export { mergeSpans } from './merge-spans.js'
export { pseudonym } from './pseudonym.js'
export { normalizePiiValue } from './normalize-pii-value.js'
export { PSEUDONYM_MARKER, FIRST_PSEUDONYM_MARKER, markerType, redactionMarker } from './redaction-marker.js'
