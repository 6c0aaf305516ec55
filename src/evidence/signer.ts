import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as edSign, verify as edVerify, type KeyObject } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { sha256 } from '../core/hash.js'

/**
 * Signs evidence checkpoints. `fileSigner` holds an Ed25519 private key from a PEM file; a KMS or
 * HSM implements the same two members (the key never leaves it, `sign` calls out).
 */
export interface EvidenceSigner {
  /** Public key id: the first 16 hex characters of sha256 of the public key (SPKI DER). */
  readonly keyId: string
  /** Ed25519 signature over `data`. */
  sign(data: Uint8Array): Uint8Array | Promise<Uint8Array>
}

/** The id of a public key: first 16 hex of sha256(SPKI DER). Names the key in checkpoints and messages. */
export function keyIdOf(publicKey: KeyObject): string {
  return sha256(publicKey.export({ type: 'spki', format: 'der' })).slice(0, 16)
}

/** A signer over an Ed25519 private key (PEM, as `vouch keygen` writes it). */
export async function fileSigner(privateKeyFile: string): Promise<EvidenceSigner> {
  const key = createPrivateKey(await readFile(privateKeyFile))
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError(`${privateKeyFile}: not an Ed25519 private key`)
  return signerFromKey(key)
}

export function signerFromKey(key: KeyObject): EvidenceSigner {
  const keyId = keyIdOf(createPublicKey(key))
  return { keyId, sign: (data) => edSign(null, data, key) }
}

/** Reads an Ed25519 public key (PEM). A private key file is accepted too: its public half is used. */
export async function readPublicKey(file: string): Promise<KeyObject> {
  const pem = await readFile(file)
  const key = pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem)
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError(`${file}: not an Ed25519 key`)
  return key
}

export function verifySignature(publicKey: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    return edVerify(null, data, publicKey, signature)
  } catch {
    return false
  }
}

/** A new Ed25519 key pair as PEM text. */
export function generateSigningKeys(): { privatePem: string; publicPem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  }
}
