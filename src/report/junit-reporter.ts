import type { RunReport } from '../runner/run-report.js'
import type { Reporter } from './reporter.js'

/** `junit.xml`: one testcase per case × evaluator, for CI systems. */
export const junitReporter: Reporter = {
  name: 'junit',
  file: 'junit.xml',
  description: 'junit.xml — one testcase per case × evaluator',
  render: renderJunit,
}

// XML 1.0 forbids most control characters even when escaped; drop them.
const invalidXml = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu
export const xml = (s: string) =>
  s.replace(invalidXml, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')

export function renderJunit(report: RunReport): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>']
  const total = report.suites.reduce((n, s) => n + s.cases.reduce((m, c) => m + c.results.length, 0), 0)
  const count = (status: string) => report.suites.reduce((n, s) => n + s.cases.reduce((m, c) => m + c.results.filter((r) => r.status === status).length, 0), 0)
  out.push(`<testsuites name="vouch ${xml(report.runId)}" tests="${total}" failures="${count('fail')}" errors="${count('error')}" skipped="${count('skipped')}">`)
  for (const s of report.suites) {
    const results = s.cases.flatMap((c) => c.results.map((r) => ({ c, r })))
    const time = results.reduce((t, { r }) => t + r.durationMs, 0) / 1000
    out.push(
      `  <testsuite name="${xml(s.name)}" tests="${results.length}" failures="${results.filter(({ r }) => r.status === 'fail').length}" errors="${results.filter(({ r }) => r.status === 'error').length}" skipped="${results.filter(({ r }) => r.status === 'skipped').length}" time="${time.toFixed(3)}" timestamp="${xml(report.startedAt)}">`,
    )
    out.push('    <properties>')
    out.push(`      <property name="runId" value="${xml(report.runId)}"/>`)
    if (report.git) out.push(`      <property name="git.commit" value="${xml(report.git.commit)}"/>`)
    if (s.prompt) out.push(`      <property name="prompt" value="${xml(`${s.prompt.id}@${s.prompt.version} ${s.prompt.sha256}`)}"/>`)
    for (const d of s.datasets) out.push(`      <property name="dataset" value="${xml(`${d.path} ${d.sha256}`)}"/>`)
    out.push(`      <property name="evidence.lastHash" value="${xml(report.evidence.lastHash)}"/>`)
    if (s.casesOmitted) out.push(`      <property name="casesOmitted" value="${s.casesOmitted}"/>`)
    if (report.baseline) {
      out.push(`      <property name="baseline.runId" value="${xml(report.baseline.runId)}"/>`)
      out.push(`      <property name="baseline.regressions" value="${s.regressions.length}"/>`)
      out.push(`      <property name="baseline.fixed" value="${s.fixed.length}"/>`)
      if (s.scoreDeltas) out.push(`      <property name="baseline.scoreDeltas" value="${s.scoreDeltas.length}"/>`)
    }
    out.push('    </properties>')
    for (const { c, r } of results) {
      const head = `    <testcase classname="${xml(`${s.name}.${r.evaluator}`)}" name="${xml(`${c.caseId} › ${r.evaluator}`)}" time="${(r.durationMs / 1000).toFixed(3)}"`
      if (r.status === 'pass') {
        out.push(`${head}/>`)
        continue
      }
      out.push(`${head}>`)
      const message = xml(`${r.policyId ? `[${r.policyId}] ` : ''}${r.reason}`)
      const body = xml(
        [`score: ${r.score}`, ...r.findings.slice(0, 50).map((f) => `${f.type} in ${f.field}${f.path ? ` at ${f.path}` : ''} [${f.start}, ${f.end}) score ${f.score}${f.message ? `: ${f.message}` : ''}`)].join('\n'),
      )
      if (r.status === 'fail') out.push(`      <failure message="${message}" type="${xml(r.evaluator)}">${body}</failure>`)
      else if (r.status === 'error') out.push(`      <error message="${message}" type="${xml(r.evaluator)}">${body}</error>`)
      else out.push(`      <skipped message="${message}"/>`)
      out.push('    </testcase>')
    }
    const changes = [
      ...s.regressions.map((r) => ({ r, tag: 'regressed' })),
      ...s.fixed.map((r) => ({ r, tag: 'fixed' })),
      ...(s.scoreDeltas ?? []).map((r) => ({ r, tag: 'score' })),
    ]
    if (changes.length) {
      const lines = changes.slice(0, 1000).map(({ r, tag }) => `${tag} ${r.caseId} › ${r.evaluator}: ${r.before} ${r.scoreBefore} -> ${r.after} ${r.scoreAfter}`)
      if (changes.length > 1000) lines.push(`…and ${changes.length - 1000} more in report.json`)
      out.push(`    <system-out>${xml(`baseline ${report.baseline?.runId ?? ''}\n${lines.join('\n')}`)}</system-out>`)
    }
    out.push('  </testsuite>')
  }
  out.push('</testsuites>')
  return `${out.join('\n')}\n`
}
