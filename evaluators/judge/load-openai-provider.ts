import { createRequire } from 'node:module'
import type { LanguageModel } from 'ai'
import { ConfigError } from '../../src/core/errors/config-error.js'

const require = createRequire(import.meta.url)

/** The part of `@ai-sdk/openai`'s `createOpenAI` vouch uses (declared here: the package is optional). */
export type CreateOpenAI = (options: { apiKey?: string; baseURL?: string }) => ((modelId: string) => LanguageModel) & { chat(modelId: string): LanguageModel; responses(modelId: string): LanguageModel }

/**
 * `createOpenAI` from `@ai-sdk/openai`, an optional peer dependency: loaded only when a judge is
 * configured from the environment, so installs without a judge do not need it. A missing package
 * is a ConfigError (exit 2) that says what to install.
 */
export function loadOpenAIProvider({ load = (id: string) => require(id) as unknown }: { load?: (id: string) => unknown } = {}): CreateOpenAI {
  let mod: unknown
  try {
    mod = load('@ai-sdk/openai')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') throw error
    throw new ConfigError({
      message:
        'a judge model is configured from the environment (OPENAI_API_KEY or OPENAI_BASE_URL) but the optional peer dependency @ai-sdk/openai is not installed: run `npm install @ai-sdk/openai`, or pass `model` (any AI SDK LanguageModel) to the evaluator',
    })
  }
  return (mod as { createOpenAI: CreateOpenAI }).createOpenAI
}
