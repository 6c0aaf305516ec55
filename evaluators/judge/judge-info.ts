import type { LanguageModel } from 'ai'

/** Which wire protocol a judge call used. `none`: no provider configured (calls can only be replayed from cassettes). */
export type JudgeApi = 'chat-completions' | 'responses' | 'none' | (string & {})

/**
 * Who judged: recorded on every judged result (`details.judge`) and in reports, so an auditor can
 * tell the judge from the app's `model`. Never holds a credential: the endpoint is a host name.
 */
export interface JudgeInfo {
  /** The provider family, e.g. `openai` (also for OpenAI-compatible servers reached through `OPENAI_BASE_URL`). */
  provider: string
  modelId: string
  /** API flavour: `chat-completions` (`/chat/completions`), `responses` (`/responses`), or the AI SDK provider's own name. */
  api: JudgeApi
  /** Host (and port) of the endpoint, e.g. `api.openai.com` or `127.0.0.1:8080`; null when unknown or none. */
  endpoint: string | null
  /** How the model was chosen: a `model` option, the environment, or none (replay only). */
  source: 'option' | 'env' | 'none'
}

/** `openai.chat` → chat-completions, `openai.responses` → responses; other providers keep their own suffix. */
export function apiOfProvider(provider: string): { family: string; api: JudgeApi } {
  const dot = provider.indexOf('.')
  const family = dot > 0 ? provider.slice(0, dot) : provider
  const suffix = dot > 0 ? provider.slice(dot + 1) : ''
  const api = suffix === 'chat' ? 'chat-completions' : suffix === 'responses' ? 'responses' : suffix || provider
  return { family, api }
}

/** The host of a URL without user info, path or query: `https://key@host:8443/v1` → `host:8443`. */
export function hostOf(url: string | undefined): string | null {
  if (!url) return null
  try {
    return new URL(url).host || null
  } catch {
    return null
  }
}

/**
 * Describe a model someone passed in. Providers built on `@ai-sdk/provider-utils` keep a
 * `config.url()`; when present it gives the endpoint host (best effort: null otherwise).
 */
export function describeGivenModel(model: LanguageModel): JudgeInfo {
  if (typeof model === 'string') {
    // A gateway model id such as "openai/gpt-4o-mini".
    const slash = model.indexOf('/')
    return { provider: slash > 0 ? model.slice(0, slash) : 'gateway', modelId: slash > 0 ? model.slice(slash + 1) : model, api: 'gateway', endpoint: null, source: 'option' }
  }
  const { family, api } = apiOfProvider(model.provider)
  let endpoint: string | null = null
  try {
    const config = (model as { config?: { url?: (o: { path: string; modelId: string }) => string } }).config
    endpoint = hostOf(config?.url?.({ path: '', modelId: model.modelId }))
  } catch {
    endpoint = null
  }
  return { provider: family, modelId: model.modelId, api, endpoint, source: 'option' }
}
