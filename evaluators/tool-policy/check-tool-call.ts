import { z } from 'zod'
import { InvalidArgumentError } from '../../src/core/errors/invalid-argument-error.js'
import { nonFiniteNumbers } from '../../src/core/non-finite-numbers.js'
import { parseOptions } from '../../src/core/parse-options.js'
import type { Finding, ToolCall } from '../../src/core/types.js'
import { jsonPathFrom, parseJsonPath, resolveJsonPath, type PathSegment } from '../output-range/json-path.js'
import { toolPolicySchema, type ArgConstraint, type ToolPolicy, type ToolPolicyBody } from './tool-policy-schema.js'

const compiledMarker = Symbol.for('vouch.compiledToolPolicy')

/** A validated policy with its JSON paths parsed: build once, check many calls. */
export interface CompiledToolPolicy {
  readonly [compiledMarker]: true
  id?: string
  version?: string
  routeKey: string
  base: CompiledBody
  routes: Record<string, CompiledBody>
  /** The validated policy, for hashing. */
  resolved: z.output<typeof toolPolicySchema>
}

interface CompiledBody extends ToolPolicyBody {
  paths: Map<ArgConstraint, PathSegment[]>
}

function compileBody(body: ToolPolicyBody, where: string): CompiledBody {
  const paths = new Map<ArgConstraint, PathSegment[]>()
  for (const [tool, rule] of Object.entries(body.tools)) {
    rule.constraints.forEach((constraint, i) => {
      try {
        paths.set(constraint, parseJsonPath(constraint.path))
      } catch (error) {
        throw new InvalidArgumentError({ argument: 'toolPolicy', issues: [{ path: `${where}tools.${tool}.constraints[${i}].path`, message: (error as Error).message }] })
      }
    })
  }
  return { ...body, paths }
}

/** Validate a policy (zod; the message names the field) and parse its paths. */
export function compileToolPolicy(policy: ToolPolicy | CompiledToolPolicy): CompiledToolPolicy {
  if (isCompiled(policy)) return policy
  const resolved = parseOptions(toolPolicySchema, policy, 'toolPolicy')
  const routes: Record<string, CompiledBody> = {}
  for (const [route, body] of Object.entries(resolved.routes ?? {})) routes[route] = compileBody(body, `routes.${route}.`)
  return {
    [compiledMarker]: true,
    ...(resolved.id !== undefined ? { id: resolved.id } : {}),
    ...(resolved.version !== undefined ? { version: resolved.version } : {}),
    routeKey: resolved.routeKey,
    base: compileBody(resolved, ''),
    routes,
    resolved,
  }
}

function isCompiled(policy: unknown): policy is CompiledToolPolicy {
  return typeof policy === 'object' && policy !== null && (policy as Record<symbol, unknown>)[compiledMarker] === true
}

const cache = new WeakMap<object, CompiledToolPolicy>()

function compiled(policy: ToolPolicy | CompiledToolPolicy): CompiledToolPolicy {
  if (isCompiled(policy)) return policy
  let c = cache.get(policy)
  if (!c) cache.set(policy, (c = compileToolPolicy(policy)))
  return c
}

/** The policy body that applies to a request: its route's, else the top-level one. */
export function policyFor(policy: CompiledToolPolicy, metadata: Record<string, unknown> = {}): { body: CompiledBody; route?: string } {
  const route = metadata[policy.routeKey]
  if (typeof route === 'string' && Object.hasOwn(policy.routes, route)) return { body: policy.routes[route]!, route }
  return { body: policy.base }
}

/** A tool name safe to print: names come from the model, so odd ones are not echoed. */
function showName(name: unknown): string {
  return typeof name === 'string' && /^[A-Za-z0-9_.:-]{1,64}$/.test(name) ? `"${name}"` : 'an unnamed or oddly named tool'
}

function violation(index: number, type: string, message: string, path?: string): Finding {
  return { type, field: path ? `toolCalls[${index}].args` : `toolCalls[${index}]`, start: 0, end: 0, score: 1, detector: 'tool-policy', ...(path ? { path } : {}), message }
}

function isApproved(metadata: Record<string, unknown>, key: string, tool: string): boolean {
  const value = metadata[key]
  if (value === true) return true
  if (Array.isArray(value)) return value.includes(tool)
  if (value && typeof value === 'object') return (value as Record<string, unknown>)[tool] === true
  return false
}

function parseArgs(args: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof args !== 'string') return { ok: true, value: args }
  try {
    return { ok: true, value: JSON.parse(args) }
  } catch {
    return { ok: false }
  }
}

