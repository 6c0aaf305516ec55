/**
 * The one grammar of redaction markers written into text:
 *
 * - `<TYPE>`: style `type`, e.g. `<EMAIL_ADDRESS>`;
 * - `<TYPE:xxxxxxxx>`: style `hash`, the type and the 8-hex salted pseudonym of the value
 *   (see `pseudonym`), e.g. `<EMAIL_ADDRESS:3f9a1c2e>`.
 *
 * A type is 1 to 64 characters of `A-Z a-z 0-9 _ . -`; anything else is written as `REDACTED`.
 * Every pattern here is bounded and linear-time.
 */

/** A valid marker type. */
const TYPE = /^[A-Za-z0-9_.-]{1,64}$/

/** A pseudonym marker anywhere in a text; group 1 is the type, group 2 the pseudonym. Global: use with `matchAll`. */
export const PSEUDONYM_MARKER = /<([A-Za-z0-9_.-]{1,64}):([0-9a-f]{8})>/g

/** The first pseudonym marker of a text (not global, so `exec` has no state). */
export const FIRST_PSEUDONYM_MARKER = /<[A-Za-z0-9_.-]{1,64}:[0-9a-f]{8}>/

/** The type as it may appear in a marker: itself when valid, else `REDACTED`. */
export function markerType(type: unknown): string {
  return typeof type === 'string' && TYPE.test(type) ? type : 'REDACTED'
}

/** `<TYPE>` or, with a pseudonym, `<TYPE:pseudonym>`. */
export function redactionMarker(type: string, pseudonym?: string): string {
  const t = markerType(type)
  return pseudonym === undefined ? `<${t}>` : `<${t}:${pseudonym}>`
}
