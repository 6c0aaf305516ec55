import { defineConfig } from 'vitest/config'

// vouch and vitest 5 need Node >= 22 (package.json engines); .ci/run provides it on older machines.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'evaluators/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
