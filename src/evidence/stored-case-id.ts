import { storedSample } from './stored-sample.js'

/**
 * A case id as it may be stored or printed: ids are data too (a dataset's `id` column may hold an
 * e-mail or a phone number), so they go through the same redaction as judged text — PII and
 * secrets become salted pseudonyms (`<EMAIL_ADDRESS:3f9a1c2e>`), the rest stays readable. Raw
 * only when the evidence storage is explicitly `raw`.
 */
export function storedCaseId(id: string, { storage, salt }: { storage: 'redacted' | 'raw' | 'none'; salt: string | undefined }): string {
  if (storage === 'raw' || salt === undefined) return id
  return storedSample({ output: id }, { storage: 'redacted', salt }).output ?? id
}
