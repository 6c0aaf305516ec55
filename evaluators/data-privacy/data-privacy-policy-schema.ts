import { z } from 'zod'
import { secretTypes } from '../secrets/index.js'

/**
 * Data classes built from detector entity types: PII entities (Presidio names, detected by the PII
 * module) and secret types (detected by the secrets module). A policy may redefine or add classes;
 * `health` and other domain classes need entity types from custom PII recognizers (pass
 * `recognizers` to `dataPrivacy`).
 */
export const DEFAULT_DATA_CLASSES: Readonly<Record<string, readonly string[]>> = {
  contact: ['EMAIL_ADDRESS', 'PHONE_NUMBER'],
  financial: ['CREDIT_CARD', 'IBAN_CODE', 'US_BANK_NUMBER', 'CRYPTO'],
  'government-id': ['US_SSN', 'US_PASSPORT', 'US_DRIVER_LICENSE'],
  network: ['IP_ADDRESS'],
  /** Every secret type the secrets module detects. */
  credentials: [...secretTypes],
}

const name = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'use lowercase letters, digits, ".", "_" or "-"')
const entity = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be an entity type such as EMAIL_ADDRESS')
const region = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'use a lowercase region such as eu, us or eu-west-1')
const controlId = z.string().regex(/^(CC[1-9]|A1|C1|PI1|P[1-8])\.[0-9]{1,2}$/, 'must be a SOC 2 criterion such as C1.1 or P6.1')

export const dataPrivacyPolicySchema = z
  .object({
    id: name,
    version: z.string().regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, 'must be semver, e.g. 1.0.0'),
    /** The control owner. */
    owner: z.string().min(1).optional(),
    /** SOC 2 criteria the policy evidences [C1.1 confidential data identified, CC9.2 vendor risk, P6.1 disclosure to third parties]. */
    controls: z.array(controlId).min(1).default(['C1.1', 'CC9.2', 'P6.1']),
    /** Class name → entity types. Defaults to `DEFAULT_DATA_CLASSES`; giving `classes` replaces them. */
    classes: z.record(name, z.array(entity).min(1)).default(() => structuredClone(DEFAULT_DATA_CLASSES) as Record<string, string[]>),
    /** The approved-provider inventory: a model not listed here is provider-approval drift. */
    inventory: z
      .array(
        z
          .object({
            provider: z.string().min(1),
            /** Approved model ids; "*" approves every model of the provider. */
            models: z.array(z.string().min(1)).min(1),
            /** Where the provider processes data; the destination's region when the sample names none. */
            regions: z.array(region).min(1).optional(),
          })
          .strict(),
      )
      .min(1),
    /** Which classes each destination may receive. A class not allowed must be redacted before it is sent. */
    destinations: z
      .array(
        z
          .object({
            provider: z.string().min(1),
            model: z.string().min(1).default('*'),
            region: region.optional(),
            allow: z.array(name),
          })
          .strict(),
      )
      .default([]),
    /** Classes that must not appear in the final answer. */
    output: z.object({ mustRedact: z.array(name).default([]) }).strict().default({ mustRedact: [] }),
    /** `metadata[key] === false` → no personal data (these classes, default all) may flow to a model. */
    consent: z
      .object({ key: z.string().min(1).default('consent'), required: z.boolean().default(false), classes: z.array(name).optional() })
      .strict()
      .default({ key: 'consent', required: false }),
    /** `metadata[key]` names the purpose; each purpose lists the classes it may send. */
    purposes: z
      .object({ key: z.string().min(1).default('purpose'), required: z.boolean().default(false), allowed: z.record(name, z.array(name)) })
      .strict()
      .optional(),
    /** Data residency: subjects from these regions (`metadata[key]`) only to destinations in those regions. */
    residency: z
      .object({
        key: z.string().min(1).default('subjectRegion'),
        rules: z.array(z.object({ subjects: z.array(region).min(1), destinations: z.array(region).min(1) }).strict()).min(1),
      })
      .strict()
      .optional(),
    /** Detection threshold passed to the PII module. */
    minScore: z.number().min(0).max(1).default(0.5),
  })
  .strict()
  .superRefine((policy, ctx) => {
    const known = new Set(Object.keys(policy.classes))
    const check = (list: readonly string[] | undefined, path: (string | number)[]) =>
      list?.forEach((c, i) => {
        if (!known.has(c)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `unknown data class "${c}"; define it under classes` })
      })
    policy.destinations.forEach((d, i) => check(d.allow, ['destinations', i, 'allow']))
    check(policy.output.mustRedact, ['output', 'mustRedact'])
    check(policy.consent.classes, ['consent', 'classes'])
    for (const [purpose, list] of Object.entries(policy.purposes?.allowed ?? {})) check(list, ['purposes', 'allowed', purpose])
  })

export type DataPrivacyPolicy = z.output<typeof dataPrivacyPolicySchema>
export type DataPrivacyPolicyInput = z.input<typeof dataPrivacyPolicySchema>
