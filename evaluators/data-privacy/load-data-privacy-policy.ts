import { readFileSync } from 'node:fs'
import { ConfigError } from '../../src/core/errors/config-error.js'
import { hashValue, sha256 } from '../../src/core/hash.js'
import { parseOptions } from '../../src/core/parse-options.js'
import type { VersionRef } from '../../src/core/types.js'
import { parseYamlWithSchema } from '../is-compliant/parse-yaml-with-schema.js'
import { dataPrivacyPolicySchema, type DataPrivacyPolicy, type DataPrivacyPolicyInput } from './data-privacy-policy-schema.js'

/** A validated policy and its version reference. */
export interface LoadedDataPrivacyPolicy extends DataPrivacyPolicy {
  /** sha256 of the file's bytes (or of the canonical JSON of a policy given in code). */
  ref: VersionRef
}

/** Load a data-privacy policy from a YAML or JSON file. Errors name the file, the line and the field. */
export function loadDataPrivacyPolicy(path: string): LoadedDataPrivacyPolicy {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    throw new ConfigError({ file: path, message: `${path}: cannot read policy (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, cause: error })
  }
  const policy = parseYamlWithSchema({ text: bytes.toString('utf8'), schema: dataPrivacyPolicySchema, file: path })
  return { ...policy, ref: { id: policy.id, version: policy.version, sha256: sha256(bytes) } }
}

/** A policy written in code, validated at once (`InvalidArgumentError` naming the field). */
export function defineDataPrivacyPolicy(input: DataPrivacyPolicyInput, argument = 'dataPrivacy.policy'): LoadedDataPrivacyPolicy {
  const policy = parseOptions(dataPrivacyPolicySchema, input, argument)
  return { ...policy, ref: { id: policy.id, version: policy.version, sha256: hashValue(policy) } }
}
