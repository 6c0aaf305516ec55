import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { UsageError } from '../core/errors/usage-error.js'
import type { Command } from './cli-io.js'
import { evalFlags } from './eval.js'
import { EXIT } from './exit-codes.js'
import { parseFlagTable, usageText, type FlagTable } from './flag-table.js'
import { configTemplate, DATASET_TEMPLATE, GITIGNORE_TEMPLATE, packageJsonTemplate, rubricTemplate, workflowTemplate, type InitChoices } from './init-templates.js'
import { toolVersion } from './tool-version.js'

const flags = {
  dir: { type: 'string', value: 'DIR', help: 'the project folder (default: the working directory; created if missing)' },
  judge: {
    type: 'boolean',
    help: 'add an LLM-judge criterion to the rubric and make CI require a judge\n(OPENAI_API_KEY as a repository secret)',
  },
  force: { type: 'boolean', help: 'overwrite files that already exist (default: keep them and say so)' },
} as const satisfies FlagTable

const usage = usageText({
  synopsis: 'vouch init [--dir DIR] [--judge] [--force]',
  description: `Scaffolds a release gate in an empty or existing project:
  vouch.config.ts                 one suite over recorded answers: a custom evaluator, pii, secrets
                                  and a versioned rubric
  datasets/smoke.jsonl            five recorded cases (replace with your golden data)
  rubrics/answer-policy.md        the rubric (deterministic rules; a judge criterion with --judge)
  .github/workflows/vouch.yml     GitHub Actions: runs the gate on pull requests, keeps the evidence
  package.json                    only when the folder has none (vouch as a devDependency)
  .gitignore                      only when the folder has none (reports/, .vouch/)
Existing files are kept unless --force. Then: npm install, and \`npx vouch eval\`.`,
  flags,
  notes: 'Exit 0: files written (or all kept). 2: bad usage or an unwritable folder.',
})

/** The CI command line: `--require-judge` when a judge is configured and this CLI has the flag. */
export function ciEvalArgs(judge: boolean): string {
  return judge && Object.hasOwn(evalFlags, 'require-judge') ? 'eval --require-judge' : 'eval'
}

export const initCommand: Command = {
  name: 'init',
  summary: 'scaffold vouch.config.ts, a dataset, a rubric and a GitHub Actions gate in a project',
  usage,
  flags,
  async run(argv, io) {
    const { values, positionals } = parseFlagTable(flags, argv, { positionals: true })
    if (positionals.length) throw new UsageError({ message: `init takes no arguments (got "${positionals[0]}"); use --dir DIR for another folder` })
    const dir = resolve(io.cwd, values.dir ?? '.')
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError({ message: `--dir ${dir}: not a directory` })
    const judge = values.judge ?? false
    const choices: InitChoices = { name: basename(dir), judge, ciEvalArgs: ciEvalArgs(judge), version: await toolVersion() }
    const files: [string, string][] = [
      ['vouch.config.ts', configTemplate(choices)],
      ['datasets/smoke.jsonl', DATASET_TEMPLATE],
      ['rubrics/answer-policy.md', rubricTemplate(choices)],
      ['.github/workflows/vouch.yml', workflowTemplate(choices)],
    ]
    const hasPackageJson = existsSync(join(dir, 'package.json'))
    if (!hasPackageJson) files.push(['package.json', packageJsonTemplate(choices)])
    const hasGitignore = existsSync(join(dir, '.gitignore'))
    if (!hasGitignore) files.push(['.gitignore', GITIGNORE_TEMPLATE])

    const shown = (path: string) => relative(io.cwd, join(dir, path)) || path
    let kept = 0
    for (const [path, content] of files) {
      const target = join(dir, path)
      const exists = existsSync(target)
      if (exists && !values.force) {
        io.stdout.write(`kept     ${shown(path)} (exists; --force overwrites)\n`)
        kept++
        continue
      }
      mkdirSync(dirname(target), { recursive: true })
      writeFileSync(target, content)
      io.stdout.write(`${exists ? 'replaced' : 'wrote   '} ${shown(path)}\n`)
    }
    const next = [
      hasPackageJson ? 'npm install --save-dev vouch   (if it is not a dependency yet)' : 'npm install',
      'npx vouch eval',
      ...(judge ? ['set OPENAI_API_KEY (locally and as a repository secret) for the judge criterion'] : []),
      'add VOUCH_EVIDENCE_SALT as a repository secret (keys the pseudonyms of redacted values in evidence)',
      ...(hasGitignore ? ['add reports/ and .vouch/ (the local evidence salt) to .gitignore'] : []),
    ]
    if (judge && choices.ciEvalArgs === 'eval') {
      io.stdout.write('note: this vouch has no --require-judge flag yet; the workflow runs the gate without it\n')
    }
    io.stdout.write(`${kept === files.length ? 'nothing written' : 'done'}. Next:\n${next.map((s) => `  ${s}`).join('\n')}\n`)
    return EXIT.ok
  },
}
