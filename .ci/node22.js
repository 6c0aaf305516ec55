#!/usr/bin/env node
// Runs a Node program under Node >= 22 (vouch's engines; vitest 5 needs it): this node when it is
// new enough, else the registry's node@22 package (`npx -p node@22`, cached after the first run).
// Usage: node .ci/node22.js SCRIPT [ARGS...]   (npm test uses it, so it works on older machines too)
import { execFileSync, spawnSync } from 'node:child_process'
import { dirname } from 'node:path'

const [script, ...args] = process.argv.slice(2)
let node = process.execPath
if (Number(process.versions.node.split('.')[0]) < 22) {
  node = execFileSync('npx', ['-y', '-p', 'node@22', 'node', '-p', 'process.execPath'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim()
  process.stderr.write(`node ${process.version} is older than vouch's engines (>=22): running under ${node}\n`)
}
// First on PATH, so what the program spawns (npm, the built CLI) runs on the same node.
const env = { ...process.env, PATH: `${dirname(node)}:${process.env.PATH ?? ''}` }
const r = spawnSync(node, [script, ...args], { stdio: 'inherit', env })
if (r.error) throw r.error
process.exit(r.status ?? (r.signal ? 1 : 0))
