export { defineConfig } from './define-config.js'
export { loadConfig, findConfig, CONFIG_FILES, type LoadedConfig } from './load-config.js'
export {
  configSchema,
  suiteSchema,
  gateSchema,
  type VouchConfig,
  type VouchConfigInput,
  type SuiteConfig,
  type GateConfig,
  type GateThresholds,
  type TaskFn,
  type TaskOutput,
  type TaskContext,
  type DatasetSpecInput,
} from './config-schema.js'
