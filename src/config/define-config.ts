import type { VouchConfigInput } from './config-schema.js'

/** Identity, for types: `export default defineConfig({ suites: [...] })` in vouch.config.ts. */
export function defineConfig(config: VouchConfigInput): VouchConfigInput {
  return config
}
