import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, open, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { EvidenceWriteError } from '../core/errors/evidence-write-error.js'
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js'
import { parseOptions } from '../core/parse-options.js'

/** The environment variable that carries the evidence salt (CI secret store, production config). */
export const SALT_ENV = 'VOUCH_EVIDENCE_SALT'
/** Where the generated per-project salt lives, relative to the project directory. */
export const SALT_FILE = join('.vouch', 'evidence-salt')

const MIN_SALT = 16

export interface ResolveSaltOptions {
  env?: Record<string, string | undefined>
  /** The config's `evidence.salt`. */
  configured?: string | undefined
  /** The project directory (where `.vouch/evidence-salt` lives). Default `process.cwd()`. */
  cwd?: string
  /** Create `.vouch/evidence-salt` when no salt is set anywhere (default true). */
  create?: boolean
}

export interface ResolvedSalt {
  salt: string
  /** `env`: VOUCH_EVIDENCE_SALT; `config`: the config's salt; `file`: the project's salt file; `generated`: that file was just created. */
  source: 'env' | 'config' | 'file' | 'generated'
  /** The salt file, for sources `file` and `generated`. */
  file?: string
}

const schema = z
  .object({
    // Not z.record: `process.env` is an exotic object z.record rejects ("expected record"), which
    // made every default lookup fail. Any object whose values are read as strings will do.
    env: z.custom<Record<string, string | undefined>>((v) => v != null && typeof v === 'object', { message: 'expected an object of environment variables' }).optional(),
    configured: z.string().min(MIN_SALT, `use a salt of at least ${MIN_SALT} characters`).optional(),
    cwd: z.string().optional(),
    create: z.boolean().optional(),
  })
  .strict()

/**
 * The salt keying the pseudonyms in stored evidence text (`<EMAIL_ADDRESS:3f9a1c2e>`), in order:
 *
 * 1. `VOUCH_EVIDENCE_SALT` from the environment (recommended for CI and production: keep it in the
 *    secret store, use the same value everywhere whose records you want to search together);
 * 2. the config's `evidence.salt`;
 * 3. `.vouch/evidence-salt` in the project directory, created on first use with 32 random bytes
 *    (mode 0600) next to a `.vouch/.gitignore` of `*` so it is never committed.
 *
 * There is deliberately no built-in default salt: with a salt everyone knows, the pseudonym of a
 * guessable value (an e-mail address, a phone number) can be reversed by hashing candidates. The
 * generated file keeps pseudonyms stable across runs on one machine; on ephemeral CI runners set
 * `VOUCH_EVIDENCE_SALT`, or `vouch export --subject` cannot search records from older runs (each
 * record carries a `saltId` so export can tell you when the salt differs).
 * Callers should tell the user when the source is `generated` (see `resolveSaltInfo`).
 */
export async function resolveSalt(options: ResolveSaltOptions = {}): Promise<string> {
  return (await resolveSaltInfo(options)).salt
}

export async function resolveSaltInfo({ env = process.env, configured, cwd = process.cwd(), create = true }: ResolveSaltOptions = {}): Promise<ResolvedSalt> {
  parseOptions(schema, { env, configured, cwd, create }, 'resolveSalt')
  const set = fromEnvOrConfig(env, configured)
  if (set) return set

  const dir = join(cwd, '.vouch')
  const file = join(cwd, SALT_FILE)
  const existing = await readSaltFile(file)
  if (existing !== undefined) return { salt: existing, source: 'file', file }
  if (!create) {
    throw new InvalidArgumentError({
      argument: 'salt',
      message: `no evidence salt: set ${SALT_ENV}, set evidence.salt in the config, or run from the project directory holding ${SALT_FILE}`,
    })
  }
  const salt = randomBytes(32).toString('hex')
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 })
    await writeFile(join(dir, '.gitignore'), '*\n', { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error
    })
    // O_EXCL: of two processes generating at once, one file wins and both use it.
    const handle = await open(file, 'wx', 0o600)
    try {
      await handle.writeFile(`${salt}\n`)
      await handle.sync()
    } finally {
      await handle.close()
    }
    return { salt, source: 'generated', file }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const winner = await waitForSaltFile(file)
      if (winner !== undefined) return { salt: winner, source: 'file', file }
    }
    throw new EvidenceWriteError({
      file,
      detail: `cannot create the per-project evidence salt; set ${SALT_ENV} (at least ${MIN_SALT} characters) instead`,
      cause: error,
    })
  }
}

/**
 * The salt from the variable, the config or an existing `.vouch/evidence-salt`, read synchronously
 * and never created: for a guardrail, which must know at construction whether it can store
 * redacted text. `undefined` when none is set; a salt that is set but too short throws.
 */
export function findSaltSync({ env = process.env, configured, cwd = process.cwd() }: Omit<ResolveSaltOptions, 'create'> = {}): ResolvedSalt | undefined {
  parseOptions(schema, { env, configured, cwd }, 'findSaltSync')
  const set = fromEnvOrConfig(env, configured)
  if (set) return set
  const file = join(cwd, SALT_FILE)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
  const salt = checkSaltFile(file, text)
  return salt === undefined ? undefined : { salt, source: 'file', file }
}

function fromEnvOrConfig(env: Record<string, string | undefined>, configured: string | undefined): ResolvedSalt | undefined {
  const fromEnv = env[SALT_ENV]
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_SALT) {
      throw new InvalidArgumentError({ argument: 'resolveSalt', issues: [{ path: SALT_ENV, message: `use a salt of at least ${MIN_SALT} characters` }] })
    }
    return { salt: fromEnv, source: 'env' }
  }
  if (configured !== undefined) return { salt: configured, source: 'config' }
  return undefined
}

async function readSaltFile(file: string): Promise<string | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return undefined
  }
  return checkSaltFile(file, text)
}

function checkSaltFile(file: string, content: string): string | undefined {
  const text = content.trim()
  if (text.length === 0) return undefined // being written by another process
  if (text.length < MIN_SALT) {
    throw new InvalidArgumentError({ argument: 'salt', message: `${file}: the evidence salt must be at least ${MIN_SALT} characters` })
  }
  return text
}

async function waitForSaltFile(file: string): Promise<string | undefined> {
  for (let i = 0; i < 50; i++) {
    const salt = await readSaltFile(file)
    if (salt !== undefined) return salt
    await new Promise((r) => setTimeout(r, 10))
  }
  return undefined
}

/** A public identifier of a salt (not the salt, and not enough to recover it): records carry it so a search can tell salts apart. */
export function saltId(salt: string): string {
  return createHash('sha256').update(`vouch-salt-id\u0000${salt}`).digest('hex').slice(0, 12)
}
