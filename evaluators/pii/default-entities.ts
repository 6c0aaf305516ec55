import { PII_ENTITIES, type PiiEntity } from './pii-entity.js'

/**
 * What `pii()` looks for when `entities` is not given: personal data. People, contact details,
 * identifiers, financial numbers, street addresses, IP addresses, and dates tied to a person
 * (born, DOB, admitted… — see `PERSONAL_DATE_MIN_SCORE`). Not by default, because on their own
 * they are not personal data and flagging them over-redacts ordinary answers ("Thank you for
 * contacting Acme. We ship to Canada; see https://acme.example"): ORGANIZATION, LOCATION (a city,
 * region or country), URL, and dates without personal context. Ask for them with `entities`.
 * `detectPii` itself detects every built-in entity unless told otherwise.
 */
/** Built-in entities that are not personal data on their own: only when asked for. */
const NOT_PERSONAL: ReadonlySet<PiiEntity> = new Set(['URL', 'LOCATION', 'ORGANIZATION'])

export const DEFAULT_PII_ENTITIES: readonly PiiEntity[] = PII_ENTITIES.filter((entity) => !NOT_PERSONAL.has(entity))

/** In the default set a date counts only with personal context (the date recognizer scores those 0.85). */
export const PERSONAL_DATE_MIN_SCORE = 0.8

/** Does a match belong in the default set's findings? */
export function isDefaultFinding(match: { type: string; score: number }): boolean {
  return match.type !== 'DATE_TIME' || match.score >= PERSONAL_DATE_MIN_SCORE
}
