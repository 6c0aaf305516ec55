export { secrets, type SecretsOptions } from './secrets.js'
export { scanSecrets, type ScanSecretsOptions, type SecretMatch } from './scan-secrets.js'
export { secretDetectors, secretTypes, type SecretDetector, type SecretHit } from './secret-detectors.js'
export { shannonEntropy } from './shannon-entropy.js'