function checkConstraint(constraint: ArgConstraint, present: boolean, value: unknown, metadata: Record<string, unknown>): string | undefined {
  if (!present || value === undefined) return constraint.required ? 'required argument is missing' : undefined
  if (constraint.min !== undefined || constraint.max !== undefined) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'expected a number'
    if (constraint.min !== undefined && value < constraint.min) return `below minimum ${constraint.min}`
    if (constraint.max !== undefined && value > constraint.max) return `above maximum ${constraint.max}`
  }
  if (constraint.enum && !constraint.enum.some((allowed) => Object.is(allowed, value))) return `not one of the ${constraint.enum.length} allowed values`
  if (constraint.maxLength !== undefined) {
    const length = typeof value === 'string' ? [...value].length : Array.isArray(value) ? value.length : undefined
    if (length === undefined) return 'expected a string or an array'
    if (length > constraint.maxLength) return `longer than ${constraint.maxLength}`
  }
  if (constraint.equalsMetadata !== undefined) {
    const expected = metadata[constraint.equalsMetadata]
    if (expected === undefined) return `metadata.${constraint.equalsMetadata} is missing, so the argument cannot be checked`
    if (!Object.is(expected, value)) return `does not match metadata.${constraint.equalsMetadata}`
  }
  if (constraint.inMetadata !== undefined) {
    const allowed = metadata[constraint.inMetadata]
    if (!Array.isArray(allowed)) return `metadata.${constraint.inMetadata} is not a list, so the argument cannot be checked`
    if (!allowed.some((a) => Object.is(a, value))) return `not among metadata.${constraint.inMetadata}`
  }
  return undefined
}

/** What a check needs to know about the calls before this one; advanced call by call (linear runs). */
interface RunState {
  index: number
  counts: Map<string, number>
  /** Per forbidden sequence: how many of its leading names have occurred in order so far. */
  progress: number[]
}

function initialState(body: CompiledBody): RunState {
  return { index: 0, counts: new Map(), progress: body.forbiddenSequences.map(() => 0) }
}

function advance(body: CompiledBody, state: RunState, call: ToolCall): void {
  const name = call?.name
  state.index++
  if (typeof name === 'string') state.counts.set(name, (state.counts.get(name) ?? 0) + 1)
  body.forbiddenSequences.forEach((sequence, s) => {
    const k = state.progress[s]!
    if (k < sequence.length - 1 && sequence[k] === name) state.progress[s] = k + 1
  })
}

/**
 * Check one tool call against the policy, given the calls made before it in the same request and
 * the request's metadata. Pure and synchronous: the guardrail calls it on each tool-call part as it
 * streams (`priorCalls` = the calls already let through). Returns findings (empty = allowed), each
 * pointing at `toolCalls[priorCalls.length]` (argument violations at `.args` with a JSON path);
 * messages never quote argument values.
 *
 * Checks: tool allowed on the route; read-only route; argument schema (zod) and value constraints
 * (bounds, enums, length, equal to / among metadata values); no number JSON cannot represent (1e309); approval for write tools; max calls
 * per request and per tool; forbidden sequences this call would complete. Workflow completeness
 * needs the whole run: see `checkToolCalls`.
 */
export function checkToolCall(
  policy: ToolPolicy | CompiledToolPolicy,
  call: ToolCall,
  priorCalls: readonly ToolCall[] = [],
  metadata: Record<string, unknown> = {},
): Finding[] {
  const { body } = policyFor(compiled(policy), metadata)
  const state = initialState(body)
  for (const prior of priorCalls) advance(body, state, prior)
  return checkWithState(body, call, state, metadata)
}

