import { z } from 'zod'
import { defineEvaluator } from '../../src/core/define-evaluator.js'
import { evaluatorNameOption } from '../../src/core/evaluator-name.js'
import { nothingToCheck } from '../../src/core/nothing-to-check.js'
import { InvalidArgumentError } from '../../src/core/errors/invalid-argument-error.js'
import { parseOptions } from '../../src/core/parse-options.js'
import { toModelRef } from '../../src/core/model-ref.js'
import type { Evaluator, Finding, ModelRef, Sample } from '../../src/core/types.js'
import { createPiiDetector, PII_ENTITIES, type CustomRecognizer } from '../pii/index.js'
import { scanSecrets, secretTypes } from '../secrets/index.js'
import type { DataPrivacyPolicyInput } from './data-privacy-policy-schema.js'
import { defineDataPrivacyPolicy, loadDataPrivacyPolicy, type LoadedDataPrivacyPolicy } from './load-data-privacy-policy.js'

export const DATA_PRIVACY_CHECKS = ['inventory', 'destination-classes', 'consent', 'purpose', 'residency', 'output-redaction'] as const
export type DataPrivacyCheck = (typeof DATA_PRIVACY_CHECKS)[number]

const optionsSchema = z
  .object({
    name: evaluatorNameOption('data-privacy'),
    /** The policy: an object (validated), a loaded policy, or the path of a YAML/JSON policy file. */
    policy: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
    /** Extra PII recognizers (PII module `CustomRecognizer`s) whose entity types classes may use, e.g. for `health`. */
    recognizers: z.array(z.custom<CustomRecognizer>((v) => typeof v === 'object' && v !== null)).default([]),
  })
  .strict()

export type DataPrivacyOptions = { name?: string; policy: string | DataPrivacyPolicyInput | LoadedDataPrivacyPolicy; recognizers?: CustomRecognizer[] }

export interface DataPrivacyEvaluator extends Evaluator {
  controls: string[]
}

interface CheckOutcome {
  check: DataPrivacyCheck
  status: 'pass' | 'fail' | 'not_applicable'
  reason: string
}

interface Destination extends ModelRef {
  /** `model` or `fallbackModels[i]`. */
  role: string
}

const PLACEHOLDER = /<([A-Z][A-Z0-9_]{1,63})(?::[0-9a-f]{4,64})?>/g

/**
 * Data-flow policy checks on a sample (Confidentiality / Privacy / vendor risk). What flows where:
 *
 * - `input` and every `context[i]` go to the model: `sample.model`, and every fallback listed in
 *   `sample.metadata.fallbackModels` (an array of `{ provider, id, region? }` or `"provider:id"`
 *   strings) — a fallback may receive the same request, so it must pass the same checks;
 * - `output` goes to the user.
 *
 * Checks, each with policy id `data-privacy/<check>`:
 * - `inventory`: every destination's provider/model is in the approved inventory (drift fails);
 * - `destination-classes`: each data class detected in what goes to a destination is allowed
 *   there. Redacted values (`<EMAIL_ADDRESS>`, `<EMAIL_ADDRESS:1a2b3c4d>`, masks) are not detected,
 *   so redacting first passes; placeholders are counted in `details.redacted`;
 * - `consent`: `metadata.consent === false` (key configurable) → no personal data may flow;
 * - `purpose`: `metadata.purpose` must be a purpose the policy lists, allowing the classes sent;
 * - `residency`: subjects whose `metadata.subjectRegion` a rule covers (e.g. eu) only to
 *   destinations in that rule's regions (the sample's `model.region`, else the inventory's single
 *   region for the provider); region `eu` covers `eu-west-1`;
 * - `output-redaction`: classes the policy says must be redacted before the final answer are absent
 *   from `output`.
 *
 * Detection composes the PII module (`createPiiDetector`) and the secrets module (`scanSecrets`);
 * nothing is detected twice here. Score: the share of applicable checks that passed. policyId: the
 * first failing check in the order above.
 */
