import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { UsageError } from '../core/errors/usage-error.js'
import { generateSigningKeys } from '../evidence/signer.js'
import type { Command } from './cli-io.js'
import { EXIT } from './exit-codes.js'
import { parseFlagTable, usageText, type FlagTable } from './flag-table.js'

const flags = {
  out: { type: 'string', value: 'DIR', help: 'where to write the key pair (default: .vouch/)' },
  force: { type: 'boolean', help: 'replace an existing key pair' },
} as const satisfies FlagTable

const usage = usageText({
  synopsis: 'vouch keygen [--out DIR] [--force]',
  description: `Writes an Ed25519 key pair for signed evidence checkpoints:
  DIR/vouch-signing.key   private key (PEM, mode 0600): give it to the writer (VOUCH_SIGNING_KEY or
                          the config's signing.key); keep it out of the repository
  DIR/vouch-signing.pub   public key (PEM): give it to whoever verifies (vouch verify --key)
DIR defaults to .vouch/. Existing keys are never overwritten unless --force.`,
  flags,
})

export const keygenCommand: Command = {
  name: 'keygen',
  summary: 'create an Ed25519 key pair that signs evidence checkpoints',
  usage,
  flags,
  async run(argv, io) {
    const { values, positionals } = parseFlagTable(flags, argv, { positionals: true })
    if (positionals.length) throw new UsageError({ message: 'keygen takes no positional arguments' })
    const dir = resolve(io.cwd, values.out ?? '.vouch')
    const keyFile = join(dir, 'vouch-signing.key')
    const pubFile = join(dir, 'vouch-signing.pub')
    if (!values.force && (existsSync(keyFile) || existsSync(pubFile))) {
      throw new UsageError({ message: `${existsSync(keyFile) ? keyFile : pubFile} exists; pass --force to replace the key pair (old checkpoints then need the old public key)` })
    }
    const { privatePem, publicPem, keyId } = generateSigningKeys()
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    writeFileSync(keyFile, privatePem, { mode: 0o600, flag: values.force ? 'w' : 'wx' })
    writeFileSync(pubFile, publicPem, { mode: 0o644, flag: values.force ? 'w' : 'wx' })
    io.stdout.write(`key id ${keyId}\n  private: ${keyFile} (mode 0600; set VOUCH_SIGNING_KEY to it, keep it secret)\n  public:  ${pubFile} (vouch verify --key ${pubFile})\n`)
    return EXIT.ok
  },
}
