import { isAbsolute, resolve } from 'node:path'
import { InvalidArgumentError } from '../core/errors/invalid-argument-error.js'
import { fileSigner, type EvidenceSigner } from './signer.js'

/** Environment variable naming the Ed25519 private key file that signs checkpoints. */
export const SIGNING_KEY_ENV = 'VOUCH_SIGNING_KEY'

/**
 * The checkpoint signer: `VOUCH_SIGNING_KEY` (a private key file, relative to `cwd`), else the
 * config's `signing.key` (relative to the config's folder), else none (checkpoints are not signed,
 * and a full rewrite of a log cannot be detected).
 */
export async function resolveSigner({
  env,
  configured,
  cwd,
  configDir = cwd,
}: {
  env: Record<string, string | undefined>
  configured?: string | undefined
  cwd: string
  configDir?: string
}): Promise<EvidenceSigner | undefined> {
  const fromEnv = env[SIGNING_KEY_ENV]
  const file = fromEnv ? (isAbsolute(fromEnv) ? fromEnv : resolve(cwd, fromEnv)) : configured ? resolve(configDir, configured) : undefined
  if (!file) return undefined
  try {
    return await fileSigner(file)
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not a readable Ed25519 private key (PEM)'
    throw new InvalidArgumentError({ argument: fromEnv ? SIGNING_KEY_ENV : 'signing.key', issues: [{ path: file, message: why }] })
  }
}
