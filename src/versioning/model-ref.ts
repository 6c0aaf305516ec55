import { parseModelRef, toModelRef } from '../core/model-ref.js'
import type { ModelRef } from '../core/types.js'

/**
 * `{ provider, id, region? }` of an AI SDK model object, a `provider:id@region` string (see
 * `parseModelRef`), or a ModelRef. A bare string without a provider is `{ provider: 'unknown', id }`.
 */
export function modelRef(model: unknown): ModelRef | undefined {
  if (model == null) return undefined
  if (typeof model === 'string') return parseModelRef(model) ?? { provider: 'unknown', id: model }
  return toModelRef(model)
}
