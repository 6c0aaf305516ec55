// `import 'vouch/vitest'`: vouch's matchers for vitest. Importing this module registers them.
import { expect } from 'vitest'
import { vouchMatchers, type VouchMatchers } from './matchers.js'

expect.extend(vouchMatchers)

export { vouchMatchers, type VouchMatchers, type ComplyWithOptions, type PassEvaluatorOptions, type SkipOptions } from './matchers.js'

declare module 'vitest' {
  // Same type parameters as vitest's own declaration, so the interfaces merge.
  interface Matchers<R extends void | Promise<void> = void | Promise<void>, T = unknown> extends VouchMatchers<T> {}
}
