import type { LanguageModel } from 'ai'
import { loadOpenAIProvider } from './load-openai-provider.js'

/** The default judge model id when none is configured (override with `VOUCH_JUDGE_MODEL`). */
export const DEFAULT_JUDGE_MODEL_ID = 'gpt-4o-mini'

/** What to tell a user whose rubric has judge criteria but no model. */
export const JUDGE_CONFIG_HINT =
  'no judge model configured: pass `model` (any AI SDK LanguageModel) or set OPENAI_API_KEY ' +
  '(and OPENAI_BASE_URL for an OpenAI-compatible local server; VOUCH_JUDGE_MODEL picks the model id)'

/**
 * The judge model: the one given, else `@ai-sdk/openai` when `OPENAI_API_KEY` or `OPENAI_BASE_URL`
 * is set (model id: `modelId`, else `VOUCH_JUDGE_MODEL`, else `gpt-4o-mini`), else undefined.
 * With `OPENAI_BASE_URL` the Chat Completions API is used, which OpenAI-compatible servers
 * (vLLM, llama.cpp, Ollama) implement; without it, OpenAI's Responses API.
 */
export function resolveJudgeModel({
  model,
  modelId,
  env = process.env,
}: { model?: LanguageModel | undefined; modelId?: string | undefined; env?: Record<string, string | undefined> } = {}): LanguageModel | undefined {
  if (model !== undefined) return model
  const apiKey = env.OPENAI_API_KEY || undefined
  const baseURL = env.OPENAI_BASE_URL || undefined
  if (!apiKey && !baseURL) return undefined
  const id = modelId ?? (env.VOUCH_JUDGE_MODEL || DEFAULT_JUDGE_MODEL_ID)
  // A local server may need no key; the provider still wants one to build its header.
  const provider = loadOpenAIProvider()({ apiKey: apiKey ?? 'not-needed', ...(baseURL ? { baseURL } : {}) })
  return baseURL ? provider.chat(id) : provider(id)
}
