export { toolPolicy, type ToolPolicyOptions } from './tool-policy.js'
export { checkToolCall, checkToolCalls, checkWorkflow, compileToolPolicy, type CompiledToolPolicy } from './check-tool-call.js'
export { toolPolicySchema, type ToolPolicy, type ToolRule, type ArgConstraint } from './tool-policy-schema.js'
