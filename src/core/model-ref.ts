import type { ModelRef } from './types.js'

/**
 * The one model-reference grammar of vouch: `provider:model-id` or `provider:model-id@region`.
 * The provider ends at the first `:` (model ids may hold more, `openai:ft:gpt-4o:acme::abc`); the
 * region starts after the last `@` and must not be empty. Undefined when the text is not a model
 * reference. Linear-time.
 */
export function parseModelRef(text: string): ModelRef | undefined {
  const colon = text.indexOf(':')
  if (colon <= 0 || colon === text.length - 1) return undefined
  const provider = text.slice(0, colon).trim()
  let id = text.slice(colon + 1).trim()
  const at = id.lastIndexOf('@')
  let region: string | undefined
  if (at !== -1) {
    region = id.slice(at + 1).trim()
    id = id.slice(0, at).trim()
    if (!region) return undefined
  }
  if (!provider || !id) return undefined
  return region ? { provider, id, region } : { provider, id }
}

/**
 * A ModelRef from what users and the AI SDK hand us: a `provider:id@region` string (see
 * `parseModelRef`), a `{ provider, id, region? }` object, or an AI SDK model (`{ provider, modelId }`).
 */
export function toModelRef(value: unknown): ModelRef | undefined {
  if (typeof value === 'string') return parseModelRef(value)
  if (value === null || typeof value !== 'object') return undefined
  const m = value as { provider?: unknown; modelId?: unknown; id?: unknown; region?: unknown }
  const id = typeof m.modelId === 'string' ? m.modelId : typeof m.id === 'string' ? m.id : undefined
  if (typeof m.provider !== 'string' || id === undefined) return undefined
  return typeof m.region === 'string' ? { provider: m.provider, id, region: m.region } : { provider: m.provider, id }
}

/** `provider:id` or `provider:id@region`: the inverse of `parseModelRef`. */
export function formatModelRef(ref: ModelRef): string {
  return `${ref.provider}:${ref.id}${ref.region ? `@${ref.region}` : ''}`
}
