#!/usr/bin/env node
// Runs every bench/*.bench.ts in its own process (clean heap, honest RSS), one after another.
// `npm run bench -- pii` runs only the files whose name contains "pii".
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const filters = process.argv.slice(2)
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()
if (files.length === 0) {
  console.error(`bench: no bench/*.bench.ts matches ${filters.join(', ') || '(all)'}`)
  process.exit(2)
}
let failed = 0
for (const file of files) {
  console.log(`\n=== ${file}`)
  const r = spawnSync(process.execPath, ['--expose-gc', join(here, 'load.js'), join(here, file)], { stdio: 'inherit' })
  if (r.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
