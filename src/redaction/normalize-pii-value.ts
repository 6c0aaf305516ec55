const DIGITS_ONLY: ReadonlySet<string> = new Set(['PHONE_NUMBER', 'CREDIT_CARD', 'US_SSN', 'US_BANK_NUMBER'])

/**
 * The canonical form of a detected value, so two spellings of the same identifier compare (and
 * pseudonymise) equal: e-mails lower-cased, phone/card/SSN/bank numbers reduced to their digits,
 * IBANs without spaces and upper-cased, everything else trimmed and upper-cased.
 * Used by `pseudonym` (style `hash`) and by the `leaks` mode of `pii()`.
 */
export function normalizePiiValue(value: string, type: string): string {
  const trimmed = value.normalize('NFKC').trim()
  if (type === 'EMAIL_ADDRESS') return trimmed.toLowerCase()
  if (DIGITS_ONLY.has(type)) {
    const digits = trimmed.replace(/\D/g, '')
    // A phone number written with and without its +1 country code is the same number.
    if (type === 'PHONE_NUMBER' && digits.length === 11 && digits.startsWith('1')) return digits.slice(1)
    return digits
  }
  if (type === 'IBAN_CODE') return trimmed.replace(/[\s-]/g, '').toUpperCase()
  if (type === 'URL') return trimmed.replace(/\/+$/, '').toUpperCase()
  return trimmed.replace(/\s+/g, ' ').toUpperCase()
}
