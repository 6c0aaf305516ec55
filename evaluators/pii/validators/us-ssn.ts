/**
 * Could `digits` (9 digits) be an issued US SSN? Rejects area 000, 666 and 900–999, group 00,
 * serial 0000, one digit repeated, and the well-known advertising number 123-45-6789.
 */
export function isValidSsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false
  const area = digits.slice(0, 3)
  const group = digits.slice(3, 5)
  const serial = digits.slice(5)
  if (area === '000' || area === '666' || area[0] === '9') return false
  if (group === '00' || serial === '0000') return false
  if (/^(\d)\1{8}$/.test(digits)) return false
  if (digits === '123456789') return false
  return true
}
