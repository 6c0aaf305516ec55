import { htmlReporter } from './html-reporter.js'
import { jsonReporter } from './json-reporter.js'
import { junitReporter } from './junit-reporter.js'
import { markdownReporter } from './markdown-reporter.js'
import type { Reporter } from './reporter.js'

/** Every report format, by name: the one list `--reporter` takes names from. */
export const reporters = {
  json: jsonReporter,
  markdown: markdownReporter,
  junit: junitReporter,
  html: htmlReporter,
} as const satisfies Record<string, Reporter>

export type ReporterName = keyof typeof reporters

export const reporterNames = Object.keys(reporters) as ReporterName[]

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(reporters, name)
}