function checkWithState(body: CompiledBody, call: ToolCall, state: RunState, metadata: Record<string, unknown>): Finding[] {
  const index = state.index
  const findings: Finding[] = []
  const name = call?.name
  const rule = typeof name === 'string' && Object.hasOwn(body.tools, name) ? body.tools[name] : undefined

  if (body.maxCalls !== undefined && index + 1 > body.maxCalls) {
    findings.push(violation(index, 'MAX_CALLS_EXCEEDED', `call ${index + 1} exceeds the limit of ${body.maxCalls} tool calls per request`))
  }
  if (!rule) {
    if (!body.allowUnlisted) findings.push(violation(index, 'TOOL_NOT_ALLOWED', `${showName(name)} is not an allowed tool here`))
  } else {
    if (rule.access === 'write' && body.readOnly) findings.push(violation(index, 'WRITE_NOT_ALLOWED', `${showName(name)} writes, and this route is read-only`))
    const needsApproval = rule.requiresApproval ?? rule.access === 'write'
    if (needsApproval && !isApproved(metadata, body.approvalKey, name as string)) {
      findings.push(violation(index, 'APPROVAL_REQUIRED', `${showName(name)} needs approval (metadata.${body.approvalKey}) and has none`))
    }
    if (rule.maxCalls !== undefined) {
      const previous = state.counts.get(name as string) ?? 0
      if (previous + 1 > rule.maxCalls) findings.push(violation(index, 'TOOL_MAX_CALLS_EXCEEDED', `${showName(name)} called ${previous + 1} times, limit ${rule.maxCalls}`))
    }
    const parsed = parseArgs(call.args)
    if (!parsed.ok) findings.push(violation(index, 'INVALID_ARGS', 'arguments are not valid JSON', '$'))
    else {
      if (rule.args) {
        const result = rule.args.safeParse(parsed.value)
        if (!result.success) {
          for (const issue of result.error.issues.slice(0, 20)) findings.push(violation(index, 'INVALID_ARGS', issue.message, jsonPathFrom(issue.path)))
        }
      }
      // 1e309 in a model's arguments parses to Infinity: no tool can be handed that number (it
      // serialises back as null), so it is a violation wherever it is, constrained or not.
      const nonFinite = new Set(nonFiniteNumbers(parsed.value, { limit: 20 }).map((path) => jsonPathFrom(path)))
      for (const path of nonFinite) findings.push(violation(index, 'NON_FINITE_ARG', 'a number too large to represent (it parses to Infinity or NaN)', path))
      for (const constraint of rule.constraints) {
        for (const match of resolveJsonPath(parsed.value, body.paths.get(constraint)!)) {
          if (nonFinite.has(match.path)) continue
          const problem = checkConstraint(constraint, match.present, match.value, metadata)
          if (problem) findings.push(violation(index, 'ARG_CONSTRAINT', problem, match.path))
        }
      }
    }
  }
  body.forbiddenSequences.forEach((sequence, s) => {
    if (sequence[sequence.length - 1] === name && state.progress[s] === sequence.length - 1) {
      findings.push(violation(index, 'FORBIDDEN_SEQUENCE', `completes the forbidden sequence ${sequence.join(' → ')}`))
    }
  })
  return findings
}

/**
 * Check a whole run: every call as `checkToolCall` would (in order, each seeing the ones before
 * it; linear in the number of calls), then workflow completeness.
 */
export function checkToolCalls(policy: ToolPolicy | CompiledToolPolicy, calls: readonly ToolCall[], metadata: Record<string, unknown> = {}): Finding[] {
  const c = compiled(policy)
  const { body } = policyFor(c, metadata)
  const state = initialState(body)
  const findings: Finding[] = []
  for (const call of calls) {
    findings.push(...checkWithState(body, call, state, metadata))
    advance(body, state, call)
  }
  findings.push(...checkWorkflow(c, calls, metadata))
  return findings
}

/** Workflow completeness: a run that skipped a declared step fails ("a 12-step workflow must produce 12 traces"). */
export function checkWorkflow(policy: ToolPolicy | CompiledToolPolicy, calls: readonly ToolCall[], metadata: Record<string, unknown> = {}): Finding[] {
  const { body } = policyFor(compiled(policy), metadata)
  if (!body.workflow) return []
  const { steps, ordered } = body.workflow
  const names = calls.map((c) => c?.name)
  const findings: Finding[] = []
  const workflowFinding = (type: string, message: string): Finding => ({ type, field: 'toolCalls', start: 0, end: 0, score: 1, detector: 'tool-policy', message })
  let cursor = 0
  steps.forEach((step, k) => {
    if (!ordered) {
      if (!names.includes(step)) findings.push(workflowFinding('WORKFLOW_STEP_MISSING', `workflow step ${k + 1} of ${steps.length} ("${step}") never ran`))
      return
    }
    const at = names.indexOf(step, cursor)
    if (at >= 0) cursor = at + 1
    else if (names.includes(step)) findings.push(workflowFinding('WORKFLOW_OUT_OF_ORDER', `workflow step ${k + 1} of ${steps.length} ("${step}") ran out of order`))
    else findings.push(workflowFinding('WORKFLOW_STEP_MISSING', `workflow step ${k + 1} of ${steps.length} ("${step}") never ran`))
  })
  return findings
}
