import { z } from 'zod'

/** Judge settings a rubric (or a caller) may set. All optional; defaults in brackets. */
export const judgeSettingsSchema = z
  .object({
    /** Model id for the default provider [`VOUCH_JUDGE_MODEL`, else gpt-4o-mini]. */
    model: z.string().min(1).optional(),
    /** k calls per criterion, majority wins [1]. Use with a non-zero temperature or a nondeterministic backend. */
    votes: z.number().int().min(1).max(9).optional(),
    /** [0] */
    temperature: z.number().min(0).max(2).optional(),
    /** Per call [60000]. */
    timeoutMs: z.number().int().positive().max(600_000).optional(),
    /** Retries on 429 / 5xx / timeout [2]. */
    maxRetries: z.number().int().min(0).max(10).optional(),
    /** First backoff delay, doubled per retry [500]. */
    initialDelayMs: z.number().int().min(0).max(60_000).optional(),
    /**
     * What happens to PII and secrets in the judged text before it leaves the process [pseudonymize]:
     * `pseudonymize` replaces each value by a consistent pseudonym (`<EMAIL_ADDRESS_1>`); `none` sends
     * it as it is (an opt-out recorded with every judged result; a data-privacy policy given to the
     * evaluator still pseudonymises the classes it does not allow for the judge).
     */
    redaction: z.enum(['pseudonymize', 'none']).optional(),
  })
  .strict()

export type JudgeSettings = z.infer<typeof judgeSettingsSchema>
