export { outputRange, type OutputRangeOptions } from './output-range.js'
