import type { LoadedDataPrivacyPolicy } from './load-data-privacy-policy.js'
import { allowedClasses, approved } from './data-privacy.js'

/** What a data-privacy policy says about sending judged text to one LLM judge. */
export interface JudgeDestinationRules {
  /** The judge's provider and model are in the policy's approved inventory. */
  approved: boolean
  /** Data classes the policy lets this judge receive unredacted (its `destinations` entries). */
  allowedClasses: string[]
  /** Whether an entity type may reach this judge unredacted: every class it belongs to is allowed there. */
  mayReceive(type: string): boolean
  /** The policy, for the record. */
  policy: LoadedDataPrivacyPolicy['ref']
}

/**
 * The LLM judge as a destination of the data-privacy model: it receives the judged text, so it
 * must be an approved provider/model (`inventory`), and only the classes its `destinations` entry
 * allows may reach it unredacted. An entity type in no class is not restricted by the policy.
 * (A judge's provider is the provider family, e.g. `openai` for an OpenAI-compatible endpoint.)
 */
export function judgeDestinationRules(policy: LoadedDataPrivacyPolicy, judge: { provider: string; modelId: string }): JudgeDestinationRules {
  const ref = { provider: judge.provider, id: judge.modelId }
  const allowed = allowedClasses(policy, ref)
  const classesOf = new Map<string, string[]>()
  for (const [name, entities] of Object.entries(policy.classes)) for (const e of entities) classesOf.set(e, [...(classesOf.get(e) ?? []), name])
  return {
    approved: approved(policy, ref),
    allowedClasses: [...allowed].sort(),
    mayReceive: (type) => (classesOf.get(type) ?? []).every((c) => allowed.has(c)),
    policy: policy.ref,
  }
}
