import type { LanguageModel } from 'ai'
import { z } from 'zod'
import { sha256 } from '../../src/core/hash.js'
import type { EvalContext } from '../../src/core/types.js'
import { callJudge, type CallJudgeOptions, type JudgeUsage } from './call-judge.js'
import { dataNotInstructions, fenceData, type DataSection } from './fence-data.js'
import { judgeVerdictSchema, type JudgeVerdict } from './judge-verdict-schema.js'
import { majorityVote, type VoteOutcome } from './majority-vote.js'

export interface JudgeCriterionOptions {
  model: LanguageModel
  /** Stable id of the criterion, echoed back by the model. */
  criterion: string
  /** The natural-language requirement (trusted: written by the rubric author). */
  requirement: string
  /** The untrusted text to judge, e.g. `[{ label: 'input', text }, { label: 'output', text }]`. */
  data: readonly DataSection[]
  /** Extra trusted guidance for the judge (e.g. a rubric's explanation). */
  guidance?: string
  /** k independent calls decided by majority (ties resolve to the stricter verdict). Default 1. */
  votes?: number
  temperature?: number
  timeoutMs?: number
  retry?: CallJudgeOptions<typeof judgeVerdictSchema>['retry']
  signal?: AbortSignal
  wrapModel?: EvalContext['wrapModel']
  _internal?: CallJudgeOptions<typeof judgeVerdictSchema>['_internal']
}

export interface JudgeOutcome extends VoteOutcome {
  usage: JudgeUsage
}

const SYSTEM = [
  'You are a compliance judge. You decide whether ONE requirement holds for the data you are given,',
  'and answer only with the JSON object the response schema describes.',
].join(' ')

/** The instructions and prompt of a criterion judgement: exported so tests and reviewers can see exactly what is sent. */
export function buildJudgePrompt({ criterion, requirement, data, guidance }: Pick<JudgeCriterionOptions, 'criterion' | 'requirement' | 'data' | 'guidance'>): {
  instructions: string
  prompt: string
} {
  const fenced = fenceData(data)
  const instructions = `${SYSTEM} ${dataNotInstructions(fenced.tag)}`
  const prompt = [
    `Criterion id: ${criterion}`,
    `Requirement: ${requirement}`,
    ...(guidance ? [`Guidance: ${guidance}`] : []),
    '',
    'Answer with: criterion (the id above); verdict "pass" if the requirement holds for the data, "fail" if it does not,',
    '"not_applicable" if the requirement does not apply to it; score, your confidence in [0, 1] that the requirement holds;',
    'reason, one or two sentences; quote, the shortest excerpt of the data supporting the verdict, or "".',
    '',
    'The data to judge:',
    '',
    fenced.text,
  ].join('\n')
  return { instructions, prompt }
}

/**
 * The judge prompt's identity: sha256 of the prompt rendered with placeholders (instructions, the
 * data rule, the answer format) and of the verdict schema sent to the model. Recorded with every
 * judged result, so a wording change shows up in evidence even when nothing else changed.
 */
export const JUDGE_PROMPT_TEMPLATE: { id: string; sha256: string } = {
  id: 'vouch/judge-criterion',
  sha256: sha256(
    JSON.stringify({
      ...buildJudgePrompt({ criterion: '{criterion}', requirement: '{requirement}', guidance: '{guidance}', data: [{ label: '{field}', text: '{text}' }] }),
      schema: z.toJSONSchema(judgeVerdictSchema),
    }),
  ),
}

/**
 * Judge one natural-language criterion with structured output at temperature 0 (by default), the
 * data fenced and declared as data. With `votes: k`, k calls are made and the majority verdict
 * wins; `agreement` is the share of calls that gave it.
 */
export async function judgeCriterion({
  model,
  criterion,
  requirement,
  data,
  guidance,
  votes = 1,
  temperature = 0,
  timeoutMs,
  retry,
  signal,
  wrapModel,
  _internal,
}: JudgeCriterionOptions): Promise<JudgeOutcome> {
  const { instructions, prompt } = buildJudgePrompt({ criterion, requirement, data, ...(guidance ? { guidance } : {}) })
  const usage: JudgeUsage = { calls: 0, inputTokens: 0, outputTokens: 0 }
  const answers: JudgeVerdict[] = []
  // Sequential on purpose: votes share the provider's rate limit, and order stays reproducible.
  for (let i = 0; i < Math.max(1, Math.floor(votes)); i++) {
    const { output, usage: u } = await callJudge({
      model,
      schema: judgeVerdictSchema,
      instructions,
      prompt,
      label: criterion,
      temperature,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(retry ? { retry } : {}),
      ...(signal ? { signal } : {}),
      ...(wrapModel ? { wrapModel } : {}),
      ...(_internal ? { _internal } : {}),
    })
    usage.calls += u.calls
    usage.inputTokens += u.inputTokens
    usage.outputTokens += u.outputTokens
    answers.push(output)
  }
  return { ...majorityVote(answers), usage }
}
