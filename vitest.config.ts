import { defineConfig } from 'vitest/config'

// vouch and vitest 5 need Node >= 22 (package.json engines); .ci/run provides it on older machines.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'evaluators/**/*.test.ts', 'test/**/*.test.ts'],
    // Many tests spawn the built CLI several times; on a loaded 2-core machine one spawn can take 10 s.
    // Time is measured in bench/, never here: these limits only catch hangs.
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
})
