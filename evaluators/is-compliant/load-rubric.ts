import { readFileSync } from 'node:fs'
import { ConfigError } from '../../src/core/errors/config-error.js'
import { hashValue, sha256 } from '../../src/core/hash.js'
import { parseOptions } from '../../src/core/parse-options.js'
import type { VersionRef } from '../../src/core/types.js'
import { parseYamlWithSchema } from './parse-yaml-with-schema.js'
import { rubricSchema, type RubricDefinition, type RubricInput } from './rubric-schema.js'

/** A validated rubric and its version reference. */
export interface Rubric extends RubricDefinition {
  /** `{ id, version, sha256 }`: the sha256 covers the whole file's bytes, so an edit without a version bump is visible. */
  ref: VersionRef
  /** The Markdown after the front matter: the explanation for compliance reviewers. */
  body: string
  /** Where it was loaded from, when it came from a file. */
  file?: string
}

const FRONT_MATTER_OPEN = /^\uFEFF?---[ \t]*\r?\n/
const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*\r?$/m

/**
 * Load a rubric file: Markdown with a YAML front matter between `---` lines. Errors are
 * `ConfigError`s naming the file, the line and the field.
 */
export function loadRubric(path: string): Rubric {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    throw new ConfigError({ file: path, message: `${path}: cannot read rubric (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, cause: error })
  }
  return parseRubric(bytes.toString('utf8'), { file: path, sha256: sha256(bytes) })
}

/** Parse rubric text (the content of a rubric file). `sha256` defaults to the hash of the UTF-8 text. */
export function parseRubric(text: string, { file = '<rubric>', sha256: digest }: { file?: string; sha256?: string } = {}): Rubric {
  const open = FRONT_MATTER_OPEN.exec(text)
  if (!open) throw new ConfigError({ file, message: `${file}:1: a rubric starts with a YAML front matter: a "---" line, the YAML, then another "---" line` })
  const rest = text.slice(open[0].length)
  const close = FRONT_MATTER_CLOSE.exec(rest)
  if (!close) throw new ConfigError({ file, message: `${file}:1: the front matter opened on line 1 is never closed by a "---" line` })
  const yamlText = rest.slice(0, close.index)
  const body = rest.slice(close.index + close[0].length).replace(/^\s{0,1000}/, '')
  const definition = parseYamlWithSchema({ text: yamlText, schema: rubricSchema, file, lineOffset: 1 })
  const ref = { id: definition.id, version: definition.version, sha256: digest ?? sha256(text) }
  return { ...definition, ref, body, ...(file !== '<rubric>' ? { file } : {}) }
}

/**
 * A rubric written in code (no file). Its sha256 is that of the canonical JSON of the definition.
 * Options are validated at once (`InvalidArgumentError` naming the field).
 */
export function defineRubric(input: RubricInput & { body?: string }): Rubric {
  const { body = '', ...rest } = input
  const definition = parseOptions(rubricSchema, rest, 'defineRubric')
  return { ...definition, ref: { id: definition.id, version: definition.version, sha256: hashValue({ ...definition, body }) }, body }
}