export function dataPrivacy(options: DataPrivacyOptions): DataPrivacyEvaluator {
  const { name: parsedName, policy: given, recognizers } = parseOptions(optionsSchema, options, 'dataPrivacy')
  const policy: LoadedDataPrivacyPolicy =
    typeof given === 'string'
      ? loadDataPrivacyPolicy(given)
      : isLoaded(given)
        ? given
        : defineDataPrivacyPolicy(given as DataPrivacyPolicyInput)

  const known = new Set<string>([...PII_ENTITIES, ...secretTypes, ...recognizers.map((r) => r.type)])
  for (const [name, entities] of Object.entries(policy.classes)) {
    const unknown = entities.filter((e) => !known.has(e))
    if (unknown.length) {
      throw new InvalidArgumentError({
        argument: 'dataPrivacy',
        issues: [{ path: `policy.classes.${name}`, message: `unknown entity type ${unknown.join(', ')}: use a PII entity, a secret type, or a custom recognizer's type` }],
      })
    }
  }
  const classOf = new Map<string, string[]>()
  for (const [name, entities] of Object.entries(policy.classes)) for (const e of entities) classOf.set(e, [...(classOf.get(e) ?? []), name])
  const piiTypes = [...classOf.keys()].filter((t) => !secretTypes.includes(t))
  const secretTypesWanted = [...classOf.keys()].filter((t) => secretTypes.includes(t))
  const detectPii = piiTypes.length
    ? createPiiDetector({ entities: piiTypes, minScore: policy.minScore, ...(recognizers.length ? { recognizers } : {}) }, 'dataPrivacy')
    : () => []
  const detect = (text: string) => [
    ...detectPii(text),
    ...(secretTypesWanted.length ? scanSecrets(text, { types: secretTypesWanted, minScore: policy.minScore }) : []),
  ]
  const personalClasses = new Set(policy.consent.classes ?? Object.keys(policy.classes))

  const evaluator = defineEvaluator({
    name: parsedName,
    version: '1.1.0',
    options: { policy: policy.ref, recognizers: recognizers.map((r) => ({ type: r.type, pattern: r.pattern, score: r.score })) },
    controls: [...policy.controls],
    rubric: policy.ref,
    ...(policy.owner ? { owner: policy.owner } : {}),
    evaluate(sample: Sample) {
      // what goes to the model(s)
      const inbound: { field: string; text: string }[] = []
      if (typeof sample.input === 'string') inbound.push({ field: 'input', text: sample.input })
      sample.context?.forEach((text, i) => typeof text === 'string' && inbound.push({ field: `context[${i}]`, text }))
      const inboundHits = inbound.flatMap(({ field, text }) => detect(text).map((h) => ({ ...h, field, classes: classOf.get(h.type) ?? [] })))
      const inboundClasses = new Set(inboundHits.flatMap((h) => h.classes))
      const outputHits = typeof sample.output === 'string' ? detect(sample.output).map((h) => ({ ...h, field: 'output', classes: classOf.get(h.type) ?? [] })) : []
      const redacted: Record<string, number> = {}
      for (const { text } of [...inbound, ...(typeof sample.output === 'string' ? [{ text: sample.output }] : [])]) {
        for (const m of text.matchAll(PLACEHOLDER)) if (classOf.has(m[1]!)) redacted[m[1]!] = (redacted[m[1]!] ?? 0) + 1
      }
      const { destinations, problems } = destinationsOf(sample)
      const metadata = sample.metadata ?? {}
      const findings: Finding[] = []
      const outcomes: CheckOutcome[] = []
      const finding = (h: (typeof inboundHits)[number], check: DataPrivacyCheck, message: string): Finding => ({
        type: h.type,
        field: h.field,
        start: h.start,
        end: h.end,
        score: h.score,
        detector: `data-privacy/${check}`,
        message,
      })

      // inventory
      if (destinations.length === 0 && problems.length === 0) outcomes.push({ check: 'inventory', status: 'not_applicable', reason: 'the sample names no model' })
      else {
        const drift = destinations.filter((d) => !approved(policy, d)).map(label)
        const bad = [...problems, ...drift.map((d) => `${d} is not in the approved-provider inventory`)]
        outcomes.push(bad.length ? { check: 'inventory', status: 'fail', reason: bad.join('; ') } : { check: 'inventory', status: 'pass', reason: `${destinations.map(label).join(', ')} approved` })
      }

      // destination-classes
      if (destinations.length === 0) outcomes.push({ check: 'destination-classes', status: 'not_applicable', reason: 'no destination model to check against' })
      else if (inboundHits.length === 0) outcomes.push({ check: 'destination-classes', status: 'pass', reason: 'no classified data sent to the model' })
      else {
        const reasons: string[] = []
        for (const d of destinations) {
          const allowed = allowedClasses(policy, d)
          const blocked = inboundHits.filter((h) => h.classes.length > 0 && !h.classes.some((c) => allowed.has(c)))
          if (!blocked.length) continue
          const classes = [...new Set(blocked.flatMap((h) => h.classes))]
          reasons.push(`${classes.join(', ')} data sent unredacted to ${label(d)}, which may not receive it`)
          for (const h of blocked) findings.push(finding(h, 'destination-classes', `${h.classes.join('/')} data may not go to ${label(d)}`))
        }
        outcomes.push(reasons.length ? { check: 'destination-classes', status: 'fail', reason: reasons.join('; ') } : { check: 'destination-classes', status: 'pass', reason: 'every class sent is allowed at its destination' })
      }

      // consent
      const consent = metadata[policy.consent.key]
      const personal = inboundHits.filter((h) => h.classes.some((c) => personalClasses.has(c)))
      if (consent === false) {
        if (personal.length) {
          for (const h of personal) findings.push(finding(h, 'consent', 'personal data sent without consent'))
          outcomes.push({ check: 'consent', status: 'fail', reason: `consent is false but ${[...new Set(personal.flatMap((h) => h.classes))].join(', ')} data was sent to the model` })
        } else outcomes.push({ check: 'consent', status: 'pass', reason: 'consent is false and no personal data was sent' })
      } else if (consent === undefined && policy.consent.required && personal.length) {
        outcomes.push({ check: 'consent', status: 'fail', reason: `personal data was sent but metadata.${policy.consent.key} is missing` })
      } else if (consent === true) outcomes.push({ check: 'consent', status: 'pass', reason: 'consent given' })
      else outcomes.push({ check: 'consent', status: 'not_applicable', reason: `no metadata.${policy.consent.key}` })

      // purpose
      if (!policy.purposes) outcomes.push({ check: 'purpose', status: 'not_applicable', reason: 'the policy lists no purposes' })
      else {
        const purpose = metadata[policy.purposes.key]
        const key = policy.purposes.key
        if (typeof purpose !== 'string' || purpose === '') {
          if (policy.purposes.required && inboundClasses.size) outcomes.push({ check: 'purpose', status: 'fail', reason: `classified data was sent but metadata.${key} names no purpose` })
          else outcomes.push({ check: 'purpose', status: 'not_applicable', reason: `no metadata.${key}` })
        } else if (!Object.hasOwn(policy.purposes.allowed, purpose)) {
          outcomes.push({ check: 'purpose', status: 'fail', reason: `purpose ${safeLabel(purpose)} is not one the policy lists` })
        } else {
          const allowed = new Set(policy.purposes.allowed[purpose])
          const outside = inboundHits.filter((h) => h.classes.length > 0 && !h.classes.some((c) => allowed.has(c)))
          for (const h of outside) findings.push(finding(h, 'purpose', `${h.classes.join('/')} data is not needed for purpose ${safeLabel(purpose)}`))
          const classes = [...new Set(outside.flatMap((h) => h.classes))]
          outcomes.push(
            outside.length
              ? { check: 'purpose', status: 'fail', reason: `${classes.join(', ')} data is outside purpose ${safeLabel(purpose)}` }
              : { check: 'purpose', status: 'pass', reason: `data sent fits purpose ${safeLabel(purpose)}` },
          )
        }
      }

      // residency
      const subject = metadata[policy.residency?.key ?? 'subjectRegion']
      const rules = typeof subject === 'string' ? (policy.residency?.rules ?? []).filter((r) => r.subjects.some((s) => regionCovers(s, subject.toLowerCase()))) : []
      if (!policy.residency) outcomes.push({ check: 'residency', status: 'not_applicable', reason: 'the policy has no residency rules' })
      else if (!rules.length) outcomes.push({ check: 'residency', status: 'not_applicable', reason: 'no residency rule covers the data subject' })
      else if (!destinations.length) outcomes.push({ check: 'residency', status: 'not_applicable', reason: 'no destination model to check' })
      else {
        const bad: string[] = []
        for (const d of destinations) {
          const region = regionOf(policy, d)
          for (const rule of rules) {
            if (region === undefined) bad.push(`${label(d)} has no known region, and subjects from ${rule.subjects.join('/')} may only go to ${rule.destinations.join('/')}`)
            else if (!rule.destinations.some((r) => regionCovers(r, region))) bad.push(`${label(d)} processes in ${region}; subjects from ${rule.subjects.join('/')} may only go to ${rule.destinations.join('/')}`)
          }
        }
        outcomes.push(bad.length ? { check: 'residency', status: 'fail', reason: [...new Set(bad)].join('; ') } : { check: 'residency', status: 'pass', reason: 'every destination is in an allowed region' })
      }

      // output-redaction
      const mustRedact = new Set(policy.output.mustRedact)
      if (typeof sample.output !== 'string') outcomes.push({ check: 'output-redaction', status: 'not_applicable', reason: 'no output' })
      else if (!mustRedact.size) outcomes.push({ check: 'output-redaction', status: 'not_applicable', reason: 'the policy requires no redaction in answers' })
      else {
        const leaked = outputHits.filter((h) => h.classes.some((c) => mustRedact.has(c)))
        for (const h of leaked) findings.push(finding(h, 'output-redaction', `${h.classes.filter((c) => mustRedact.has(c)).join('/')} data must be redacted before the answer`))
        const classes = [...new Set(leaked.flatMap((h) => h.classes.filter((c) => mustRedact.has(c))))]
        outcomes.push(
          leaked.length
            ? { check: 'output-redaction', status: 'fail', reason: `the answer contains ${classes.join(', ')} data that must be redacted (${leaked.map((h) => h.type).filter((t, i, a) => a.indexOf(t) === i).join(', ')})` }
            : { check: 'output-redaction', status: 'pass', reason: 'no class that must be redacted is in the answer' },
        )
      }

      const applicable = outcomes.filter((o) => o.status !== 'not_applicable')
      const failed = applicable.filter((o) => o.status === 'fail')
      const score = applicable.length ? (applicable.length - failed.length) / applicable.length : 1
      const first = failed[0]
      if (applicable.length === 0) return nothingToCheck(`no data flow in this sample (all ${outcomes.length} checks not applicable)`, { policy: policy.ref, checks: outcomes })
      return {
        status: failed.length ? 'fail' : 'pass',
        score,
        reason: failed.length
          ? failed.map((o) => `${o.check}: ${o.reason}`).join('; ')
          : `all ${applicable.length} applicable data-flow checks passed${applicable.length < outcomes.length ? ` (${outcomes.length - applicable.length} not applicable)` : ''}`,
        findings,
        policyId: first ? `data-privacy/${first.check}` : 'data-privacy',
        rubric: policy.ref,
        details: {
          policy: policy.ref,
          ...(policy.owner ? { owner: policy.owner } : {}),
          destinations: destinations.map((d) => ({ role: d.role, provider: d.provider, id: d.id, ...(regionOf(policy, d) ? { region: regionOf(policy, d) } : {}), approved: approved(policy, d) })),
          classes: { toModel: countClasses(inboundHits), toUser: countClasses(outputHits) },
          redacted,
          checks: outcomes,
        },
      }
    },
  })
  return evaluator as DataPrivacyEvaluator
}

