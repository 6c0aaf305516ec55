/** The five Trust Services Criteria categories of SOC 2, in the order an auditor's report lists them. */
export const TSC_CATEGORIES = [
  { id: 'security', name: 'Security', prefix: 'CC', summary: 'Common Criteria (CC1–CC9): the system is protected against unauthorized access, use or modification.' },
  { id: 'availability', name: 'Availability', prefix: 'A', summary: 'A1: the system is available for operation and use as committed or agreed.' },
  { id: 'processing-integrity', name: 'Processing Integrity', prefix: 'PI', summary: 'PI1: system processing is complete, valid, accurate, timely and authorized.' },
  { id: 'confidentiality', name: 'Confidentiality', prefix: 'C', summary: 'C1: information designated as confidential is protected as committed or agreed.' },
  { id: 'privacy', name: 'Privacy', prefix: 'P', summary: 'P1–P8: personal information is collected, used, retained, disclosed and disposed of as committed.' },
] as const

export type TscCategoryId = (typeof TSC_CATEGORIES)[number]['id'] | 'other'

// A criterion id: letters, then a number and an optional point (`CC6.1`, `PI1.3`, `A1.2`, `P4.2`). Bounded, linear.
const CRITERION = /^([A-Z]{1,3})(\d{1,2}(?:\.\d{1,3})?)$/

/** The category of a criterion id (`CC6.1` → security, `PI1.3` → processing-integrity); `other` when not a TSC id. */
export function categoryOf(control: string): TscCategoryId {
  const m = CRITERION.exec(control.trim().toUpperCase())
  if (!m) return 'other'
  const found = TSC_CATEGORIES.find((c) => c.prefix === m[1])
  return found ? found.id : 'other'
}

/** Sort criteria ids naturally: CC2.1 < CC6.1 < CC6.10. */
export function compareControls(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true })
}
