// Secrets recall and false alarms on cases generated from the secrets-patterns-db catalogue's
// regexes (format facts written by others, not leaked data), dev and test splits by rule-name hash.
// Tune on dev only. `VOUCH_CATALOGUE_MISSES=1` lists the dev rules missed and the dev false alarms.
import { scanSecrets } from '../evaluators/secrets/scan-secrets.js'
import { catalogueCases, hardNegatives } from '../test/fixtures/secrets/catalogue-cases.js'
import { loadCatalogue } from '../test/fixtures/secrets/catalogue-rules.js'
import { formatCatalogueScore, scoreCatalogue } from '../test/fixtures/secrets/score-catalogue.js'

const catalogue = loadCatalogue()
if (!catalogue) {
  console.log('(secrets-patterns-db catalogue not found: set VOUCH_SECRETS_CATALOGUE; nothing measured)')
} else {
  const { rules, excluded } = catalogue
  const cases = [...catalogueCases(rules), ...hardNegatives()]
  console.log(`catalogue: ${rules.length} credential rules used (dev ${rules.filter((r) => r.split === 'dev').length}, test ${rules.filter((r) => r.split === 'test').length}), ${excluded.length} left out as not credentials`)
  const reasons = new Map<string, number>()
  for (const e of excluded) reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1)
  for (const [reason, n] of reasons) console.log(`  left out: ${n} × ${reason}`)
  console.log(`cases: ${cases.filter((c) => c.secret).length} positives, ${cases.filter((c) => !c.secret).length} hard negatives (default minScore 0.5)`)
  const scan = (text: string) => scanSecrets(text, { minScore: 0.5 })
  for (const split of ['dev', 'test'] as const) {
    const score = scoreCatalogue(cases, split, scan)
    console.log(formatCatalogueScore(score))
    if (split === 'dev' && process.env.VOUCH_CATALOGUE_MISSES) {
      for (const [rule, contexts] of score.missedRules) {
        const r = rules.find((x) => x.name === rule)
        console.log(`  miss ${rule} [${r?.kind}] ${r?.value ?? r?.variable ?? ''}: ${contexts.join(' ')}`)
      }
      for (const c of score.alarms) console.log(`  alarm ${c.negative} (${c.rule}, ${c.context}): ${JSON.stringify(c.text.slice(0, 160))} -> ${JSON.stringify(scan(c.text).map((h) => `${h.type}:${c.text.slice(h.start, h.end).slice(0, 50)}`))}`)
    }
  }
}
