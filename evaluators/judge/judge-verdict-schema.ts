import { z } from 'zod'

/**
 * What the judge model must answer for one criterion (structured output, never parsed from
 * free text). `score` is the judge's confidence that the requirement holds, in [0, 1]; `quote` is
 * the shortest excerpt of the judged data that supports the verdict, or "" when there is none.
 */
export const judgeVerdictSchema = z.object({
  criterion: z.string().describe('The id of the criterion being judged, copied from the request.'),
  verdict: z
    .enum(['pass', 'fail', 'not_applicable'])
    .describe('pass: the requirement holds; fail: it does not; not_applicable: the requirement does not apply to this data.'),
  // Range checked by a refinement, not minimum/maximum: some providers' strict structured-output
  // modes reject those keywords in the JSON Schema they are sent.
  score: z
    .number()
    .refine((n) => n >= 0 && n <= 1, 'score must be in [0, 1]')
    .describe('Confidence in [0, 1] that the requirement holds.'),
  reason: z.string().describe('One or two sentences explaining the verdict.'),
  quote: z.string().describe('The shortest excerpt of the data supporting the verdict, or an empty string.'),
})

export type JudgeVerdict = z.infer<typeof judgeVerdictSchema>
