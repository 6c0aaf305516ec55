import type { ModelRef } from '../core/types.js'

/** `{ provider, id }` of an AI SDK model object, a `provider:id` string, or a ModelRef. */
export function modelRef(model: unknown): ModelRef | undefined {
  if (model == null) return undefined
  if (typeof model === 'string') {
    const at = model.indexOf(':')
    return at > 0 ? { provider: model.slice(0, at), id: model.slice(at + 1) } : { provider: 'unknown', id: model }
  }
  if (typeof model === 'object') {
    const m = model as { provider?: unknown; modelId?: unknown; id?: unknown; region?: unknown }
    const id = typeof m.modelId === 'string' ? m.modelId : typeof m.id === 'string' ? m.id : undefined
    if (typeof m.provider === 'string' && id !== undefined) {
      return typeof m.region === 'string' ? { provider: m.provider, id, region: m.region } : { provider: m.provider, id }
    }
  }
  return undefined
}