function isLoaded(v: unknown): v is LoadedDataPrivacyPolicy {
  return typeof (v as LoadedDataPrivacyPolicy).ref?.sha256 === 'string' && Array.isArray((v as LoadedDataPrivacyPolicy).inventory)
}

function countClasses(hits: { classes: string[] }[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const h of hits) for (const c of h.classes) out[c] = (out[c] ?? 0) + 1
  return out
}

const label = (d: ModelRef) => `${d.provider}/${d.id}`
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()
/** `eu` covers `eu` and `eu-west-1`. */
const regionCovers = (wanted: string, actual: string) => actual === wanted || actual.startsWith(`${wanted}-`)
/** Labels from metadata are echoed only when they look like identifiers (never free text). */
const safeLabel = (v: string) => (/^[A-Za-z0-9_.-]{1,40}$/.test(v) ? `"${v}"` : '(unlisted value)')

export function approved(policy: LoadedDataPrivacyPolicy, d: ModelRef): boolean {
  return policy.inventory.some(
    (e) => same(e.provider, d.provider) && e.models.some((m) => m === '*' || same(m, d.id)) && (d.region === undefined || e.regions === undefined || e.regions.some((r) => regionCovers(r, d.region!.toLowerCase()))),
  )
}

function regionOf(policy: LoadedDataPrivacyPolicy, d: ModelRef): string | undefined {
  if (d.region) return d.region.toLowerCase()
  const regions = new Set(policy.inventory.filter((e) => same(e.provider, d.provider) && e.models.some((m) => m === '*' || same(m, d.id))).flatMap((e) => e.regions ?? []))
  return regions.size === 1 ? [...regions][0] : undefined
}

