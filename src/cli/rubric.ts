import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { z } from 'zod'
import { parseRubric } from '../../evaluators/is-compliant/load-rubric.js'
import { rubricSchema } from '../../evaluators/is-compliant/rubric-schema.js'
import { ConfigError } from '../core/errors/config-error.js'
import { UsageError } from '../core/errors/usage-error.js'
import { sha256 } from '../core/hash.js'
import type { CliIO, Command } from './cli-io.js'
import { EXIT } from './exit-codes.js'

const usage = `Usage: vouch rubric check [DIR|FILE...]   validate rubric files (default: rubrics/)
       vouch rubric schema                 print the rubric front matter's JSON Schema

check reads every *.md file (README.md excepted) in each DIR, recursively, and each FILE. It prints
one line per valid rubric on stdout and every problem as FILE:LINE: FIELD: MESSAGE on stderr.
Exit 0 when every rubric is valid, 2 when one is not (or none was found).`

export const rubricCommand: Command = {
  name: 'rubric',
  summary: 'validate rubric files (check) or print their JSON Schema (schema)',
  usage,
  async run(argv, io) {
    const [sub, ...rest] = argv
    if (sub === 'schema') {
      if (rest.length) throw new UsageError({ message: 'rubric schema takes no arguments' })
      io.stdout.write(`${JSON.stringify(rubricJsonSchema(), null, 2)}\n`)
      return EXIT.ok
    }
    if (sub === 'check') return check(rest.length ? rest : ['rubrics'], io)
    throw new UsageError({ message: sub === undefined ? 'give a subcommand: check or schema' : `unknown subcommand "${sub}"; use check or schema` })
  },
}

/** The JSON Schema of a rubric's front matter, for editors (YAML language servers). */
export function rubricJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://vouch.dev/schemas/rubric.json',
    title: 'vouch rubric (YAML front matter)',
    ...(z.toJSONSchema(rubricSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>),
  }
}

async function check(targets: string[], io: CliIO): Promise<number> {
  const files: string[] = []
  for (const target of targets) {
    const path = resolve(io.cwd, target)
    let stat
    try {
      stat = statSync(path)
    } catch {
      throw new ConfigError({ file: target, message: `${target}: no such file or directory` })
    }
    if (stat.isDirectory()) files.push(...rubricFiles(path))
    else files.push(path)
  }
  if (files.length === 0) {
    io.stderr.write(`vouch rubric check: no rubric files (*.md) in ${targets.join(', ')}\n`)
    return EXIT.usage
  }
  let invalid = 0
  for (const file of files) {
    const shown = relative(io.cwd, file) || file
    try {
      const bytes = readFileSync(file)
      const rubric = parseRubric(bytes.toString('utf8'), { file: shown, sha256: sha256(bytes) })
      const judges = rubric.criteria.filter((c) => c.kind === 'judge').length
      io.stdout.write(
        `ok  ${shown}  ${rubric.id}@${rubric.version}  ${rubric.criteria.length} criteria${judges ? ` (${judges} judge)` : ''}  owner ${rubric.owner}  controls ${rubric.controls.join(', ')}  sha256 ${rubric.ref.sha256.slice(0, 12)}\n`,
      )
    } catch (error) {
      if (!ConfigError.isInstance(error)) throw error
      invalid++
      io.stderr.write(`${error.message}\n`)
    }
  }
  if (invalid) io.stderr.write(`vouch rubric check: ${invalid} of ${files.length} rubric file(s) invalid\n`)
  return invalid ? EXIT.usage : EXIT.ok
}

function rubricFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...rubricFiles(path))
    else if (entry.isFile() && entry.name.endsWith('.md') && entry.name.toLowerCase() !== 'readme.md') out.push(path)
  }
  return out
}
