import type { LanguageModelV4 } from '@ai-sdk/provider'
import { wrapLanguageModel, type LanguageModel } from 'ai'
import { describeGivenModel, hostOf, type JudgeInfo } from './judge-info.js'
import { JudgeError } from './judge-error.js'
import { loadOpenAIProvider } from './load-openai-provider.js'

/** The default judge model id when none is configured (override with `VOUCH_JUDGE_MODEL`). */
export const DEFAULT_JUDGE_MODEL_ID = 'gpt-4o-mini'

/** What to tell a user whose rubric has judge criteria but no model. */
export const JUDGE_CONFIG_HINT =
  'no judge model configured: pass `model` (any AI SDK LanguageModel) or set OPENAI_API_KEY ' +
  '(and OPENAI_BASE_URL for an OpenAI-compatible local server; VOUCH_JUDGE_MODEL picks the model id); ' +
  'under `vouch eval --replay` recorded judge calls are served from cassettes without them'

export interface ResolvedJudge {
  /**
   * Always a model. Without configuration it is a placeholder that throws `JudgeError`
   * (`judge_not_configured`) when called, so a judge call through the host's cassettes can still
   * be replayed (the cassette answers before the model is called), and otherwise the caller
   * reports `skipped`.
   */
  model: LanguageModel
  info: JudgeInfo
  configured: boolean
}

/**
 * The judge model and its description.
 *
 * - `model` given: that model (its provider and endpoint host as far as they can be read).
 * - Else `@ai-sdk/openai` when `OPENAI_API_KEY` or `OPENAI_BASE_URL` is set. Model id: `modelId`,
 *   else `VOUCH_JUDGE_MODEL`, else gpt-4o-mini. API flavour: `VOUCH_JUDGE_API` (`chat` or
 *   `responses`) when set; else Chat Completions with `OPENAI_BASE_URL` (what OpenAI-compatible
 *   servers such as vLLM, llama.cpp and Ollama implement) and the Responses API without it.
 * - Else a placeholder (`configured: false`) with the same identity, see `ResolvedJudge.model`.
 *
 * Models built from the environment carry the provider id `openai` whatever the flavour, so a
 * judge call has the same cassette key over Chat Completions, the Responses API, or no provider at
 * all (replay in CI without the secret).
 */
export function resolveJudge({
  model,
  modelId,
  env = process.env,
}: { model?: LanguageModel | undefined; modelId?: string | undefined; env?: Record<string, string | undefined> } = {}): ResolvedJudge {
  if (model !== undefined) return { model, info: describeGivenModel(model), configured: true }
  const id = modelId ?? (env.VOUCH_JUDGE_MODEL || DEFAULT_JUDGE_MODEL_ID)
  const apiKey = env.OPENAI_API_KEY || undefined
  const baseURL = env.OPENAI_BASE_URL || undefined
  if (!apiKey && !baseURL) {
    return { model: notConfiguredModel(id), info: { provider: 'openai', modelId: id, api: 'none', endpoint: null, source: 'none' }, configured: false }
  }
  const flavour = env.VOUCH_JUDGE_API === 'chat' || env.VOUCH_JUDGE_API === 'responses' ? env.VOUCH_JUDGE_API : baseURL ? 'chat' : 'responses'
  // A local server may need no key; the provider still wants one to build its header.
  const provider = loadOpenAIProvider()({ apiKey: apiKey ?? 'not-needed', ...(baseURL ? { baseURL } : {}) })
  const inner = (flavour === 'chat' ? provider.chat(id) : provider.responses(id)) as LanguageModelV4
  return {
    // A no-op middleware: `wrapLanguageModel` with none returns the model unchanged, ignoring the id override.
    model: wrapLanguageModel({ model: inner, middleware: { specificationVersion: 'v4' }, providerId: 'openai', modelId: id }),
    info: { provider: 'openai', modelId: id, api: flavour === 'chat' ? 'chat-completions' : 'responses', endpoint: hostOf(baseURL ?? 'https://api.openai.com/v1'), source: 'env' },
    configured: true,
  }
}

/** The judge model: the one given, else one from the environment (see `resolveJudge`), else undefined. */
export function resolveJudgeModel(options: Parameters<typeof resolveJudge>[0] = {}): LanguageModel | undefined {
  const judge = resolveJudge(options)
  return judge.configured ? judge.model : undefined
}

/** A model that never reaches a provider: it only exists so cassettes can answer for it. */
function notConfiguredModel(modelId: string): LanguageModelV4 {
  const fail = async (): Promise<never> => {
    throw new JudgeError({ code: 'judge_not_configured', criterion: modelId, attempts: 1, message: JUDGE_CONFIG_HINT })
  }
  return { specificationVersion: 'v4', provider: 'openai', modelId, supportedUrls: {}, doGenerate: fail, doStream: fail }
}
