export { dataPrivacy, DATA_PRIVACY_CHECKS, type DataPrivacyOptions, type DataPrivacyEvaluator, type DataPrivacyCheck } from './data-privacy.js'
export { dataPrivacyPolicySchema, DEFAULT_DATA_CLASSES, type DataPrivacyPolicy, type DataPrivacyPolicyInput } from './data-privacy-policy-schema.js'
export { loadDataPrivacyPolicy, defineDataPrivacyPolicy, type LoadedDataPrivacyPolicy } from './load-data-privacy-policy.js'
export { judgeDestinationRules, type JudgeDestinationRules } from './judge-destination.js'
