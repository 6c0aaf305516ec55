// Secrets: precision/recall per detector on the labeled set, and scan throughput against a simple
// baseline (one plain AWS-key-id regex pass) measured in the same run on the same corpus.
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { keywordFormats } from '../evaluators/secrets/keyword-formats.js'
import { providerFormats } from '../evaluators/secrets/provider-formats.js'
import { scanSecrets } from '../evaluators/secrets/scan-secrets.js'
import { seededRandom } from '../test/fixtures/secrets/expand-fixture.js'
import { sampleFromRegex } from '../test/fixtures/secrets/sample-from-regex.js'
import { secretTypes } from '../evaluators/secrets/secret-detectors.js'
import { hostileSecretInputs } from '../test/fixtures/secrets/hostile-inputs.js'
import { loadLabeledCases } from '../test/helpers/load-labeled-cases.js'
import { formatScores, scoreDetectors } from '../test/helpers/score-detectors.js'
import { median, throughput as measure } from './measure.js'

const cases = loadLabeledCases(fileURLToPath(new URL('../test/fixtures/secrets/cases.jsonl', import.meta.url)))
const rows = cases.map((c) => ({ expect: c.expect, found: [...new Set(scanSecrets(c.text, { minScore: 0.5 }).map((m) => m.type))] }))
console.log(`labeled set: ${cases.length} cases (${cases.filter((c) => c.expect.length).length} positive, ${cases.filter((c) => !c.expect.length).length} hard negatives)`)
console.log(formatScores(scoreDetectors(rows, secretTypes)))

const throughput = (label: string, text: string, fn: (t: string) => unknown, runs = 7) => measure(label, text, fn, { runs, width: 34 })

// ~1 MB of realistic text: the labeled cases (secrets and near-misses) interleaved with prose and config lines
const prose = [
  'The deployment pipeline builds the container, runs the tests and pushes the image to the registry.',
  'timeout: 30\nretries: 3\nregion: eu-west-1\nlog_level: info',
  'Customer asked about the refund for order 1234; agent confirmed it will arrive in 5 business days.',
  'See https://docs.example.com/guide?section=auth for details on rotating credentials.',
]
let corpus = ''
for (let i = 0; corpus.length < 1 << 20; i++) corpus += `${prose[i % prose.length]}\n${cases[i % cases.length]!.text}\n`

const baselineRe = /AKIA[A-Z0-9]{16}/g
// a naive scanner: the common provider prefixes as plain regexes, no validation, no placeholders, no entropy
const naive = [
  /AKIA[A-Z0-9]{16}/g, /gh[pousr]_[A-Za-z0-9]{36}/g, /xox[abpr]-[A-Za-z0-9-]{10,}/g, /[sr]k_live_[A-Za-z0-9]{24,}/g, /sk-[A-Za-z0-9_-]{20,}/g,
  /AIza[A-Za-z0-9_-]{35}/g, /glpat-[A-Za-z0-9_-]{20}/g, /npm_[A-Za-z0-9]{36}/g, /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/g,
  /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, /-----BEGIN [A-Z ]*PRIVATE KEY-----/g, /(?:password|secret|api_key)\s*[:=]\s*\S+/gi,
]
// recall on the secrets-patterns-db catalogue: see bench/secrets-catalogue.bench.ts (`npm run bench -- secrets-catalogue`)

// token-dense text: every built-in format drawn from its own facts, in config-like lines, ~1 MB
const rand = seededRandom(77)
const lines: string[] = []
for (const [, type, re] of providerFormats) lines.push(`${type.toLowerCase()}=${sampleFromRegex(re, rand)}`)
for (const [, , keywords, value] of keywordFormats) lines.push(`${keywords[0]}_api_key: "${sampleFromRegex(value, rand)}"`)
let dense = ''
for (let i = 0; dense.length < 1 << 20; i++) dense += `${lines[i % lines.length]}\n`
const denseFound = scanSecrets(lines.join('\n'), { minScore: 0.5 }).length
console.log(`token-dense corpus: ${lines.length} format lines (findings on one copy: ${denseFound}), repeated to ${(dense.length / 1e6).toFixed(2)} MB`)

console.log(`\nthroughput (median of 7; wall clock, then CPU time of this process, which load on the machine disturbs less); load: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
const baseline = throughput('baseline: one AWS key-id regex', corpus, (t) => t.match(baselineRe))
const naiveMbps = throughput('baseline: 12 naive provider regexes', corpus, (t) => naive.map((re) => t.match(re)))
const ours = throughput('scanSecrets, all detectors', corpus, (t) => scanSecrets(t))
console.log(`ratio scanSecrets / one regex: ${(ours / baseline).toFixed(4)}; scanSecrets / naive regex list: ${(ours / naiveMbps).toFixed(3)}`)
const naiveDense = throughput('token-dense: 12 naive provider regexes', dense, (t) => naive.map((re) => t.match(re)))
const oursDense = throughput('token-dense: scanSecrets, all detectors', dense, (t) => scanSecrets(t))
console.log(`token-dense ratio scanSecrets / naive regex list: ${(oursDense / naiveDense).toFixed(3)}`)
const naiveCpu = cpuThroughput('token-dense CPU: 12 naive provider regexes', dense, (t) => naive.map((re) => t.match(re)))
const oursCpu = cpuThroughput('token-dense CPU: scanSecrets, all detectors', dense, (t) => scanSecrets(t))
console.log(`token-dense CPU ratio scanSecrets / naive regex list: ${(oursCpu / naiveCpu).toFixed(3)}`)

console.log('\nhostile inputs, CPU s/MB at 1 MB (median of 3) and 2 MB (one run, after a warm-up): linear when the two agree')
for (const [name, text] of Object.entries(hostileSecretInputs)) {
  const s1 = secondsPerMb(text, 3)
  const s2 = secondsPerMb(text.repeat(2), 1)
  console.log(`  ${name.padEnd(24)} ${s1.toFixed(3).padStart(7)} s/MB   ${s2.toFixed(3).padStart(7)} s/MB   x${(s2 / s1).toFixed(2)}`)
}

/** Median CPU time (user + system) of this process, in ms, of `runs` calls of `fn` after a warm-up call. */
function cpuMs(fn: () => unknown, runs: number): number {
  fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = process.cpuUsage()
    fn()
    const d = process.cpuUsage(t0)
    times.push((d.user + d.system) / 1000)
  }
  return median(times)
}

/** Median CPU time per call, printed and returned as MB/s. */
function cpuThroughput(label: string, text: string, fn: (t: string) => unknown, runs = 7): number {
  const ms = cpuMs(() => fn(text), runs)
  const mbps = text.length / (1 << 20) / (ms / 1000)
  console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms  ${mbps.toFixed(2).padStart(8)} MB/s`)
  return mbps
}

/** CPU seconds per MB of one scan (the warm-up call also flattens a repeated string). */
function secondsPerMb(text: string, runs: number): number {
  return cpuMs(() => scanSecrets(text), runs) / 1000 / (text.length / (1 << 20))
}
