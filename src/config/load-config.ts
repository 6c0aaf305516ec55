import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { createJiti } from 'jiti'
import { ConfigError } from '../core/errors/config-error.js'
import { formatPath } from '../core/parse-options.js'
import { configSchema, type VouchConfig } from './config-schema.js'

export const CONFIG_FILES = ['vouch.config.ts', 'vouch.config.mts', 'vouch.config.js', 'vouch.config.mjs'] as const

export interface LoadedConfig {
  config: VouchConfig
  /** Absolute path of the config file. */
  file: string
  /** Directory paths in the config are relative to. */
  dir: string
}

/** Find the config: the given path, else the first `vouch.config.*` in `cwd`. */
export function findConfig(cwd: string, file?: string): string {
  if (file) {
    const path = resolve(cwd, file)
    if (!existsSync(path)) throw new ConfigError({ file: path, message: `${path}: config file not found` })
    return path
  }
  for (const name of CONFIG_FILES) {
    const path = resolve(cwd, name)
    if (existsSync(path)) return path
  }
  throw new ConfigError({ message: `no config found in ${cwd} (looked for ${CONFIG_FILES.join(', ')}); pass --config FILE` })
}

/**
 * Load `vouch.config.ts` without a build step, through jiti: a pure-JS TypeScript loader with no
 * process-wide hooks and no native binary (it is what ESLint, Tailwind and Nuxt use to load their TS
 * configs), so it works the same from `dist/` and in tests. Then validate with zod; a wrong field
 * gives a ConfigError naming the file and the field.
 */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false, interopDefault: true })
  let mod: unknown
  try {
    mod = await jiti.import(file)
  } catch (error) {
    throw new ConfigError({ file, message: `${file}: cannot load config: ${(error as Error).message}`, cause: error })
  }
  const exported = pickExport(mod)
  const raw = typeof exported === 'function' ? await (exported as () => unknown)() : exported
  const parsed = configSchema.safeParse(raw)
  if (!parsed.success) {
    throw new ConfigError({
      file,
      issues: explainIssues(parsed.error.issues).map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    })
  }
  return { config: parsed.data, file, dir: dirname(file) }
}

type Issue = { path: PropertyKey[]; message: string; code?: string; errors?: Issue[][]; issues?: Issue[] }

/**
 * zod reports a value that matches no branch of a union as one "Invalid input". For a config that
 * is useless (`dataset` may be a path, a spec or a list), so follow the branch that got furthest —
 * the one whose issues sit deepest — and report its issues under the union's path.
 */
export function explainIssues(issues: readonly Issue[], prefix: PropertyKey[] = []): Issue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path]
    // a record key that failed its own check: say why, not just "Invalid key in record"
    if (issue.code === 'invalid_key' && issue.issues?.length) return explainIssues(issue.issues, path)
    if (issue.code !== 'invalid_union' || !issue.errors?.length) return [{ ...issue, path }]
    const depth = (branch: Issue[]) => Math.max(...branch.map((i) => i.path.length + (i.code === 'invalid_type' && i.path.length === 0 ? -1 : 0)))
    const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0]!
    return depth(best) < 0 ? [{ ...issue, path }] : explainIssues(best, path)
  })
}

function pickExport(mod: unknown): unknown {
  if (mod && typeof mod === 'object') {
    const m = mod as { default?: unknown; config?: unknown }
    if (m.default !== undefined) return m.default
    if (m.config !== undefined) return m.config
  }
  return mod
}
