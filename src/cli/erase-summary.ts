/** "3 payloads erased (retention), 1 payload erased (subject request)"; empty when none were. */
export function eraseSummary(erased: { retention: number; 'subject-request': number }): string {
  const parts: string[] = []
  const n = (k: number) => `${k} payload${k === 1 ? '' : 's'} erased`
  if (erased.retention) parts.push(`${n(erased.retention)} (retention)`)
  if (erased['subject-request']) parts.push(`${n(erased['subject-request'])} (subject request)`)
  return parts.join(', ')
}
