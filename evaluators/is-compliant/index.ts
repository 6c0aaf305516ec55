export { isCompliant, type IsCompliantOptions, type CompliantEvaluator, type CriterionOutcome, type JudgeRecord } from './is-compliant.js'
export { loadRubric, parseRubric, defineRubric, type Rubric } from './load-rubric.js'
export {
  rubricSchema,
  criterionSchema,
  conditionSchema,
  SEVERITY_WEIGHTS,
  type Severity,
  type RubricDefinition,
  type RubricInput,
  type RubricCriterion,
  type RubricCriterionKind,
  type RubricCondition,
} from './rubric-schema.js'
export { checkSafePattern } from './safe-pattern.js'
export { isRefusal, DEFAULT_REFUSAL_PHRASES } from './rules/refuse-on-topic.js'
export { parseYamlWithSchema } from './parse-yaml-with-schema.js'