export function allowedClasses(policy: LoadedDataPrivacyPolicy, d: ModelRef): Set<string> {
  const region = regionOf(policy, d)
  return new Set(
    policy.destinations
      .filter((e) => same(e.provider, d.provider) && (e.model === '*' || same(e.model, d.id)) && (e.region === undefined || (region !== undefined && regionCovers(e.region, region))))
      .flatMap((e) => e.allow),
  )
}

/** `sample.model` and `sample.metadata.fallbackModels`; malformed fallback entries are reported, not ignored. */
function destinationsOf(sample: Sample): { destinations: Destination[]; problems: string[] } {
  const destinations: Destination[] = []
  const problems: string[] = []
  if (sample.model && typeof sample.model.provider === 'string' && typeof sample.model.id === 'string') destinations.push({ ...sample.model, role: 'model' })
  const fallbacks = sample.metadata?.fallbackModels
  if (fallbacks !== undefined) {
    if (!Array.isArray(fallbacks)) problems.push('metadata.fallbackModels is not a list')
    else
      fallbacks.forEach((f: unknown, i) => {
        const ref = toModelRef(f)
        if (ref) destinations.push({ ...ref, role: `fallbackModels[${i}]` })
        else problems.push(`metadata.fallbackModels[${i}] is not a model ({ provider, id } or "provider:id")`)
      })
  }
  return { destinations, problems }
}
