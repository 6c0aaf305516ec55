import { z } from 'zod'

const jsonPath = z.string().regex(/^\$/, 'must be a JSON path starting with "$" (e.g. "$.amount")')
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()])

/** A value constraint on one argument, by JSON path into the call's arguments. */
export const argConstraintSchema = z
  .object({
    path: jsonPath,
    min: z.number().optional(),
    max: z.number().optional(),
    enum: z.array(scalar).min(1).optional(),
    maxLength: z.number().int().nonnegative().optional(),
    /** The argument must equal `sample.metadata[key]` (e.g. only the current user's account id). */
    equalsMetadata: z.string().min(1).optional(),
    /** The argument must be one of the values in the array `sample.metadata[key]`. */
    inMetadata: z.string().min(1).optional(),
    /** Fail when the argument is absent (default false: absent arguments are the schema's business). */
    required: z.boolean().default(false),
  })
  .strict()
  .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, { message: 'min must be <= max' })

export const toolRuleSchema = z
  .object({
    /** `read` tools only look; `write` tools change something and need approval. */
    access: z.enum(['read', 'write']).default('read'),
    /** zod schema the arguments must satisfy. */
    args: z.custom<z.ZodType>((v) => v instanceof z.ZodType, 'must be a zod schema').optional(),
    constraints: z.array(argConstraintSchema).default([]),
    /** Most calls of this tool per request. */
    maxCalls: z.number().int().positive().optional(),
    /** Needs the approval flag in metadata (default: true for write tools, false for read tools). */
    requiresApproval: z.boolean().optional(),
  })
  .strict()

export const policyBodySchema = z
  .object({
    /** The tools this agent or route may call, with their rules. */
    tools: z.record(z.string().min(1), toolRuleSchema),
    /** Let calls to tools not listed in `tools` through (default false: deny by default). */
    allowUnlisted: z.boolean().default(false),
    /** No write tool at all on this route. */
    readOnly: z.boolean().default(false),
    /** Most tool calls per request. */
    maxCalls: z.number().int().positive().optional(),
    /**
     * Where approval is read: `sample.metadata[key]` is `true` (everything approved), an array of
     * approved tool names, or an object `{ [tool]: true }`.
     */
    approvalKey: z.string().min(1).default('approved'),
    /** Tool-name sequences that must not occur in this order (not necessarily adjacent), e.g. `[["read_secrets", "http_post"]]`. */
    forbiddenSequences: z.array(z.array(z.string().min(1)).min(2)).default([]),
    /** Completeness: the steps a run must contain; `ordered` (default) also requires them in this order. */
    workflow: z
      .object({ steps: z.array(z.string().min(1)).min(1), ordered: z.boolean().default(true) })
      .strict()
      .optional(),
  })
  .strict()

export const toolPolicySchema = policyBodySchema.extend({
  /** Reported as `policyId` (with `@version` when given). */
  id: z.string().min(1).optional(),
  version: z.string().min(1).optional(),
  /** Per-route (per-agent) policies replacing the top-level one when `sample.metadata[routeKey]` names them. */
  routes: z.record(z.string().min(1), policyBodySchema).optional(),
  routeKey: z.string().min(1).default('route'),
})

export type ToolPolicy = z.input<typeof toolPolicySchema>
export type ToolPolicyBody = z.output<typeof policyBodySchema>
export type ToolRule = z.output<typeof toolRuleSchema>
export type ArgConstraint = z.output<typeof argConstraintSchema>
